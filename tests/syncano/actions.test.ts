// @process: test
// Syncano's use cases through the contract dispatcher, against the fake Syncano and the real
// (test-session) keychain: what a person gets from each action, and what is kept when a step
// fails — a reset whose keychain write fails shows the new key once; a revoke whose network
// drops removes nothing.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keytarKeychain, KeychainUnavailable, type KeychainPort } from '../../electron/core/keychain';
import { CANARIES, makeTestVault, readTree, type TestVault } from '../helpers/core';
import { runCliProcess } from '../helpers/processes';
import { FakeSyncano, startFakeSyncano, type FakeAccount } from '../../e2e/fakes/syncano';

const PASSWORD = 'Pectorals-flex-7731';

describe('Syncano actions', () => {
  let fake: FakeSyncano;
  let admin: FakeAccount;
  let tv: TestVault;

  before(async () => {
    fake = await startFakeSyncano();
    admin = fake.addAccount({ email: 'flexing@pectorals.com', password: PASSWORD, first_name: 'Terry', last_name: 'Crews', account_key: CANARIES.syncanoAccountKey });
    fake.addInstance(admin, 'shop-prod', 'The shop');
    for (let i = 0; i < 104; i++) fake.addInstance(admin, `bulk-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < 120; i++) fake.addApiKey('shop-prod', { description: `device ${i}` });
    fake.addApiKey('shop-prod', { description: 'canary', api_key: CANARIES.syncanoApiKey, allow_anonymous_read: true });
  });
  after(() => fake.close());
  beforeEach(() => {
    tv = makeTestVault({ env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url } });
  });
  afterEach(() => tv.cleanup());

  const signIn = async (t: TestVault = tv) => (await t.call('syncanoSignIn', { email: admin.email, password: PASSWORD })).token;
  const secretOf = (t: TestVault, id: string) => t.core.parts.tokens.secret(id);

  it('signs in: stores the account key with name and e-mail, and never the password', async () => {
    const { token, replaced } = await tv.call('syncanoSignIn', { email: admin.email, password: PASSWORD });
    assert.equal(replaced, false);
    assert.equal(token.kind, 'syncano-account-key');
    assert.equal(token.account, 'flexing@pectorals.com');
    assert.equal(token.label, 'Account key — Terry Crews');
    assert.ok((await secretOf(tv, token.id)) === admin.account_key, 'the keychain holds the account key');
    for (const { file, text } of readTree(tv.dir)) {
      assert.ok(!text.includes(PASSWORD), `password absent from ${file}`);
      assert.ok(!text.includes(CANARIES.syncanoAccountKey), `key absent from ${file}`);
    }
    const entries = await keytarKeychain(tv.config.keychainService).findAll();
    assert.ok(entries.every((e) => !e.secret.includes(PASSWORD) && !e.account.includes(PASSWORD)));
    // Signing in again refreshes the one entry instead of adding a second.
    const again = await tv.call('syncanoSignIn', { email: admin.email, password: PASSWORD });
    assert.equal(again.replaced, true);
    assert.equal(again.token.id, token.id);
    assert.equal((await tv.call('listTokens', {})).length, 1);
  });

  it('gives a wrong password, an unknown e-mail and missing fields their own messages, storing nothing', async () => {
    const wrong = await tv.raw('syncanoSignIn', { email: admin.email, password: 'wrong' });
    assert.equal(wrong.error?.code, 'unauthorized');
    assert.equal(wrong.error?.message, 'Syncano: Invalid password.');
    const unknown = await tv.raw('syncanoSignIn', { email: 'nobody@example.org', password: PASSWORD });
    assert.equal(unknown.error?.message, 'Syncano: Invalid email.');
    const missing = await tv.raw('syncanoSignIn', { email: '', password: '' });
    assert.equal(missing.error?.code, 'invalid-input');
    assert.deepEqual(missing.error?.fields, { email: 'This field is required.', password: 'This field is required.' });
    for (const r of [wrong, unknown, missing]) assert.ok(!JSON.stringify(r).includes(PASSWORD));
    assert.deepEqual(await tv.call('listTokens', {}), []);
  });

  it('verifies the account key, and marks it invalid once Syncano no longer knows it', async () => {
    const token = await signIn();
    const ok = await tv.call('syncanoVerify', { id: token.id });
    assert.equal(ok.verification?.state, 'valid');
    assert.match(ok.verification!.detail, /flexing@pectorals\.com/);
    const saved = admin.account_key;
    admin.account_key = '1'.repeat(39) + '4';
    try {
      const bad = await tv.call('syncanoVerify', { id: token.id });
      assert.equal(bad.verification?.state, 'invalid');
      assert.match(bad.verification!.detail, /does not know this key/);
    } finally {
      admin.account_key = saved;
    }
  });

  it('shows the server detail for other verify errors without marking the key', async () => {
    const token = await signIn();
    fake.throttle = 1;
    const r = await tv.raw('syncanoVerify', { id: token.id });
    assert.equal(r.error?.code, 'service');
    assert.match(r.error!.message, /Request was throttled/);
    assert.equal((await tv.call('listTokens', {}))[0]!.verification, undefined);
  });

  it('resets the account key: the new key replaces the old in the keychain, the old one dies', async () => {
    const token = await signIn();
    const before = admin.account_key;
    const updated = await tv.call('syncanoResetAccountKey', { id: token.id });
    assert.equal(updated.id, token.id);
    assert.ok(admin.account_key !== before, 'Syncano issued a new key');
    assert.ok((await secretOf(tv, token.id)) === admin.account_key, 'the keychain holds the new key');
    assert.ok(updated.preview !== token.preview);
    assert.equal((await tv.call('listTokens', {})).length, 1);
    assert.ok(tv.core.vault.activity(10).some((e) => e.action === 'reset' && e.tokenId === token.id));
    // The old key no longer works at Syncano.
    const stale = await fetch(`${fake.url}/v1.1/account/`, { headers: { 'x-api-key': before } });
    assert.equal(stale.status, 403);
    admin.account_key = CANARIES.syncanoAccountKey;
  });

  it('lists every instance across pages', async () => {
    const token = await signIn();
    const list = await tv.call('syncanoListInstances', { accountId: token.id });
    assert.equal(list.length, 105);
    assert.deepEqual(list[0], { name: 'shop-prod', description: 'The shop', createdAt: list[0]!.createdAt, role: 'full' });
    assert.match(list[0]!.createdAt!, /^\d{4}-\d\d-\d\dT/);
  });

  it('lists every API key of an instance across pages, marking those in the vault', async () => {
    const token = await signIn();
    const canary = fake.apiKeys.find((k) => k.description === 'canary')!;
    const stored = await tv.call('addToken', { service: 'syncano', label: 'canary', instance: 'shop-prod', secret: CANARIES.syncanoApiKey });
    await tv.core.parts.tokens.update(stored.id, { recordId: String(canary.id) });
    const keys = await tv.call('syncanoListApiKeys', { accountId: token.id, instance: 'shop-prod' });
    assert.equal(keys.length, 121);
    const marked = keys.filter((k) => k.vaultId !== null);
    assert.deepEqual(marked.map((k) => [k.id, k.vaultId]), [[canary.id, stored.id]]);
    assert.deepEqual(marked[0]!.flags, { ignore_acl: false, allow_user_create: false, allow_group_create: false, allow_anonymous_read: true });
    assert.ok(!JSON.stringify(keys).includes(CANARIES.syncanoApiKey), 'listing carries no key value');
    const unknown = await tv.raw('syncanoListApiKeys', { accountId: token.id, instance: 'nope-nope' });
    assert.equal(unknown.error?.message, 'Syncano: Instance was not found.');
  });

  it('refuses to manage keys with an instance key', async () => {
    const own = fake.addApiKey('shop-prod', { description: 'own' });
    const stored = await tv.call('addToken', { service: 'syncano', label: 'own', instance: 'shop-prod', secret: own.api_key });
    const r = await tv.raw('syncanoListApiKeys', { accountId: stored.id, instance: 'shop-prod' });
    assert.equal(r.error?.code, 'invalid-input');
    assert.match(r.error!.message, /only an account key can manage/);
  });

  it('creates a key with flags straight into the keychain, edits it, resets it and revokes it', async () => {
    const account = await signIn();
    const { key, token } = await tv.call('syncanoCreateApiKey', {
      accountId: account.id,
      instance: 'shop-prod',
      description: 'mobile app',
      flags: { allow_user_create: true, allow_anonymous_read: true },
    });
    assert.ok(token);
    const remote = fake.findApiKey(key.id)!;
    assert.deepEqual(key.flags, { ignore_acl: false, allow_user_create: true, allow_group_create: false, allow_anonymous_read: true });
    assert.equal(remote.allow_user_create, true);
    assert.equal(token.kind, 'syncano-api-key');
    assert.equal(token.account, 'shop-prod');
    assert.equal(token.recordId, String(key.id));
    assert.deepEqual(token.flags, ['allow_user_create', 'allow_anonymous_read']);
    assert.equal(key.vaultId, token.id);
    assert.ok((await secretOf(tv, token.id)) === remote.api_key, 'the keychain holds the created key');

    // It verifies as an instance key (which sees only itself).
    const verified = await tv.call('syncanoVerify', { id: token.id });
    assert.equal(verified.verification?.state, 'valid');

    const edited = await tv.call('syncanoUpdateApiKey', {
      accountId: account.id,
      instance: 'shop-prod',
      keyId: key.id,
      description: 'mobile app v2',
      flags: { ignore_acl: false, allow_user_create: false, allow_group_create: true, allow_anonymous_read: true },
    });
    assert.equal(remote.description, 'mobile app v2');
    assert.equal(edited.token?.label, 'API key — mobile app v2');
    assert.deepEqual(edited.token?.flags, ['allow_group_create', 'allow_anonymous_read']);
    assert.ok((await secretOf(tv, token.id)) === remote.api_key, 'the secret survived the rename');

    const oldValue = remote.api_key;
    const reset = await tv.call('syncanoResetApiKey', { accountId: account.id, instance: 'shop-prod', keyId: key.id });
    assert.equal(reset.token?.id, token.id);
    assert.ok(remote.api_key !== oldValue, 'Syncano issued a new value');
    assert.ok((await secretOf(tv, token.id)) === remote.api_key, 'the keychain holds the new value');
    assert.equal((await tv.call('listTokens', {})).filter((t) => t.kind === 'syncano-api-key').length, 1);

    const revoked = await tv.call('syncanoRevokeApiKey', { accountId: account.id, instance: 'shop-prod', keyId: key.id });
    assert.deepEqual(revoked, { keyId: key.id, removedId: token.id });
    assert.equal(fake.findApiKey(key.id), undefined);
    assert.deepEqual((await tv.call('listTokens', {})).map((t) => t.id), [account.id]);
    assert.ok(tv.core.vault.activity(20).some((e) => e.action === 'revoked' && e.tokenId === token.id));
  });

  it('keeps the flags as Syncano last reported them, with when: verify, a list that differs; a list the same writes nothing', async () => {
    const account = await signIn();
    const k = fake.addApiKey('shop-prod', { description: 'flagged', allow_user_create: true });
    const stored = await tv.call('addToken', { service: 'syncano', label: 'flagged', instance: 'shop-prod', secret: k.api_key });
    assert.equal(stored.server, undefined, 'a paste says nothing about the server');
    const verified = await tv.call('syncanoVerify', { id: stored.id });
    assert.deepEqual(verified.flags, ['allow_user_create']);
    assert.deepEqual(verified.server, { service: 'syncano', at: new Date(tv.clock.now()).toISOString() });

    // Changed in Syncano's dashboard: the next list of the instance brings it to the vault.
    k.allow_user_create = false;
    k.ignore_acl = true;
    await tv.clock.advance(60_000);
    await tv.call('syncanoListApiKeys', { accountId: account.id, instance: 'shop-prod' });
    const listed = (await tv.reopen().call('listTokens', {})).find((t) => t.id === stored.id)!;
    assert.deepEqual(listed.flags, ['ignore_acl']);
    assert.deepEqual(listed.server, { service: 'syncano', at: new Date(tv.clock.now()).toISOString() });

    const catalog = path.join(tv.dir, 'catalog.json');
    // Every save renames a new file in, so an unchanged inode means no write.
    const before = fs.statSync(catalog).ino;
    await tv.clock.advance(60_000);
    await tv.call('syncanoListApiKeys', { accountId: account.id, instance: 'shop-prod' });
    assert.equal(fs.statSync(catalog).ino, before, 'a list with nothing new rewrote the catalog');
    assert.ok(!fs.readFileSync(catalog, 'utf8').includes(k.api_key));
  });

  it('marks a stored instance key invalid once it is deleted at Syncano', async () => {
    const k = fake.addApiKey('shop-prod', { description: 'doomed' });
    const stored = await tv.call('addToken', { service: 'syncano', label: 'doomed', instance: 'shop-prod', secret: k.api_key });
    fake.apiKeys.splice(fake.apiKeys.indexOf(k), 1);
    const r = await tv.call('syncanoVerify', { id: stored.id });
    assert.equal(r.verification?.state, 'invalid');
  });

  it('a key pasted in upper case is stored lower-case and works: verify, list its instance, reset', async () => {
    // A paste of the account key in upper case: Syncano itself would answer "No such API Key.".
    const upper = admin.account_key.toUpperCase();
    const upperRes = await fetch(`${fake.url}/v1.1/account/`, { headers: { 'x-api-key': upper } });
    assert.equal(upperRes.status, 403, 'the server matches the exact lower-case value');
    const account = await tv.call('addToken', { service: 'syncano', label: 'pasted', secret: `  ${upper}\n` });
    assert.equal(account.kind, 'syncano-account-key');
    assert.ok((await secretOf(tv, account.id)) === admin.account_key, 'the keychain holds the key as Syncano issued it');
    assert.equal(account.preview, `${admin.account_key.slice(0, 4)}…${admin.account_key.slice(-4)}`);
    assert.equal((await tv.call('syncanoVerify', { id: account.id })).verification?.state, 'valid');
    assert.ok((await tv.call('syncanoListInstances', { accountId: account.id })).some((i) => i.name === 'shop-prod'));
    // The same key again in lower case is the same token.
    const dup = await tv.raw('addToken', { service: 'syncano', label: 'again', secret: admin.account_key });
    assert.equal(dup.error?.code, 'conflict');

    // An instance key in upper case: verified (which finds its instance), then reset at Syncano.
    const k = fake.addApiKey('shop-prod', { description: 'shouted' });
    const api = await tv.call('addToken', { service: 'syncano', label: 'shouted', secret: k.api_key.toUpperCase() });
    assert.ok((await secretOf(tv, api.id)) === k.api_key);
    const verified = await tv.call('syncanoVerify', { id: api.id });
    assert.equal(verified.verification?.state, 'valid');
    assert.equal(verified.account, 'shop-prod');
    const reset = await tv.call('syncanoResetApiKey', { accountId: account.id, instance: 'shop-prod', keyId: k.id });
    assert.equal(reset.token?.id, api.id, 'the reset replaced the pasted entry');
    assert.ok((await secretOf(tv, api.id)) === fake.findApiKey(k.id)!.api_key);
    const saved = admin.account_key;
    try {
      const after = await tv.call('syncanoResetAccountKey', { id: account.id });
      assert.ok((await secretOf(tv, after.id)) === admin.account_key && admin.account_key !== saved);
    } finally {
      admin.account_key = saved;
    }
  });

  it('the command line stores an upper-case paste lower-case too', async () => {
    const k = fake.addApiKey('shop-prod', { description: 'from a script' });
    const run = await runCliProcess(['add', 'syncano', '--label', 'script key', '--instance', 'shop-prod'], {
      env: { ...process.env, SYNVAULT_DATA_DIR: tv.dir, SYNVAULT_KEYCHAIN_SERVICE: tv.config.keychainService, SYNVAULT_HOME: tv.config.home, SYNVAULT_SYNCANO_ENDPOINT: fake.url },
      input: `${k.api_key.toUpperCase()}\n`,
    });
    assert.equal(run.code, 0, run.err);
    const again = tv.reopen();
    const [stored] = await again.call('listTokens', {});
    assert.equal(stored?.label, 'script key');
    assert.ok((await again.core.parts.tokens.secret(stored!.id)) === k.api_key, 'stored as Syncano issued it');
    assert.equal((await again.call('syncanoVerify', { id: stored!.id })).verification?.state, 'valid');
  });

  it('keeps a reset key that is not in the vault yet', async () => {
    const account = await signIn();
    const k = fake.addApiKey('shop-prod', { description: 'elsewhere' });
    const r = await tv.call('syncanoResetApiKey', { accountId: account.id, instance: 'shop-prod', keyId: k.id });
    assert.ok(r.token);
    assert.equal(r.token.recordId, String(k.id));
    assert.ok((await secretOf(tv, r.token.id)) === k.api_key);
  });

  it('talks to the Syncano address set in Settings rather than the default', async () => {
    const other = await startFakeSyncano();
    try {
      other.addAccount({ email: 'self-hosted@example.org', password: PASSWORD });
      await tv.call('updateSettings', { syncanoEndpoint: other.url });
      const { token } = await tv.call('syncanoSignIn', { email: 'self-hosted@example.org', password: PASSWORD });
      assert.equal(token.account, 'self-hosted@example.org');
      assert.ok(other.requests.some((r) => r.path === '/v1.1/account/auth/'));
    } finally {
      await other.close();
    }
  });

  it('revoke when the network drops removes nothing', async () => {
    const local = await startFakeSyncano();
    const acc = local.addAccount({ email: 'a@example.org', password: PASSWORD });
    local.addInstance(acc, 'edge-one');
    const t2 = makeTestVault({ env: { SYNVAULT_SYNCANO_ENDPOINT: local.url } });
    try {
      const account = (await t2.call('syncanoSignIn', { email: acc.email, password: PASSWORD })).token;
      const { key, token } = await t2.call('syncanoCreateApiKey', { accountId: account.id, instance: 'edge-one', description: 'edge' });
      await local.close();
      const r = await t2.raw('syncanoRevokeApiKey', { accountId: account.id, instance: 'edge-one', keyId: key.id });
      assert.equal(r.error?.code, 'network');
      assert.match(r.error!.message, /Could not reach Syncano at 127\.0\.0\.1:\d+ \(connection refused\)/);
      const left = await t2.call('listTokens', {});
      assert.deepEqual(left.map((x) => x.id).sort(), [account.id, token!.id].sort());
      assert.match(await t2.core.parts.tokens.secret(token!.id), /^[0-9a-f]{40}$/);
    } finally {
      await t2.cleanup();
    }
  });

  it('a revoke Syncano refuses removes nothing', async () => {
    const account = await signIn();
    const { key, token } = await tv.call('syncanoCreateApiKey', { accountId: account.id, instance: 'shop-prod', description: 'kept' });
    fake.throttle = 1;
    const r = await tv.raw('syncanoRevokeApiKey', { accountId: account.id, instance: 'shop-prod', keyId: key.id });
    assert.equal(r.error?.code, 'service');
    assert.ok(fake.findApiKey(key.id));
    assert.ok((await tv.call('listTokens', {})).some((t) => t.id === token!.id));
  });
});

describe('Syncano reset when the keychain write fails', () => {
  let fake: FakeSyncano;
  let admin: FakeAccount;
  before(async () => {
    fake = await startFakeSyncano();
    admin = fake.addAccount({ email: 'ops@example.org', password: PASSWORD, first_name: 'Ops' });
    fake.addInstance(admin, 'shop-prod');
  });
  after(() => fake.close());

  /** The real keychain, whose writes can be made to fail after the entries exist. */
  function flakyKeychain(service: string): KeychainPort & { failSet: boolean } {
    const real = keytarKeychain(service);
    const k = {
      failSet: false,
      get: (a: string) => real.get(a),
      delete: (a: string) => real.delete(a),
      findAll: () => real.findAll(),
      probe: () => real.probe(),
      set: async (a: string, s: string) => {
        if (k.failSet) throw new KeychainUnavailable({ state: 'locked', message: 'The keychain is locked (test).', fix: 'Unlock it.' });
        return real.set(a, s);
      },
    };
    return k;
  }

  async function setup() {
    const service = `SynvaultTest-${randomBytes(4).toString('hex')}`;
    const keychain = flakyKeychain(service);
    const tv = makeTestVault({ env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url }, keychain, service });
    const account = (await tv.call('syncanoSignIn', { email: admin.email, password: PASSWORD })).token;
    return { tv, keychain, account };
  }

  it('an instance key reset at Syncano is shown once in the error, with a message to store it', async () => {
    const { tv, keychain, account } = await setup();
    try {
      const { key, token } = await tv.call('syncanoCreateApiKey', { accountId: account.id, instance: 'shop-prod', description: 'pos' });
      const oldSecret = await tv.core.parts.tokens.secret(token!.id);
      keychain.failSet = true;
      const r = (await tv.raw('syncanoResetApiKey', { accountId: account.id, instance: 'shop-prod', keyId: key.id })) as { ok: boolean; error?: { code: string; message: string; rescueSecret?: string } };
      assert.equal(r.ok, false);
      assert.equal(r.error?.code, 'keychain-locked', 'a locked keychain is reported as locked');
      assert.match(r.error!.message, /could not be saved in the keychain.*Store it somewhere safe now — it is shown only this once\./);
      const newValue = fake.findApiKey(key.id)!.api_key;
      assert.ok(r.error?.rescueSecret === newValue, 'the error carries the new key');
      assert.ok(!r.error!.message.includes(newValue), 'but not in its message');
      assert.ok((await tv.core.parts.tokens.secret(token!.id)) === oldSecret, 'the keychain still holds the old value');
      for (const { text } of readTree(tv.dir)) assert.ok(!text.includes(newValue), 'the new key is written to no file');
      assert.ok(tv.core.vault.activity(10).some((e) => e.action === 'reset' && /could not be stored/.test(e.detail ?? '')));
    } finally {
      await tv.cleanup();
    }
  });

  it('an account key reset at Syncano is shown once in the error', async () => {
    const { tv, keychain, account } = await setup();
    try {
      keychain.failSet = true;
      const r = (await tv.raw('syncanoResetAccountKey', { id: account.id })) as { ok: boolean; error?: { code: string; message: string; rescueSecret?: string } };
      assert.equal(r.error?.code, 'keychain-locked', 'a locked keychain is reported as locked');
      assert.ok(r.error?.rescueSecret === admin.account_key, 'the error carries the new account key');
      assert.match(r.error!.message, /shown only this once/);
    } finally {
      await tv.cleanup();
    }
  });

  it('signing in again while the keychain refuses writes hands back no key (signing in again fetches it)', async () => {
    const { tv, keychain } = await setup();
    try {
      keychain.failSet = true;
      const r = (await tv.raw('syncanoSignIn', { email: admin.email, password: PASSWORD })) as { ok: boolean; error?: { code: string; message: string; rescueSecret?: string } };
      assert.equal(r.ok, false);
      assert.equal(r.error?.rescueSecret, undefined);
      assert.match(r.error!.message, /could not write the account key to the keychain.*sign in again/);
    } finally {
      await tv.cleanup();
    }
  });

  it('a key created at Syncano but not storable is shown once', async () => {
    const { tv, keychain, account } = await setup();
    try {
      keychain.failSet = true;
      const r = (await tv.raw('syncanoCreateApiKey', { accountId: account.id, instance: 'shop-prod', description: 'lost?' })) as { ok: boolean; error?: { code: string; message: string; rescueSecret?: string } };
      const created = fake.apiKeys.find((k) => k.description === 'lost?')!;
      assert.ok(r.error?.rescueSecret === created.api_key, 'the error carries the created key');
      assert.match(r.error!.message, /created API key #\d+ but it could not be saved.*shown only this once/);
    } finally {
      await tv.cleanup();
    }
  });
});
