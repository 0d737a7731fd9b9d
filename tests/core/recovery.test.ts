// @process: test
// A lost or damaged catalog is rebuilt from the keychain; an unusable keychain is a clear,
// typed error that writes nothing anywhere else.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { makeTestVault, makeSynapsePat, hexKey, readTree, CANARIES, type TestVault } from '../helpers/core';

const vaults: TestVault[] = [];
after(async () => {
  for (const v of vaults) await v.cleanup();
});

async function vaultWithThree(): Promise<TestVault> {
  const v = makeTestVault();
  vaults.push(v);
  await v.call('addToken', { service: 'synapse', label: 'Laptop PAT', username: 'ada', secret: makeSynapsePat({ jti: '77', sub: '12' }, ['view']) });
  v.clock.advance(1000);
  await v.call('addToken', { service: 'synap', label: 'Picture sync', portal: 'Acme', secret: 'p:0123456789abcdef' });
  v.clock.advance(1000);
  await v.call('addToken', { service: 'syncano', label: 'Instance key', instance: 'demo-inst', secret: hexKey('odd') });
  return v;
}

test('a missing catalog is rebuilt from the keychain, with labels and accounts, and the person is told', async () => {
  const v = await vaultWithThree();
  fs.rmSync(v.core.parts.tokens.catalogFile);
  const after = v.reopen();
  const list = await after.call('listTokens', {});
  assert.deepEqual(list.map((t) => [t.label, t.account, t.kind]), [
    ['Laptop PAT', 'ada', 'synapse-pat'],
    ['Picture sync', 'Acme', 'synap-pat'],
    ['Instance key', 'demo-inst', 'syncano-api-key'],
  ]);
  assert.deepEqual(list[0]!.scopes, ['view']);
  assert.equal(list[0]!.recordId, '77');
  const status = await after.call('getStatus', {});
  assert.match(status.notices.join('\n'), /catalog file was missing; 3 token\(s\) were recovered from the keychain/);
  assert.ok(fs.existsSync(after.core.parts.tokens.catalogFile), 'a new catalog is written');
  // The rebuilt catalog works for the next start without another keychain sweep.
  const third = after.reopen();
  assert.equal((await third.call('getStatus', {})).notices.length, 0);
  assert.equal((await third.call('listTokens', {})).length, 3);
});

test('a corrupt catalog is kept aside, rebuilt from the keychain, and the person is told where it went', async () => {
  const v = await vaultWithThree();
  fs.writeFileSync(v.core.parts.tokens.catalogFile, '{"version": 1, "tokens": [ {"id": tru');
  const after = v.reopen();
  assert.equal((await after.call('listTokens', {})).length, 3);
  const notice = (await after.call('getStatus', {})).notices.join('\n');
  assert.match(notice, /catalog file was damaged \(it is not valid JSON\); it was kept as .*catalog\.corrupt-.*\.json and 3 token\(s\) were recovered/);
  const aside = fs.readdirSync(v.dir).find((f) => f.startsWith('catalog.corrupt-'));
  assert.ok(aside);
  assert.equal(fs.readFileSync(path.join(v.dir, aside!), 'utf8'), '{"version": 1, "tokens": [ {"id": tru');
  // A catalog of the wrong shape counts as damaged too.
  fs.writeFileSync(after.core.parts.tokens.catalogFile, JSON.stringify({ version: 99, tokens: 'no' }));
  const third = after.reopen();
  assert.equal((await third.call('listTokens', {})).length, 3);
  assert.match((await third.call('getStatus', {})).notices.join('\n'), /do not match the catalog format/);
});

