// @process: test
// `synvault rotate` against the fake Synapse and the fake Syncano: the password from stdin (and a
// two-factor code on the next line), each step printed as it happens, which token is live where,
// and the CLI's exit codes — 0 done, 1 a step failed, 2 usage, 3 the keychain. No secret printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/cli/cli';
import { startFakeSynapse } from '../../e2e/fakes/synapse';
import { startFakeSyncano } from '../../e2e/fakes/syncano';
import { makeTestVault, type TestVault } from '../helpers/core';
import { digest, pyRead } from '../synapse/py-configparser';
import { KeychainUnavailable, keytarKeychain, type KeychainPort } from '../../electron/core/keychain';

const PW = 'Trapezius-row-2209';

/** The CLI in this process on the test vault: stdin is a pipe holding `input`. */
async function synvault(tv: TestVault, args: string[], input = '') {
  const stdin = new PassThrough();
  stdin.end(input);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdin, stdout, stderr, env: {} }, () => tv.core);
  return { code, out, err };
}

async function withSynapse(fn: (tv: TestVault, f: Awaited<ReturnType<typeof startFakeSynapse>>) => Promise<void>, keychain?: (service: string) => KeychainPort) {
  let tv: TestVault | undefined;
  const f = await startFakeSynapse({ clock: { now: () => tv!.clock.now() } });
  const service = `SynvaultCliRotate-${Math.random().toString(16).slice(2, 10)}`;
  tv = makeTestVault({ env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: f.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: f.repoEndpoint }, service, source: 'cli', ...(keychain ? { keychain: keychain(service) } : {}) });
  f.addUser({ userName: 'alice', password: PW, ownerId: '3400001' });
  try {
    await fn(tv, f);
  } finally {
    await f.close();
    await tv.cleanup();
  }
}

async function createAndExport(tv: TestVault) {
  const r = await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'laptop', scopes: ['view'] });
  assert.ok(!('needsTwoFactor' in r));
  const p = await tv.call('synapseExportPreview', { id: r.token.id, profile: 'default' });
  await tv.call('synapseExport', { planId: p.planId });
  return r.token;
}

test('synvault rotate (Synapse): password on stdin, every step printed, the file rewritten, the old token revoked; exit 0', async () => {
  await withSynapse(async (tv, f) => {
    const old = await createAndExport(tv);
    const oldSecret = await tv.core.parts.tokens.secret(old.id);
    const r = await synvault(tv, ['rotate', 'laptop'], `${PW}\n`);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0]!, /^Rotating Synapse "laptop" \(\S+…\S+\):$/);
    assert.match(lines[1]!, /^\[done\] Create a successor at Synapse with the same scopes \(view\) — “laptop \(rotated [^”]+\)” \(\S+…\S+\)\.$/);
    assert.match(lines[2]!, /^\[done\] Store it in the vault as “laptop”, keeping the old one \(rotated out\) until it is revoked — /);
    assert.match(lines[3]!, /^\[done\] Rewrite \[authentication\] in .*\.synapseConfig — Now holds “laptop” /);
    assert.match(lines[4]!, /^\[done\] Revoke the old token “laptop” \(\S+…\S+\) at Synapse — Revoked at Synapse and removed from the vault\.$/);
    assert.match(lines[5]!, /^The new token “laptop” .* is in the vault and live at Synapse, and written in \[authentication\] in /);
    assert.match(lines[6]!, /^The old token \(\S+…\S+\) is revoked at Synapse and gone from the vault\.$/);
    const [successor] = await tv.call('listTokens', {});
    const newSecret = await tv.core.parts.tokens.secret(successor!.id);
    assert.deepEqual(pyRead(path.join(tv.config.home, '.synapseConfig')).legacy?.authtoken, digest(newSecret));
    assert.equal(f.pats.some((p) => p.id === old.recordId), false);
    for (const s of [oldSecret, newSecret, PW]) assert.ok(!r.out.includes(s) && !r.err.includes(s), 'no secret printed');
  });
});

