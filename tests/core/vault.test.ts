// @process: test
// The foundation's use cases against real files and the real test-session keychain.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { countingKeychain, keytarKeychain } from '../../electron/core/keychain';
import { makeTestVault, makeSynapsePat, hexKey, type TestVault } from '../helpers/core';

const vaults: TestVault[] = [];
const open = (opts?: Parameters<typeof makeTestVault>[0]) => {
  const v = makeTestVault(opts);
  vaults.push(v);
  return v;
};
after(async () => {
  for (const v of vaults) await v.cleanup();
});

test('adds one token of each kind, decodes what it can locally, and lists them without a secret', async () => {
  const v = open();
  const pat = makeSynapsePat({ jti: '4242', sub: '3333' }, ['view', 'download']);
  const synapse = await v.call('addToken', { service: 'synapse', label: 'Laptop', username: 'ada', secret: `  ${pat}\n` });
  assert.equal(synapse.kind, 'synapse-pat');
  assert.deepEqual(synapse.scopes, ['view', 'download']);
  assert.equal(synapse.recordId, '4242');
  assert.equal(synapse.userId, '3333');
  assert.equal(synapse.account, 'ada');

  const synap = await v.call('addToken', { service: 'synap', label: 'Sync job', portal: 'Acme School', secret: 'p:abcdefghijklmnopqrstuvwxyz' });
  assert.equal(synap.kind, 'synap-pat');
  assert.equal(synap.account, 'Acme School');

  const apiKey = hexKey('odd');
  const acctKey = hexKey('even');
  const k1 = await v.call('addToken', { service: 'syncano', label: 'App key', instance: 'my-instance', secret: apiKey });
  const k2 = await v.call('addToken', { service: 'syncano', label: 'Admin', secret: acctKey });
  assert.equal(k1.kind, 'syncano-api-key');
  assert.equal(k2.kind, 'syncano-account-key');

  const list = await v.call('listTokens', {});
  assert.deepEqual(list.map((t) => t.label), ['Laptop', 'Sync job', 'App key', 'Admin']);
  const listed = JSON.stringify(list);
  for (const s of [pat, 'p:abcdefghijklmnopqrstuvwxyz', apiKey, acctKey]) assert.ok(!listed.includes(s), 'the list carries no secret');
  // Masked preview: at most the first 4 and last 4 characters.
  assert.equal(k1.preview, `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`);

  // The keychain holds each secret under the vault's own service name.
  const entries = await keytarKeychain(v.config.keychainService).findAll();
  assert.equal(entries.length, 4);
  assert.ok(entries.some((e) => e.secret === pat), 'the Synapse token is in the keychain, trimmed');
});

test('listing makes no keychain read, even after a restart', async () => {
  const v = open();
  await v.call('addToken', { service: 'syncano', label: 'k', secret: hexKey('odd') });
  const counting = countingKeychain(keytarKeychain(v.config.keychainService));
  const again = makeTestVault({ dir: v.dir, service: v.config.keychainService, keychain: counting });
  const list = await again.call('listTokens', {});
  assert.equal(list.length, 1);
  assert.equal(counting.reads(), 0);
});

test('refuses bad pastes with a message that says what is wrong, and stores nothing', async () => {
  const v = open();
  const cases: Array<[Parameters<TestVault['raw']>[1], RegExp]> = [
    [{ service: 'syncano', label: 'k', secret: 'abc' }, /exactly 40 hexadecimal characters; this one has 3/],
    [{ service: 'syncano', label: 'k', secret: 'z'.repeat(40) }, /only hexadecimal characters/],
    [{ service: 'synap', label: 'k', portal: 'P', secret: 'x:abcdefghijkl' }, /must start with "p:"/],
    [{ service: 'synap', label: 'k', portal: 'P', secret: 'p:abc defghijkl' }, /spaces or line breaks/],
    [{ service: 'synap', label: 'k', portal: 'P', secret: '   ' }, /empty/],
    [{ service: 'synapse', label: 'k', secret: 'not-a-jwt' }, /three base64url parts/],
    [{ service: 'synapse', label: 'k', secret: makeSynapsePat({ token_type: 'OIDC_ACCESS_TOKEN' }) }, /OIDC_ACCESS_TOKEN.*not a Synapse personal access token/],
    [{ service: 'syncano', label: '   ', secret: hexKey('odd') }, /label/i],
  ];
  for (const [input, message] of cases) {
    const r = await v.raw('addToken', input as never);
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'invalid-input');
    assert.match(r.error!.message, message);
  }
  assert.equal((await v.call('listTokens', {})).length, 0);
  assert.equal((await keytarKeychain(v.config.keychainService).findAll()).length, 0);
  assert.ok(!fs.existsSync(v.core.parts.tokens.catalogFile) || JSON.parse(fs.readFileSync(v.core.parts.tokens.catalogFile, 'utf8')).tokens.length === 0);
});

test('refuses a payload that does not match the contract and changes nothing', async () => {
  const v = open();
  const r1 = await v.raw('addToken', { service: 'gitlab', label: 'x', secret: 'y' } as never);
  assert.equal(r1.error?.code, 'invalid-input');
  const r2 = await v.raw('removeToken', { id: '../../etc' } as never);
  assert.equal(r2.error?.code, 'invalid-input');
  const r3 = await v.raw('updateSettings', { clipboardClearSeconds: 5 } as never);
  assert.equal(r3.error?.code, 'invalid-input');
  assert.match(r3.error!.message, /at least 10 seconds/i);
  assert.equal((await v.call('getSettings', {})).clipboardClearSeconds, 30);
});

