// @process: test
// Many writers at once — inside one process (the window's dispatcher) and across processes (the
// CLI, a second window) — leave exactly the tokens that were asked for, in the catalog and in the
// keychain alike.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { hexKey, makeSynapsePat, makeTestVault, type TestVault } from '../helpers/core';
import { catalogOnDisk, emptyKeychain, keychainAccounts, runCliProcess } from '../helpers/processes';

const vaults: TestVault[] = [];
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const v of vaults) await v.cleanup();
  for (const c of cleanups) await c();
});

async function agree(dataDir: string, service: string, labels: string[]) {
  const catalog = catalogOnDisk(dataDir);
  assert.deepEqual(catalog.map((r) => r.label).sort(), [...labels].sort(), 'the catalog holds exactly what was asked');
  assert.deepEqual(await keychainAccounts(service), catalog.map((r) => r.keychainAccount).sort(), 'the keychain holds exactly the catalog’s entries');
}

test('10 adds at once through the dispatcher are all listed and all in the keychain', async () => {
  const v = makeTestVault();
  vaults.push(v);
  const labels = Array.from({ length: 10 }, (_, i) => `parallel ${i}`);
  const results = await Promise.all(labels.map((label) => v.raw('addToken', { service: 'syncano', label, secret: hexKey('odd') })));
  assert.ok(results.every((r) => r.ok), 'every add reports success');
  assert.deepEqual((await v.call('listTokens', {})).map((t) => t.label).sort(), [...labels].sort());
  await agree(v.dir, v.config.keychainService, labels);
});

test('adds, removes and renames at once from two vaults on the same folder (a window and the CLI) all land', async () => {
  const app = makeTestVault({ source: 'app' });
  vaults.push(app);
  const cli = makeTestVault({ dir: app.dir, service: app.config.keychainService, keychain: app.keychain, source: 'cli' });
  const first = await Promise.all(Array.from({ length: 6 }, (_, i) => app.call('addToken', { service: 'synap', label: `old ${i}`, portal: 'Acme', secret: `p:${randomBytes(12).toString('hex')}` })));
  const ops: Array<Promise<unknown>> = [];
  // Remove three from the window and rename two from the CLI, while both add new ones.
  for (const t of first.slice(0, 3)) ops.push(app.call('removeToken', { id: t.id }));
  for (const t of first.slice(3, 5)) ops.push(cli.core.parts.tokens.update(t.id, { label: `${t.label} renamed` }));
  for (let i = 0; i < 4; i++) ops.push(app.call('addToken', { service: 'syncano', label: `app new ${i}`, secret: hexKey('even') }));
  for (let i = 0; i < 4; i++) ops.push(cli.call('addToken', { service: 'synapse', label: `cli new ${i}`, secret: makeSynapsePat({ jti: String(5000 + i) }) }));
  await Promise.all(ops);
  const expected = ['old 3 renamed', 'old 4 renamed', 'old 5', ...[0, 1, 2, 3].map((i) => `app new ${i}`), ...[0, 1, 2, 3].map((i) => `cli new ${i}`)];
  assert.deepEqual((await app.call('listTokens', {})).map((t) => t.label).sort(), [...expected].sort());
  assert.deepEqual((await cli.call('listTokens', {})).map((t) => t.label).sort(), [...expected].sort());
  await agree(app.dir, app.config.keychainService, expected);
});

test('20 synvault add processes at once: all succeed and all 20 are listed and in the keychain', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-par-'));
  const service = `SynvaultPar-${randomBytes(3).toString('hex')}`;
  cleanups.push(async () => {
    await emptyKeychain(service);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir };
  const labels = Array.from({ length: 20 }, (_, i) => `proc ${i}`);
  const runs = await Promise.all(labels.map((label) => runCliProcess(['add', 'syncano', '--label', label], { env, input: hexKey('odd') })));
  for (const r of runs) assert.equal(r.code, 0, r.err);
  const listed = await runCliProcess(['list', '--json'], { env });
  assert.equal(listed.code, 0, listed.err);
  assert.deepEqual((JSON.parse(listed.out) as Array<{ label: string }>).map((t) => t.label).sort(), [...labels].sort());
  await agree(dir, service, labels);
  // 10 more processes, half removing what the first ones added, half adding: still exact.
  const ids = (JSON.parse(listed.out) as Array<{ id: string; label: string }>).slice(0, 5);
  const mixed = await Promise.all([
    ...ids.map((t) => runCliProcess(['remove', t.id, '--yes'], { env })),
    ...[0, 1, 2, 3, 4].map((i) => runCliProcess(['add', 'syncano', '--label', `late ${i}`], { env, input: hexKey('even') })),
  ]);
  for (const r of mixed) assert.equal(r.code, 0, r.err);
  const left = labels.filter((l) => !ids.some((t) => t.label === l)).concat([0, 1, 2, 3, 4].map((i) => `late ${i}`));
  await agree(dir, service, left);
});
