// @process: test
// The token list's orders by what a server said (renderer/src/app/sort-keys.ts): most recent use
// first; fewest days left first, an expired token at 0; a token the server no longer has, or one
// it never told about, listed last by name — and counted, so the list can say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SynapseServerState, TokenSummary } from '../../electron/shared/model';
import { sortTokens, withoutValueNote } from '../../renderer/src/app/sort-keys';

type Said = Omit<SynapseServerState, 'service' | 'at'>;
const AT = '2026-11-22T00:00:00.000Z';
const NOW = Date.parse('2026-11-23T00:00:00.000Z');
const token = (label: string, said?: Said, addedAt = '2026-01-01T00:00:00.000Z'): TokenSummary => ({
  id: label,
  service: 'synapse',
  kind: 'synapse-pat',
  label,
  preview: 'eyJh…abcd',
  addedAt,
  ...(said ? { server: { service: 'synapse' as const, at: AT, ...said } } : {}),
});
// What Synapse last said, as the catalog keeps it on each token (TokenSummary.server).
const said: Record<string, Said> = {
  used: { state: 'ACTIVE', lastUsed: '2026-11-20T10:00:00.000Z' },
  month: { state: 'ACTIVE', lastUsed: '2026-10-20T10:00:00.000Z' },
  expired: { state: 'EXPIRED', lastUsed: '2026-04-01T10:00:00.000Z' },
  gone: { state: 'gone' },
};
const list = (s: Record<string, Said>) => ['b-none', 'used', 'month', 'expired', 'gone', 'a-none'].map((l) => token(l, s[l]));
const tokens = list(said);
const labels = (r: { sorted: TokenSummary[] }) => r.sorted.map((t) => t.label);

test('last used: the most recent first; tokens gone or never told about last, by name', () => {
  const r = sortTokens(tokens, 'lastUsed', NOW);
  assert.deepEqual(labels(r), ['used', 'month', 'expired', 'a-none', 'b-none', 'gone']);
  assert.equal(r.withoutValue, 3);
  assert.equal(withoutValueNote('lastUsed', r.withoutValue, tokens.length), '3 tokens have no known last use and are listed last, by name. Synapse tells last use and days left in a sync (Synapse tab); the other services do not.');
});

test('days left: the fewest first, an expired token counting 0 even without a number', () => {
  const r = sortTokens(list({ ...said, expired: { state: 'EXPIRED' } }), 'daysLeft', NOW);
  assert.deepEqual(labels(r), ['expired', 'month', 'used', 'a-none', 'b-none', 'gone']);
  assert.equal(r.withoutValue, 3);
});

test('nothing known: every token by name, and the note says none has a value; the other orders say nothing', () => {
  const r = sortTokens(list({}), 'daysLeft', NOW);
  assert.deepEqual(labels(r), ['a-none', 'b-none', 'expired', 'gone', 'month', 'used']);
  assert.match(withoutValueNote('daysLeft', r.withoutValue, tokens.length)!, /^No token has a known number of days left\./);
  assert.equal(withoutValueNote('name', 6, 6), null);
  assert.equal(withoutValueNote('lastUsed', 0, 6), null);
});

test('the added-at orders are unchanged', () => {
  const added = [token('x', undefined, '2026-03-01T00:00:00.000Z'), token('y', undefined, '2026-01-01T00:00:00.000Z'), token('z', undefined, '2026-02-01T00:00:00.000Z')];
  assert.deepEqual(labels(sortTokens(added, 'newest', NOW)), ['x', 'z', 'y']);
  assert.deepEqual(labels(sortTokens(added, 'oldest', NOW)), ['y', 'z', 'x']);
});
