// @process: test
// The fake Synapse behaves as reference/synapse.md says the real one does, and the HTTP client
// reads it correctly: the tests of the app rest on this.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { FakeClock } from '../helpers/core';
import * as api from '../../electron/core/services/synapse';
import { checkSynapsePat } from '../../electron/core/token-kinds';
import { VaultError } from '../../electron/core/errors';
import { daysLeft } from '../../electron/core/synapse-actions';

const DAY = 86_400_000;

async function withFake(fn: (f: FakeSynapse, ep: api.SynapseEndpoints, clock: FakeClock) => Promise<void>, pageSize = 10) {
  const clock = new FakeClock();
  const f = await startFakeSynapse({ clock, pageSize });
  f.addUser({ userName: 'alice', password: 'correct horse', ownerId: '3400001' });
  try {
    await fn(f, { auth: f.authEndpoint, repo: f.repoEndpoint }, clock);
  } finally {
    await f.close();
  }
}

const rejects = (p: Promise<unknown>, check: (e: VaultError) => boolean) =>
  assert.rejects(p, (e: unknown) => e instanceof VaultError && check(e));

test('login2: 201 with an access token; wrong password 401; two-factor and terms of use each named', async () => {
  await withFake(async (f, ep) => {
    const s = await api.login2(ep, 'alice', 'correct horse');
    assert.equal(s.acceptsTermsOfUse, true);
    assert.ok(s.accessToken.length > 10);
    await rejects(api.login2(ep, 'alice', 'wrong'), (e) => e.code === 'unauthorized' && /username and password/.test(e.message));
    await rejects(api.login2(ep, 'nobody', 'x'), (e) => e.code === 'unauthorized');
    f.addUser({ userName: 'tfa', password: 'pw', twoFactor: true });
    await rejects(api.login2(ep, 'tfa', 'pw'), (e) => /two-factor/.test(e.message) && /paste it/.test(e.message));
    f.addUser({ userName: 'newbie', password: 'pw', acceptsTermsOfUse: false });
    assert.equal((await api.login2(ep, 'newbie', 'pw')).acceptsTermsOfUse, false);
    await rejects(
      api.withSession(ep, 'newbie', 'pw', async () => 'should not run'),
      (e) => /Terms of Use/.test(e.message),
    );
  });
});

test('PAT create: authorize is stripped, empty scope means all, blank name becomes a UUID, duplicate names refused', async () => {
  await withFake(async (_f, ep) => {
    const session = (await api.login2(ep, 'alice', 'correct horse')).accessToken;
    const t1 = await api.createPat(ep, session, { name: 'laptop', scope: ['view', 'authorize', 'modify'] });
    const d1 = checkSynapsePat(t1);
    assert.deepEqual(d1.scopes, ['view', 'modify']);
    assert.equal(d1.userId, '3400001');
    const t2 = await api.createPat(ep, session, { name: '', scope: [] });
    assert.ok(!checkSynapsePat(t2).scopes!.includes('authorize'));
    assert.ok(checkSynapsePat(t2).scopes!.includes('download'));
    const list = await api.listPats(ep, t1);
    assert.match(list.find((r) => r.id === checkSynapsePat(t2).recordId)!.name, /^[0-9a-f-]{36}$/);
    await rejects(api.createPat(ep, session, { name: 'laptop', scope: ['view'] }), (e) => e.code === 'conflict' && /already have a Synapse token named "laptop"/.test(e.message));
    // A PAT cannot carry authorize, so it cannot create another PAT.
    await rejects(api.createPat(ep, t1, { name: 'x', scope: ['view'] }), (e) => e.code === 'forbidden');
  });
});

