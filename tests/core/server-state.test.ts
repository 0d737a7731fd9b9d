// @process: test
// What a service last said about each token (TokenSummary.server) is written by the token store
// under the write lock, on the catalog as it is on disk then, and read back after a restart —
// and catalog.json holds it without ever holding a secret (the canaries of tests/canaries.json).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CANARIES, makeSynapsePat, makeTestVault, type TestVault } from '../helpers/core';
import type { ServerState } from '../../electron/shared/model';

const vaults: TestVault[] = [];
after(async () => {
  for (const v of vaults) await v.cleanup();
});
const vault = (...args: Parameters<typeof makeTestVault>) => {
  const v = makeTestVault(...args);
  vaults.push(v);
  return v;
};
/** A second process on the same folder and keychain (a CLI beside the window). */
const beside = (v: TestVault) => vault({ dir: v.dir, service: v.config.keychainService, keychain: v.keychain, source: 'cli' });
const onDisk = (v: TestVault) => JSON.parse(fs.readFileSync(path.join(v.dir, 'catalog.json'), 'utf8')) as { tokens: Array<{ id: string; server?: ServerState }> };
const serverOnDisk = (v: TestVault, id: string) => onDisk(v).tokens.find((t) => t.id === id)?.server;

const ACTIVE: ServerState = { service: 'synapse', at: '2026-11-22T10:00:00.000Z', state: 'ACTIVE', name: 'laptop', createdOn: '2026-10-01T08:00:00.000Z', lastUsed: '2026-11-20T17:45:00.000Z' };

test('server state of every service round-trips through catalog.json, which holds no secret', async () => {
  const v = vault();
  const synapse = await v.call('addToken', { service: 'synapse', label: 'Canary PAT', secret: CANARIES.synapse });
  const synap = await v.call('addToken', { service: 'synap', label: 'Canary Synap', portal: 'Acme', secret: CANARIES.synap });
  const apiKey = await v.call('addToken', { service: 'syncano', label: 'Canary key', instance: 'shop-prod', secret: CANARIES.syncanoApiKey });
  const accountKey = await v.call('addToken', { service: 'syncano', label: 'Canary account', secret: CANARIES.syncanoAccountKey });
  const syncano: ServerState = { service: 'syncano', at: '2026-11-22T10:01:00.000Z' };
  const written = await v.core.parts.tokens.updateReported(
    new Map([
      [synapse.id, { server: ACTIVE }],
      [apiKey.id, { server: syncano, flags: ['ignore_acl', 'allow_anonymous_read'] }],
    ]),
  );
  assert.deepEqual(written.map((t) => t.id).sort(), [synapse.id, apiKey.id].sort());
  const gone: ServerState = { service: 'synapse', at: '2026-11-23T09:00:00.000Z', state: 'gone' };
  await v.core.parts.tokens.update(synapse.id, { server: gone });

  // A new core on the same folder (a restart) lists what was written, from the file.
  const restarted = v.reopen();
  const list = await restarted.call('listTokens', {});
  const byId = new Map(list.map((t) => [t.id, t]));
  assert.deepEqual(byId.get(synapse.id)!.server, gone);
  assert.deepEqual(byId.get(apiKey.id)!.server, syncano);
  assert.deepEqual(byId.get(apiKey.id)!.flags, ['ignore_acl', 'allow_anonymous_read']);
  assert.equal(byId.get(synap.id)!.server, undefined);
  assert.equal(byId.get(accountKey.id)!.server, undefined);

  const text = fs.readFileSync(path.join(v.dir, 'catalog.json'), 'utf8');
  assert.match(text, /"state":\s*"gone"/, 'the state is in the file, not only in memory');
  for (const [name, secret] of Object.entries(CANARIES)) assert.ok(!text.includes(secret), `catalog.json holds the ${name} canary`);
});