test('refuses to store the same token twice', async () => {
  const v = open();
  const key = hexKey('odd');
  await v.call('addToken', { service: 'syncano', label: 'one', secret: key });
  const r = await v.raw('addToken', { service: 'syncano', label: 'two', secret: key });
  assert.equal(r.error?.code, 'conflict');
  assert.match(r.error!.message, /already in the vault as "one"/);
});

test('copy puts the secret on the clipboard and clears it after the set time, only if still ours', async () => {
  const v = open();
  const key = hexKey('odd');
  const t = await v.call('addToken', { service: 'syncano', label: 'k', secret: key });
  const receipt = await v.call('copyToken', { id: t.id });
  assert.equal(receipt.seconds, 30);
  assert.equal(receipt.clearsAt, new Date(v.clock.now() + 30_000).toISOString());
  assert.ok(v.clipboard.peek() === key, 'clipboard holds the key');
  await v.clock.advance(29_000);
  assert.ok(v.clipboard.peek() === key, 'still there before the time');
  await v.clock.advance(1_000);
  assert.equal(v.clipboard.peek(), '');

  // Something else copied meanwhile is left alone.
  await v.call('copyToken', { id: t.id });
  await v.clipboard.writeText('the person copied a URL');
  await v.clock.advance(30_000);
  assert.equal(v.clipboard.peek(), 'the person copied a URL');

  // The setting changes the delay; "never" keeps it until quit, when it is cleared.
  await v.call('updateSettings', { clipboardClearSeconds: null });
  const never = await v.call('copyToken', { id: t.id });
  assert.equal(never.clearsAt, null);
  await v.clock.advance(3_600_000);
  assert.ok(v.clipboard.peek() === key);
  assert.equal(await v.core.vault.clearClipboardIfOurs(), true);
  assert.equal(v.clipboard.peek(), '');
});

test('reveal returns the secret with the hide delay; remove deletes keychain and catalog entries', async () => {
  const v = open();
  const key = hexKey('even');
  const t = await v.call('addToken', { service: 'syncano', label: 'admin', secret: key });
  const shown = await v.call('revealToken', { id: t.id });
  assert.ok(shown.secret === key);
  assert.equal(shown.hideAfterMs, 20_000);
  await v.call('removeToken', { id: t.id });
  assert.equal((await v.call('listTokens', {})).length, 0);
  assert.equal((await keytarKeychain(v.config.keychainService).findAll()).length, 0);
  const again = await v.raw('copyToken', { id: t.id });
  assert.equal(again.error?.code, 'not-found');
  const actions = (await v.call('listActivity', { limit: 10 })).map((a) => `${a.action}:${a.label}`);
  assert.deepEqual(actions, ['removed:admin', 'revealed:admin', 'added:admin']);
});

test('a keychain that refuses a delete leaves the token in the vault', async () => {
  const real = keytarKeychain(`SynvaultTest-refuse-${process.pid}`);
  const refusing = { ...real, delete: async () => { throw new (await import('../../electron/core/keychain')).KeychainUnavailable({ state: 'unavailable', message: 'refused', fix: 'allow it' }); } };
  const v = open({ keychain: refusing, service: `SynvaultTest-refuse-${process.pid}` });
  const t = await v.call('addToken', { service: 'syncano', label: 'stay', secret: hexKey('odd') });
  const r = await v.raw('removeToken', { id: t.id });
  assert.equal(r.error?.code, 'keychain-unavailable');
  assert.deepEqual((await v.call('listTokens', {})).map((x) => x.label), ['stay']);
  assert.deepEqual((await v.reopen().call('listTokens', {})).map((x) => x.label), ['stay']);
});

test('catalog and other files are written with mode 0600 in a 0700 folder', async () => {
  const v = open();
  await v.call('addToken', { service: 'syncano', label: 'k', secret: hexKey('odd') });
  await v.call('updateSettings', { clipboardClearSeconds: 60 });
  for (const f of fs.readdirSync(v.dir).filter((n) => n !== 'home')) {
    assert.equal(fs.statSync(`${v.dir}/${f}`).mode & 0o777, 0o600, f);
  }
  assert.equal(fs.statSync(v.dir).mode & 0o077, 0);
});

test('the window and the command line share the catalog: neither overwrites what the other added', async () => {
  const app = open({ source: 'app' });
  const cli = makeTestVault({ dir: app.dir, service: app.config.keychainService, keychain: app.keychain, source: 'cli' });
  await app.call('addToken', { service: 'syncano', label: 'from the window', secret: hexKey('odd') });
  assert.equal((await cli.call('listTokens', {})).length, 1);
  await cli.call('addToken', { service: 'syncano', label: 'from the CLI', secret: hexKey('odd') });
  // The window adds after the CLI did: both survive, on disk and in each view.
  await app.call('addToken', { service: 'syncano', label: 'window again', secret: hexKey('even') });
  const labels = (await app.call('listTokens', {})).map((t) => t.label).sort();
  assert.deepEqual(labels, ['from the CLI', 'from the window', 'window again']);
  assert.deepEqual((await app.reopen().call('listTokens', {})).map((t) => t.label).sort(), labels);
  const cliRemoved = (await cli.call('listTokens', {})).find((t) => t.label === 'from the window')!;
  await cli.call('removeToken', { id: cliRemoved.id });
  assert.deepEqual((await app.call('listTokens', {})).map((t) => t.label).sort(), ['from the CLI', 'window again']);
});