test('synvault rotate: a failed step exits 1 and says which token is live where; two-factor code on the second line; usage 2', async () => {
  await withSynapse(async (tv, f) => {
    await createAndExport(tv);
    f.failNext('DELETE', '/auth/v1/personalAccessToken/', 500, 'Internal server error');
    f.users[0]!.twoFactor = true;
    const r = await synvault(tv, ['rotate', 'laptop'], `${PW}\n${f.users[0]!.totp}\n`);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /\n\[FAILED\] Revoke the old token “laptop” .* — Synapse answered 500/);
    assert.match(r.out, /\nThe old token “laptop \(rotated out\)” .* is still live at Synapse — it was not revoked — and still in the vault\. /);
    assert.match(r.err, /^synvault: the rotation stopped: Synapse answered 500/m);
    // Finishing it: the rotated-out token, rotated again.
    const again = await synvault(tv, ['rotate', 'laptop (rotated out)', '--username', 'alice'], `${PW}\n${f.users[0]!.totp}\n`);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /\[done\] Revoke the old token/);
    // Usage: no name, an unknown name, no code for a two-factor account.
    assert.equal((await synvault(tv, ['rotate'])).code, 2);
    assert.equal((await synvault(tv, ['rotate', 'nope'])).code, 2);
    const noCode = await synvault(tv, ['rotate', 'laptop'], `${PW}\n`);
    assert.equal(noCode.code, 1);
    assert.match(noCode.err, /asks for a two-factor code: .* second line of stdin\. Nothing was done\./);
  });
});

test('synvault rotate: a locked keychain exits 3 before Synapse is asked anything; one that refuses the successor prints it once, alone on stdout, and exits 3', async () => {
  let locked = false;
  let refuseSet = false;
  await withSynapse(
    async (tv, f) => {
      await createAndExport(tv);
      const pats = f.pats.length;
      const requests = f.requests.length;
      locked = true;
      const r = await synvault(tv, ['rotate', 'laptop'], `${PW}\n`);
      locked = false;
      assert.equal(r.code, 3, r.err);
      assert.match(r.err, /The keychain is locked\. Unlock it\./);
      assert.equal(f.requests.length, requests, 'no password was sent');
      assert.equal(f.pats.length, pats, 'nothing was created');
      assert.deepEqual((await tv.call('listTokens', {})).map((t) => [t.label, t.rotation]), [['laptop', undefined]]);

      refuseSet = true;
      const rescued = await synvault(tv, ['rotate', 'laptop'], `${PW}\n`);
      refuseSet = false;
      assert.equal(rescued.code, 3, rescued.err);
      const made = f.pats.find((p) => p.name.startsWith('laptop (rotated'))!;
      assert.ok(rescued.out.endsWith(`\n${made.token}\n`), 'the new token is printed once, on a line of its own');
      assert.match(rescued.err, /^synvault: Synapse created the token "laptop \(rotated [^"]+\)" but it could not be saved in the keychain: .*shown only this once\./m);
      assert.ok(!rescued.err.includes(made.token));
      assert.deepEqual((await tv.call('listTokens', {})).map((t) => [t.label, t.rotation]), [['laptop', undefined]]);
    },
    (service) => {
      const real = keytarKeychain(service);
      const lockedError = () => new KeychainUnavailable({ state: 'locked', message: 'The keychain is locked.', fix: 'Unlock it.' });
      return {
        ...real,
        get: (a: string) => (locked ? Promise.reject(lockedError()) : real.get(a)),
        set: (a: string, s: string) => (locked || refuseSet ? Promise.reject(lockedError()) : real.set(a, s)),
      } as KeychainPort;
    },
  );
});

test('synvault rotate (Syncano): reset_key, nothing else to update; exit 0', async () => {
  const fake = await startFakeSyncano();
  const admin = fake.addAccount({ email: 'cli@example.org', password: PW, first_name: 'Cli' });
  const tv = makeTestVault({ env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url }, source: 'cli' });
  try {
    const { token } = await tv.call('syncanoSignIn', { email: admin.email, password: PW });
    const before = admin.account_key;
    const r = await synvault(tv, ['rotate', token.id]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\[done\] Reset the account key at Syncano \(reset_key\): the old key stops working at once/);
    assert.match(r.out, /\[skipped\] Update the places the vault wrote the old key — None: Synvault writes Syncano keys nowhere/);
    assert.notEqual(admin.account_key, before);
    assert.ok(!r.out.includes(admin.account_key) && !r.out.includes(before));
    assert.ok(!fs.readFileSync(path.join(tv.dir, 'catalog.json'), 'utf8').includes(admin.account_key));
  } finally {
    await fake.close();
    await tv.cleanup();
  }
});