test('PAT list is paged and newest first; get; delete, after which the token is 401 and 404', async () => {
  await withFake(async (f, ep, clock) => {
    const tokens: string[] = [];
    for (let i = 0; i < 25; i++) {
      tokens.push(f.issuePat('alice', `t${i}`));
      clock.advance(1000);
    }
    const list = await api.listPats(ep, tokens[0]!);
    assert.equal(list.length, 25);
    assert.deepEqual(list.slice(0, 3).map((r) => r.name), ['t24', 't23', 't22']);
    assert.ok(f.requests.filter((r) => r.path.endsWith('/personalAccessToken') && r.method === 'GET').length >= 3, 'not paged');
    const id = checkSynapsePat(tokens[3]!).recordId!;
    const rec = await api.getPat(ep, tokens[0]!, id);
    assert.equal(rec?.name, 't3');
    assert.equal(rec?.state, 'ACTIVE');
    const session = (await api.login2(ep, 'alice', 'correct horse')).accessToken;
    // Revoking needs modify + authorize: a PAT is refused, a password session works.
    await rejects(api.deletePat(ep, tokens[0]!, id), (e) => e.code === 'forbidden');
    assert.equal(await api.deletePat(ep, session, id), true);
    assert.equal(await api.deletePat(ep, session, id), false, 'a second delete is a 404');
    assert.equal(await api.getPat(ep, tokens[0]!, id), null);
    assert.equal((await api.listPats(ep, tokens[0]!)).length, 24, 'revoked tokens are not listed');
    await rejects(api.userProfile(ep, tokens[3]!), (e) => e.code === 'unauthorized' && e.status === 401);
  });
});

test('userProfile gives userName and ownerId; an unknown token is 401; no view scope is 403', async () => {
  await withFake(async (f, ep) => {
    const t = f.issuePat('alice', 'a');
    assert.deepEqual(await api.userProfile(ep, t), { ownerId: '3400001', userName: 'alice' });
    await rejects(api.userProfile(ep, t.slice(0, -4) + 'AAAA'), (e) => e.status === 401);
    const noView = f.issuePat('alice', 'b', ['download']);
    await rejects(api.userProfile(ep, noView), (e) => e.status === 403);
  });
});

test('lastUsed is stamped (at most once a minute) and a token unused for 180 days is EXPIRED and refused', async () => {
  await withFake(async (f, ep, clock) => {
    const used = f.issuePat('alice', 'used');
    const idle = f.issuePat('alice', 'idle');
    clock.advance(10 * DAY);
    await api.userProfile(ep, used);
    const first = (await api.listPats(ep, used)).find((r) => r.name === 'used')!.lastUsed;
    clock.advance(30_000);
    await api.userProfile(ep, used);
    assert.equal((await api.listPats(ep, used)).find((r) => r.name === 'used')!.lastUsed, first, 'lastUsed moved within a minute');
    const idleRec = (await api.listPats(ep, used)).find((r) => r.name === 'idle')!;
    assert.equal(idleRec.lastUsed, undefined);
    assert.equal(daysLeft(idleRec, clock.now()), 170);
    clock.advance(171 * DAY);
    const usedRec = (await api.listPats(ep, used)).find((r) => r.name === 'used')!;
    assert.equal(usedRec.state, 'ACTIVE');
    const expired = (await api.listPats(ep, used)).find((r) => r.name === 'idle')!;
    assert.equal(expired.state, 'EXPIRED');
    assert.equal(daysLeft(expired, clock.now()), 0);
    await rejects(api.userProfile(ep, idle), (e) => e.status === 401);
    // An expired token can still be deleted.
    const session = (await api.login2(ep, 'alice', 'correct horse')).accessToken;
    assert.equal(await api.deletePat(ep, session, expired.id), true);
  });
});

test('the 101st token makes the server delete the least recently used', async () => {
  await withFake(async (f, ep, clock) => {
    const first = f.issuePat('alice', 'oldest');
    clock.advance(1000);
    const keep = f.issuePat('alice', 'keeper');
    for (let i = 0; i < 98; i++) f.issuePat('alice', `n${i}`);
    clock.advance(1000);
    await api.userProfile(ep, keep);
    assert.equal((await api.listPats(ep, keep)).length, 100);
    f.issuePat('alice', 'one too many');
    const names = (await api.listPats(ep, keep)).map((r) => r.name);
    assert.equal(names.length, 100);
    assert.ok(!names.includes('oldest'));
    assert.ok(names.includes('keeper'));
    await rejects(api.userProfile(ep, first), (e) => e.status === 401);
  });
});

test('a refused connection is a network error naming Synapse, without the token', async () => {
  const token = 'x'.repeat(30);
  await rejects(api.userProfile({ auth: 'http://127.0.0.1:9', repo: 'http://127.0.0.1:9/repo/v1' }, token), (e) => e.code === 'network' && /Synapse/.test(e.message) && !e.message.includes(token));
});
