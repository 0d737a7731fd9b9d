// @process: test
// "Copy as curl" in the form that reads the token from the environment: the command holds no
// token, names the token the way `synvault exec` finds it, and — run for real by sh, with the
// synvault command on PATH — reaches the fake Synap with the token from the keychain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSynapFake, type SynapFake } from '../../e2e/fakes/synap';
import { curlViaExec, execName } from '../../electron/shared/curl';
import { CANARIES, makeTestVault, type TestVault } from '../helpers/core';

const root = path.resolve(__dirname, '..', '..');
let fake: SynapFake;
const vaults: TestVault[] = [];
const vault = () => {
  const v = makeTestVault({ env: { SYNVAULT_SYNAP_ENDPOINT: fake.url } });
  vaults.push(v);
  return v;
};

before(async () => {
  fake = await startSynapFake({ portal: { id: 'portal-42', name: 'Riverside Academy' }, goodTokens: [CANARIES.synap] });
});
after(async () => {
  for (const v of vaults) await v.cleanup();
  await fake.close();
});

test('the command without the token: exec finds the token by service/label, sh reads the variable exec set', () => {
  const url = 'https://api.synap.ac/v3/portal-usage/';
  const t = { id: 'a1b2c3d4-0000', service: 'synap', label: 'Main Token' };
  assert.equal(execName(t, [t]), 'synap/Main Token');
  // Another Synap token with the same label: the id is the only name that fits one token.
  assert.equal(execName(t, [t, { ...t, id: 'other-id-0000' }]), 'a1b2c3d4-0000');
  assert.equal(curlViaExec(url, 'synap/Main Token', 'SYNAP_TOKEN'), `synvault exec 'synap/Main Token' -- sh -c 'curl -H "Authorization: Bearer $SYNAP_TOKEN" ${url}'`);
  assert.equal(
    curlViaExec(url, "synap/Ada's", 'SYNAP_TOKEN', { header: 'X-Subject-User', id: 'u-1' }),
    `synvault exec 'synap/Ada'\\''s' -- sh -c 'curl -H "Authorization: Bearer $SYNAP_TOKEN" -H "X-Subject-User: u-1" ${url}'`,
  );
  assert.throws(() => curlViaExec(url, 'x', 'NOT A NAME'));
});

test('both forms are offered before a copy without the token; the exec one is copied as shown', async () => {
  const v = vault();
  const t = await v.call('addToken', { service: 'synap', label: 'Main Token', portal: 'Riverside Academy', secret: CANARIES.synap });
  const shown = await v.call('synapCurlCommands', { id: t.id });
  assert.equal(shown.variable, 'SYNAP_TOKEN');
  assert.equal(shown.viaExec, `synvault exec 'synap/Main Token' -- sh -c 'curl -H "Authorization: Bearer $SYNAP_TOKEN" ${fake.url}/portal-usage/'`);
  assert.equal(shown.literalPreview, `curl -H "Authorization: Bearer ${t.preview}" ${fake.url}/portal-usage/`);
  assert.ok(!JSON.stringify(shown).includes(CANARIES.synap), 'neither form crosses the contract with the token');

  const receipt = await v.call('synapCopyCurl', { id: t.id, form: 'exec' });
  assert.equal(receipt.form, 'exec');
  assert.equal(v.clipboard.peek(), shown.viaExec);
  assert.ok(!v.clipboard.peek().includes(CANARIES.synap), 'the exec form holds no token');
  const [entry] = await v.call('listActivity', { limit: 1 });
  assert.equal(entry?.detail, 'as curl through synvault exec');
  // The literal form is still there, and is the default.
  const literal = await v.call('synapCopyCurl', { id: t.id });
  assert.equal(literal.form, 'literal');
  assert.ok(v.clipboard.peek() === `curl -H "Authorization: Bearer ${CANARIES.synap}" ${fake.url}/portal-usage/`, 'the literal form holds the token');
});

test('the copied exec command, run by sh, reaches Synap with the token from the keychain', async () => {
  const v = vault();
  const t = await v.call('addToken', { service: 'synap', label: 'Main Token', portal: 'Riverside Academy', secret: CANARIES.synap });
  await v.call('synapCopyCurl', { id: t.id, form: 'exec' });
  const command = v.clipboard.peek();
  // `synvault` on PATH, as an installed one would be: this checkout's CLI.
  const bin = path.join(v.dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'synvault'), `#!/bin/sh\nexec "${process.execPath}" --import tsx "${path.join(root, 'electron/cli/cli.ts')}" "$@"\n`, { mode: 0o755 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    SYNVAULT_DATA_DIR: v.dir,
    SYNVAULT_KEYCHAIN_SERVICE: v.config.keychainService,
    SYNVAULT_HOME: v.config.home,
    NO_PROXY: '127.0.0.1',
  };
  for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'SYNAP_TOKEN']) delete env[k];
  const before = fake.requests.length;
  // Not spawnSync: the fake Synap answers from this process's event loop.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('sh', ['-c', command], { env, cwd: root, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  assert.equal(run.status, 0, run.stderr);
  // The fake answers its Portal only to the one good token, which only the keychain holds.
  assert.match(run.stdout, /"id":"portal-42"/);
  const seen = fake.requests.slice(before);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.bearer, true);
  assert.ok(!run.stdout.includes(CANARIES.synap) && !run.stderr.includes(CANARIES.synap), 'no token in the output');
});
