// @process: test
// The core's add path follows the window's recognition (electron/shared/recognise.ts): what the
// window recognises is stored as that service and kind, a value added as another service is
// refused through the contract naming the service it belongs to, and a Syncano key's account
// field must fit its kind. Renaming through the contract moves the keychain entry with the label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAccount, keytarKeychain } from '../../electron/core/keychain';
import { recognise } from '../../electron/shared/recognise';
import { CANARIES, hexKey, readTree } from '../helpers/core';
import { testVaults } from '../helpers/vaults';
import { synvaultSync } from '../helpers/processes';

const open = testVaults();

const ALL = [CANARIES.synapse, CANARIES.synap, CANARIES.syncanoApiKey, CANARIES.syncanoAccountKey];
const FIELDS = { synapse: {}, synap: { portal: 'Acme' }, syncano: {} } as const;

test('what the window recognises, the core stores as that service and kind', async () => {
  const v = open();
  for (const value of ALL) {
    const [r] = recognise(value);
    const added = await v.call('addToken', { service: r!.service, label: r!.label, ...FIELDS[r!.service], secret: value } as never);
    assert.equal(added.service, r!.service);
    assert.equal(added.kind, r!.kind);
    assert.equal(added.label, r!.label);
    if (r!.decoded.recordId) assert.equal(added.recordId, r!.decoded.recordId);
    if (r!.decoded.userId) assert.equal(added.userId, r!.decoded.userId);
  }
});

test('a value added as another service is refused through the contract, naming its service, and nothing is stored', async () => {
  const v = open();
  const cases = [
    { service: 'syncano', secret: CANARIES.synapse, message: 'This looks like a Synapse personal access token, not a Syncano key.' },
    { service: 'synapse', secret: CANARIES.synap, message: 'This looks like a Synap personal access token, not a Synapse personal access token.' },
    { service: 'synap', secret: CANARIES.syncanoAccountKey, message: 'This looks like a Syncano account key, not a Synap personal access token.' },
    { service: 'synapse', secret: CANARIES.syncanoApiKey, message: 'This looks like a Syncano instance API key, not a Synapse personal access token.' },
  ] as const;
  for (const c of cases) {
    const r = await v.raw('addToken', { service: c.service, label: 'wrong', ...FIELDS[c.service], secret: c.secret } as never);
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'invalid-input');
    assert.equal(r.error?.message, c.message);
    assert.ok(r.error?.fields?.secret, 'the refusal is shown beside the pasted value');
    assert.ok(!JSON.stringify(r).includes(c.secret), 'the refusal does not quote the value');
  }
  assert.deepEqual(await v.call('listTokens', {}), []);
  assert.deepEqual(await keytarKeychain(v.config.keychainService).findAll(), []);
});

test('a Syncano account key takes an e-mail and refuses an instance; an API key the other way round', async () => {
  const v = open();
  const dead = await v.raw('addToken', { service: 'syncano', label: 'admin', instance: 'bars-instance', secret: hexKey('even') });
  assert.equal(dead.error?.code, 'invalid-input');
  assert.match(dead.error!.message, /An account key belongs to a Syncano account, named by its e-mail, not to one instance/);
  assert.deepEqual(Object.keys(dead.error?.fields ?? {}), ['instance']);
  const notEmail = await v.raw('addToken', { service: 'syncano', label: 'admin', email: 'bars-instance', secret: hexKey('even') });
  assert.equal(notEmail.error?.fields?.email, 'An account is named by its e-mail address (name@example.org).');
  const emailAsInstance = await v.raw('addToken', { service: 'syncano', label: 'app', instance: 'ada@example.org', secret: hexKey('odd') });
  assert.equal(emailAsInstance.error?.fields?.instance, 'That is an e-mail address, not an instance name.');
  const apiWithEmail = await v.raw('addToken', { service: 'syncano', label: 'app', email: 'ada@example.org', secret: hexKey('odd') });
  assert.deepEqual(Object.keys(apiWithEmail.error?.fields ?? {}), ['email']);
  assert.deepEqual(await v.call('listTokens', {}), []);

  const admin = await v.call('addToken', { service: 'syncano', label: 'admin', email: 'ada@example.org', secret: hexKey('even') });
  assert.equal(admin.account, 'ada@example.org');
  const app = await v.call('addToken', { service: 'syncano', label: 'app', instance: 'shop-prod', secret: hexKey('odd') });
  assert.equal(app.account, 'shop-prod');
});

