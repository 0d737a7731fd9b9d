// @process: test
// A label, an account, a note, a description is stored in the catalog and the activity log and
// shown in the list, all in plain text. A person who pastes the key into its label too (or another
// token into any of these) must be refused — with words that say why and never repeat the value —
// and nothing stored: before, the key became the row's title and sat in catalog.json and
// activity.jsonl in the clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CANARIES, readTree } from '../helpers/core';
import { testVaults } from '../helpers/vaults';
import { contract } from '../../electron/shared/contract';
import { apiKeyLabel } from '../../electron/core/services/syncano/actions';

const open = testVaults();
const ALL = [CANARIES.synapse, CANARIES.synap, CANARIES.syncanoApiKey, CANARIES.syncanoAccountKey];

/** Every file of the vault's folder, as text: where a plaintext copy would be. */
const nothingHolds = (dir: string, secret: string) => readTree(dir).every((f) => !f.text.includes(secret));

test('add: a label or an account field holding a token is refused beside that field, and nothing is stored', async () => {
  const v = open();
  const cases = [
    // The key itself as its label: the slip the window made easy.
    { input: { service: 'syncano', label: CANARIES.syncanoApiKey, instance: 'shop', secret: CANARIES.syncanoApiKey }, field: 'label', what: 'a Syncano instance API key' },
    // Another secret inside a longer label.
    { input: { service: 'syncano', label: `key ${CANARIES.syncanoAccountKey} (old)`, instance: 'shop', secret: CANARIES.syncanoApiKey }, field: 'label', what: 'a Syncano account key' },
    { input: { service: 'synap', label: 'lab', portal: `Acme ${CANARIES.synap}`, secret: CANARIES.synap }, field: 'portal', what: 'a Synap personal access token' },
    { input: { service: 'synap', label: 'lab', portal: 'Acme', subjectUsers: [{ id: 'u1', note: `token=${CANARIES.synap}` }], secret: CANARIES.synap }, field: 'subjectUsers', what: 'a Synap personal access token' },
    { input: { service: 'synapse', label: 'laptop', username: CANARIES.syncanoApiKey, secret: CANARIES.synapse }, field: 'username', what: 'a Syncano instance API key' },
    // A Synapse token is longer than any label may be: it is still told what it is, not its length.
    { input: { service: 'synapse', label: CANARIES.synapse, secret: CANARIES.synapse }, field: 'label', what: 'a Synapse personal access token' },
  ] as const;
  for (const c of cases) {
    const r = await v.raw('addToken', c.input as never);
    assert.equal(r.ok, false, `${c.field} holding ${c.what} is refused`);
    assert.equal(r.error?.code, 'invalid-input');
    const said = JSON.stringify(r.error);
    assert.match(said, new RegExp(`this holds what looks like ${c.what}`));
    const fields = Object.keys(r.error?.fields ?? {});
    assert.ok(fields.some((k) => k.startsWith(c.field)), `the refusal is beside ${c.field}: ${fields.join(', ')}`);
    for (const s of ALL) assert.ok(!said.includes(s), 'the refusal does not repeat a secret');
  }
  assert.deepEqual(await v.call('listTokens', {}), [], 'nothing was added');
  assert.deepEqual(await v.keychain.findAll(), [], 'the keychain holds nothing');
  for (const s of ALL) assert.ok(nothingHolds(v.dir, s), 'no file in the vault folder holds a secret');
});

test('rename: a new label holding a token is refused, and the old label stays', async () => {
  const v = open();
  const t = await v.call('addToken', { service: 'syncano', label: 'billing', instance: 'shop', secret: CANARIES.syncanoApiKey });
  const r = await v.raw('renameToken', { id: t.id, label: CANARIES.syncanoApiKey });
  assert.equal(r.ok, false);
  assert.match(r.error?.fields?.label ?? '', /^A label is stored and shown in plain text/);
  assert.deepEqual((await v.call('listTokens', {})).map((x) => x.label), ['billing']);
  assert.ok(nothingHolds(v.dir, CANARIES.syncanoApiKey), 'the catalog and the activity log hold no secret');
});

test('a token is found however it is wrapped; ordinary text passes', () => {
  const schema = contract.renameToken.input;
  const key = CANARIES.syncanoApiKey;
  const wrapped = [`old key ${key}.`, `key:${key}`, `${key.toUpperCase()}!`, `PAT:${CANARIES.synap}`, `“${CANARIES.synap}”`, `/${CANARIES.synap}`, encodeURIComponent(CANARIES.synap)];
  for (const label of wrapped) assert.equal(schema.safeParse({ id: 'a'.repeat(26), label }).success, false, 'a wrapped token is refused');
  for (const label of ['Laptop – read only', 'CI runner #7001 (2026)', 'alice@example.org', 'deploy 1a2b3c4d', 'eyJhbGciOi…', 'p:notes', 'p:drive-backup-2026', 'https://portal.example.org/settings/api', 'http://riverside.example/some/long/path', 'ca7a2c0ffee0d15ea5e0b1c2d3e4f5a6b7c8d9e']) {
    assert.equal(schema.safeParse({ id: 'a'.repeat(26), label }).success, true, label);
  }
  const description = contract.syncanoUpdateApiKey.input.safeParse({ accountId: 'a'.repeat(26), instance: 'shop', keyId: 1, description: `for ${CANARIES.syncanoAccountKey}`, flags: {} });
  assert.equal(description.success, false, 'a Syncano key description holding a key is refused too');
});

test('a label made from text written elsewhere (a Syncano key description) never copies a secret from it', () => {
  assert.equal(apiKeyLabel({ id: 12, description: 'kiosk' }), 'API key — kiosk');
  assert.equal(apiKeyLabel({ id: 12, description: `backup of ${CANARIES.syncanoAccountKey}` }), 'API key #12');
});