// Runs the core in a child process with no session bus at all, as on a desktop without a
// Secret Service, and checks what a person would see and what landed on disk.
test('no D-Bus: every keychain action is a typed error with a fix, and no file holds the secret', () => {
  const dir = fs.mkdtempSync('/tmp/synvault-nodbus-');
  const script = `
    const { makeTestVault } = require(${JSON.stringify(path.join(__dirname, '../helpers/core.ts'))});
    (async () => {
      const v = makeTestVault({ dir: ${JSON.stringify(dir)} });
      const out = {};
      out.add = await v.raw('addToken', { service: 'syncano', label: 'k', secret: ${JSON.stringify(CANARIES.syncanoApiKey)} });
      out.status = await v.raw('getStatus', {});
      out.list = await v.raw('listTokens', {});
      process.stdout.write(JSON.stringify(out));
    })();`;
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DISPLAY;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, 'the child ran');
  assert.ok(!r.stdout.includes(CANARIES.syncanoApiKey) && !r.stderr.includes(CANARIES.syncanoApiKey), 'no secret in output');
  const out = JSON.parse(r.stdout) as Record<string, { ok: boolean; value?: any; error?: { code: string; message: string } }>;
  assert.equal(out.add!.ok, false);
  assert.equal(out.add!.error!.code, 'keychain-unavailable');
  assert.match(out.add!.error!.message, /No usable Secret Service keychain on the session D-Bus \(no D-Bus session\)/);
  assert.match(out.add!.error!.message, /gnome-keyring/);
  assert.equal(out.status!.value.keychain.ok, false);
  assert.match(out.status!.value.keychain.fix, /Secret Service provider/);
  // With no catalog yet and no keychain nobody knows what the vault holds: not "empty", an error.
  assert.equal(out.list!.ok, false);
  assert.equal(out.list!.error!.code, 'keychain-unavailable');
  for (const { file, text } of readTree(dir)) assert.ok(!text.includes(CANARIES.syncanoApiKey), `${file} holds no secret`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('at start, keychain entries the list lacks are added back, and records whose secret is gone are marked — not before the keychain answers', async () => {
  const v = await vaultWithThree();
  const { encodeAccount, keytarKeychain } = await import('../../electron/core/keychain');
  const kc = keytarKeychain(v.config.keychainService);
  // What the old parallel-add bug left: a secret in the keychain that no catalog record names.
  const strayKey = hexKey('odd');
  await kc.set(encodeAccount({ id: randomUUID(), service: 'syncano', label: 'Lost in a race', account: 'inst-9', addedAt: '2026-11-01T00:00:00.000Z' }), strayKey);
  // And the opposite: a record whose secret was deleted outside Synvault.
  const gone = (await v.call('listTokens', {})).find((t) => t.label === 'Picture sync')!;
  const goneAccount = (await kc.findAll()).find((e) => e.account.includes(gone.id))!.account;
  await kc.delete(goneAccount);

  const after = v.reopen();
  const status = await after.call('getStatus', {});
  assert.equal(status.keychain.ok, true);
  const notices = status.notices.join('\n');
  assert.match(notices, /1 token\(s\) were in the keychain but missing from the list .* added back: "Lost in a race"/);
  assert.match(notices, /holds no secret for 1 token\(s\)/);
  const list = await after.call('listTokens', {});
  const stray = list.find((t) => t.label === 'Lost in a race');
  assert.ok(stray, 'the stray is listed');
  assert.equal(stray!.account, 'inst-9');
  assert.equal(stray!.kind, 'syncano-api-key');
  assert.equal(list.find((t) => t.id === gone.id)?.secretMissing, true);
  assert.equal(list.filter((t) => t.secretMissing).length, 1, 'only that one is marked');
  // The adopted one works; the marked one says plainly what is wrong, and can be removed.
  await after.call('copyToken', { id: stray!.id });
  assert.ok(after.clipboard.peek() === strayKey);
  const copy = await after.raw('copyToken', { id: gone.id });
  assert.equal(copy.error?.code, 'not-found');
  assert.match(copy.error!.message, /unlocked but holds no secret for "Picture sync"/);
  await after.call('removeToken', { id: gone.id });
  assert.equal((await after.call('listTokens', {})).length, 3);
  // A later start finds nothing to adopt or mark.
  const third = after.reopen();
  assert.deepEqual((await third.call('getStatus', {})).notices, []);
});

test('a catalog write that fails after the keychain write is undone: the add fails and no secret is stranded', async () => {
  const v = await vaultWithThree();
  const { keytarKeychain } = await import('../../electron/core/keychain');
  const before = (await keytarKeychain(v.config.keychainService).findAll()).map((e) => e.account).sort();
  // The token store's catalog is its own; the disk is made to fail for this one add.
  const { Catalog } = await import('../../electron/core/catalog');
  const save = Catalog.prototype.save;
  Catalog.prototype.save = () => {
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  };
  const r = await v.raw('addToken', { service: 'syncano', label: 'Disk full', secret: hexKey('even') }).finally(() => {
    Catalog.prototype.save = save;
  });
  assert.equal(r.ok, false);
  assert.equal(r.error?.code, 'io');
  assert.match(r.error!.message, /Could not write the catalog .*\(ENOSPC\)\. Nothing was changed\./);
  assert.deepEqual((await keytarKeychain(v.config.keychainService).findAll()).map((e) => e.account).sort(), before, 'the keychain entry was taken back');
  assert.equal(fs.existsSync(path.join(v.dir, 'pending.json')), false);
  assert.deepEqual((await v.reopen().call('listTokens', {})).map((t) => t.label), ['Laptop PAT', 'Picture sync', 'Instance key']);
});