test('synvault add agrees: it names the service of a wrong paste, and takes --email for an account key', async () => {
  const v = open();
  const env = { ...process.env, SYNVAULT_DATA_DIR: v.dir, SYNVAULT_KEYCHAIN_SERVICE: v.config.keychainService, SYNVAULT_HOME: v.config.home };
  const wrong = synvaultSync(['add', 'syncano', '--label', 'x'], env, `${CANARIES.synapse}\n`);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /This looks like a Synapse personal access token, not a Syncano key\./);
  const instance = synvaultSync(['add', 'syncano', '--label', 'admin', '--instance', 'bars-instance'], env, `${CANARIES.syncanoAccountKey}\n`);
  assert.equal(instance.code, 1);
  assert.match(instance.err, /not to one instance/);
  const email = synvaultSync(['add', 'syncano', '--label', 'admin', '--email', 'ada@example.org'], env, `${CANARIES.syncanoAccountKey}\n`);
  assert.equal(email.code, 0, email.err);
  for (const out of [wrong, instance, email]) for (const c of ALL) assert.ok(!`${out.out}${out.err}`.includes(c), 'no secret in the output');
  const [stored] = await v.reopen().call('listTokens', {});
  assert.equal(stored?.account, 'ada@example.org');
});

test('rename: a new label through the contract, the secret moved with it, the old name in the activity log', async () => {
  const v = open();
  const t = await v.call('addToken', { service: 'synap', label: 'Old name', portal: 'Acme', secret: CANARIES.synap });
  const renamed = await v.call('renameToken', { id: t.id, label: '  New name  ' });
  assert.equal(renamed.label, 'New name');
  assert.equal(renamed.id, t.id);
  assert.deepEqual((await v.call('listTokens', {})).map((x) => x.label), ['New name']);
  // The keychain entry carries the label, so it moved: still one entry, still the secret.
  const entries = await keytarKeychain(v.config.keychainService).findAll();
  assert.equal(entries.length, 1);
  assert.equal(decodeAccount(entries[0]!.account)?.label, 'New name');
  assert.ok((await v.core.parts.tokens.secret(t.id)) === CANARIES.synap, 'the secret is still there');
  const [entry] = await v.call('listActivity', { limit: 1 });
  assert.equal(entry?.action, 'updated');
  assert.equal(entry?.detail, 'renamed from “Old name”');
  assert.equal(entry?.label, 'New name');
  // After a restart too.
  assert.equal((await v.reopen().call('listTokens', {}))[0]?.label, 'New name');
  for (const { file, text } of readTree(v.dir)) assert.ok(!text.includes(CANARIES.synap), `no secret in ${file}`);
});

test("rename follows the add path's label rules: empty or too long refused beside the field, a shared label allowed", async () => {
  const v = open();
  const a = await v.call('addToken', { service: 'syncano', label: 'first', secret: hexKey('odd') });
  await v.call('addToken', { service: 'syncano', label: 'second', secret: hexKey('odd') });
  const empty = await v.raw('renameToken', { id: a.id, label: '   ' });
  assert.equal(empty.error?.code, 'invalid-input');
  assert.equal(empty.error?.fields?.label, 'Give the token a label.');
  const long = await v.raw('renameToken', { id: a.id, label: 'x'.repeat(101) });
  assert.equal(long.error?.fields?.label, 'A label has at most 100 characters.');
  const unknown = await v.raw('renameToken', { id: '00000000-0000-4000-8000-000000000000', label: 'x' });
  assert.equal(unknown.error?.code, 'not-found');
  // The add path lets two tokens share a label; so does rename (the CLI then asks for the id).
  assert.equal((await v.call('renameToken', { id: a.id, label: 'second' })).label, 'second');
  // Renaming to the same label changes nothing and logs nothing.
  const before = (await v.call('listActivity', { limit: 100 })).length;
  await v.call('renameToken', { id: a.id, label: 'second' });
  assert.equal((await v.call('listActivity', { limit: 100 })).length, before);
});
