// @process: test
// Syncano and pasted keys, against the fake Syncano: "I have this key" stores a key pasted against
// its row once Syncano confirms it is that key, without resetting it; an account key belongs to an
// e-mail (Verify names it) and one Syncano does not know is marked so, so the tab stops opening
// on it.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CANARIES, hexKey, makeSynapsePat, makeTestVault, readTree, type TestVault } from '../helpers/core';
import { FakeSyncano, startFakeSyncano, type FakeAccount, type FakeApiKey } from '../../e2e/fakes/syncano';

const PASSWORD = 'Pectorals-flex-7731';

describe('Syncano: pasted keys', () => {
  let fake: FakeSyncano;
  let admin: FakeAccount;
  let mine: FakeApiKey;
  let other: FakeApiKey;
  let tv: TestVault;

  before(async () => {
    fake = await startFakeSyncano();
    admin = fake.addAccount({ email: 'ada@example.org', password: PASSWORD, first_name: 'Ada', account_key: CANARIES.syncanoAccountKey });
    fake.addInstance(admin, 'shop-prod', 'The shop');
    other = fake.addApiKey('shop-prod', { description: 'someone else' });
    mine = fake.addApiKey('shop-prod', { description: 'mobile app', api_key: CANARIES.syncanoApiKey, allow_anonymous_read: true, ignore_acl: true });
  });
  after(() => fake.close());
  beforeEach(() => {
    tv = makeTestVault({ env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url } });
  });
  afterEach(() => tv.cleanup());

  const signIn = async () => (await tv.call('syncanoSignIn', { email: admin.email, password: PASSWORD })).token;
  const noSecretOnDisk = () => {
    for (const { file, text } of readTree(tv.dir)) for (const c of [CANARIES.syncanoApiKey, CANARIES.syncanoAccountKey]) assert.ok(!text.includes(c), `no key in ${file}`);
  };

  it('"I have this key": a paste that is the key is stored with its instance, id and flags, and nothing is reset', async () => {
    const account = await signIn();
    const before = fake.requests.length;
    const r = await tv.call('syncanoStoreApiKey', { accountId: account.id, instance: 'shop-prod', keyId: mine.id, secret: `  ${CANARIES.syncanoApiKey.toUpperCase()}\n` });
    assert.ok(r.token);
    assert.equal(r.token.kind, 'syncano-api-key');
    assert.equal(r.token.account, 'shop-prod');
    assert.equal(r.token.recordId, String(mine.id));
    assert.deepEqual(r.token.flags, ['ignore_acl', 'allow_anonymous_read']);
    assert.equal(r.token.label, 'API key — mobile app');
    assert.equal(r.token.verification?.state, 'valid');
    assert.equal(r.key.vaultId, r.token.id);
    assert.ok((await tv.core.parts.tokens.secret(r.token.id)) === CANARIES.syncanoApiKey, 'stored lower-case, as Syncano issued it');
    // One read of the key with the account key; no reset, and the key keeps its value.
    assert.deepEqual(
      fake.requests.slice(before).map((q) => `${q.method} ${q.path}`),
      [`GET /v1.1/instances/shop-prod/api_keys/${mine.id}/`],
    );
    assert.ok(fake.findApiKey(mine.id)!.api_key === CANARIES.syncanoApiKey, 'the key was not reset');
    // The key list now shows it in the vault.
    const listed = await tv.call('syncanoListApiKeys', { accountId: account.id, instance: 'shop-prod' });
    assert.equal(listed.find((k) => k.id === mine.id)?.vaultId, r.token.id);
    assert.ok(!JSON.stringify(r).includes(CANARIES.syncanoApiKey), 'the answer carries no key');
    noSecretOnDisk();
    // Pasting it again is refused as a duplicate.
    const again = await tv.raw('syncanoStoreApiKey', { accountId: account.id, instance: 'shop-prod', keyId: mine.id, secret: CANARIES.syncanoApiKey });
    assert.equal(again.error?.code, 'conflict');
  });

  it('a paste that is not that key is refused beside the field and nothing is stored', async () => {
    const account = await signIn();
    const cases = [
      { secret: other.api_key, message: `That is not API key #${mine.id} of shop-prod: Syncano holds another value for it. Nothing was stored.` },
      { secret: hexKey('odd'), message: `That is not API key #${mine.id} of shop-prod: Syncano holds another value for it. Nothing was stored.` },
      { secret: CANARIES.syncanoAccountKey, message: `This is a Syncano account key, not an instance API key, so it is not API key #${mine.id}.` },
      { secret: makeSynapsePat(), message: 'This looks like a Synapse personal access token, not a Syncano key.' },
      { secret: CANARIES.synap, message: 'This looks like a Synap personal access token, not a Syncano key.' },
      { secret: 'abc', message: 'A Syncano key has exactly 40 hexadecimal characters; this one has 3.' },
    ];
    for (const c of cases) {
      const r = await tv.raw('syncanoStoreApiKey', { accountId: account.id, instance: 'shop-prod', keyId: mine.id, secret: c.secret });
      assert.equal(r.error?.code, 'invalid-input');
      assert.equal(r.error?.message, c.message);
      assert.ok(r.error?.fields?.secret, 'shown beside the pasted value');
      assert.ok(!JSON.stringify(r).includes(c.secret), 'the refusal does not quote the paste');
    }
    assert.deepEqual((await tv.call('listTokens', {})).map((t) => t.kind), ['syncano-account-key']);
    const missing = await tv.raw('syncanoStoreApiKey', { accountId: account.id, instance: 'shop-prod', keyId: 99_999, secret: CANARIES.syncanoApiKey });
    assert.equal(missing.error?.message, 'Syncano: Not found.');
  });

  it('Verify names the e-mail of an account key stored without one, or with an instance name in its place', async () => {
    const pasted = await tv.call('addToken', { service: 'syncano', label: 'pasted admin', secret: CANARIES.syncanoAccountKey });
    assert.equal(pasted.account, undefined);
    // An entry from before the add path checked it: an account key with an instance name.
    await tv.core.parts.tokens.update(pasted.id, { account: 'bars-instance' });
    const verified = await tv.call('syncanoVerify', { id: pasted.id });
    assert.equal(verified.verification?.state, 'valid');
    assert.equal(verified.account, 'ada@example.org');
  });

  it('an account key Syncano does not know is marked so when its instances are listed, with what to do', async () => {
    const dead = await tv.call('addToken', { service: 'syncano', label: 'dead admin', secret: hexKey('even') });
    const r = await tv.raw('syncanoListInstances', { accountId: dead.id });
    assert.equal(r.error?.code, 'forbidden');
    assert.equal(
      r.error?.message,
      'Syncano does not know the account key “dead admin” (No such API Key.): it was reset, or it is not an account key Syncano issued. Sign in again to store the current one.',
    );
    const [marked] = await tv.call('listTokens', {});
    assert.equal(marked?.verification?.state, 'invalid');
    assert.equal(marked?.verification?.detail, 'Syncano does not know this key (revoked or reset).');
  });
});