test('a server state is written under the write lock: not while another process holds it, then on the catalog as it is then', async () => {
  const v = vault();
  const a = await v.call('addToken', { service: 'synapse', label: 'A', secret: makeSynapsePat({ jti: '8101' }) });
  const other = beside(v);
  let pending: Promise<unknown> | undefined;
  let added: { id: string } | undefined;
  await other.core.parts.lock.run(async () => {
    pending = v.core.parts.tokens.updateReported(new Map([[a.id, { server: ACTIVE }]]));
    // The write waits for the lock: however long we hold it, the file does not change.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(serverOnDisk(v, a.id), undefined, 'written while another process held the lock');
    // What the other process writes meanwhile (its own catalog write, under the lock it holds)...
    const records = JSON.parse(fs.readFileSync(path.join(v.dir, 'catalog.json'), 'utf8')) as { version: number; tokens: Array<Record<string, unknown>> };
    added = { id: 'other-process-0001' };
    records.tokens.push({ ...records.tokens[0]!, id: added.id, label: 'Added meanwhile', keychainAccount: 'synvault1:other' });
    fs.writeFileSync(path.join(v.dir, 'catalog.json'), JSON.stringify(records));
  });
  await pending;
  // ...is kept: the store re-read the catalog under the lock before writing.
  assert.deepEqual(serverOnDisk(v, a.id), ACTIVE);
  assert.ok(onDisk(v).tokens.some((t) => t.id === added!.id), 'the other process’s change was overwritten');
});

test('a token removed by another process meanwhile is not brought back by a report about it', async () => {
  const v = vault();
  const a = await v.call('addToken', { service: 'synapse', label: 'A', secret: makeSynapsePat({ jti: '8201' }) });
  const b = await v.call('addToken', { service: 'synapse', label: 'B', secret: makeSynapsePat({ jti: '8202' }) });
  await beside(v).call('removeToken', { id: a.id });
  const written = await v.core.parts.tokens.updateReported(new Map([[a.id, { server: ACTIVE }], [b.id, { server: ACTIVE }]]));
  assert.deepEqual(written.map((t) => t.id), [b.id]);
  assert.deepEqual(onDisk(v).tokens.map((t) => t.id), [b.id]);
  assert.deepEqual(serverOnDisk(v, b.id), ACTIVE);
});

test('a state of another service is refused and nothing is written; a new secret drops the old state', async () => {
  const v = vault();
  const key = await v.call('addToken', { service: 'syncano', label: 'K', secret: CANARIES.syncanoApiKey });
  const r = await v.core.parts.tokens.update(key.id, { server: ACTIVE }).then(
    () => null,
    (err: { code?: string }) => err,
  );
  assert.equal(r?.code, 'internal');
  assert.equal(serverOnDisk(v, key.id), undefined);
  await assert.rejects(v.core.parts.tokens.updateReported(new Map([[key.id, { server: ACTIVE }]])));
  assert.equal(serverOnDisk(v, key.id), undefined);

  await v.core.parts.tokens.update(key.id, { server: { service: 'syncano', at: '2026-11-22T10:00:00.000Z' } });
  await v.core.parts.tokens.replaceIssued(key.id, CANARIES.syncanoAccountKey.replace(/2$/, '4'), { issued: 'test' });
  assert.equal(serverOnDisk(v, key.id), undefined, 'what the service said about the old secret was kept');
});

test('a server state this version cannot read is dropped, and the catalog is not called damaged', async () => {
  const v = vault();
  const a = await v.call('addToken', { service: 'synapse', label: 'A', secret: makeSynapsePat({ jti: '8301' }) });
  const file = path.join(v.dir, 'catalog.json');
  const records = JSON.parse(fs.readFileSync(file, 'utf8')) as { tokens: Array<Record<string, unknown>> };
  records.tokens[0]!.server = { service: 'synapse', at: 'x', state: 'SOMETHING NEW' };
  fs.writeFileSync(file, JSON.stringify(records));
  const restarted = v.reopen();
  const list = await restarted.call('listTokens', {});
  assert.deepEqual(list.map((t) => [t.id, t.server]), [[a.id, undefined]]);
  assert.deepEqual((await restarted.call('getStatus', {})).notices, []);
  assert.ok(fs.existsSync(file) && !fs.readdirSync(v.dir).some((n) => n.startsWith('catalog.corrupt')), 'the catalog was set aside');
});
