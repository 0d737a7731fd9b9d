// @process: test
// Rotating a Synapse token against the fake Synapse, on the real (test-session) keychain and real
// files: success, and a failure at each step — create, a .synapseConfig write, revoke — with what
// a person then has: which token is in the vault under which label, which one each file holds
// (read with Python's configparser), which ones Synapse still accepts. The old token is never
// revoked before the new one is stored and written everywhere the old one was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { makeTestVault, readTree, type TestVault } from '../helpers/core';
import { digest, pyRead } from '../synapse/py-configparser';
import type { RotationReport, RotationStep } from '../../electron/shared/contract/rotate';
import type { TwoFactorChallenge } from '../../electron/shared/contract/synapse';
import type { TokenSummary } from '../../electron/shared/model';
import { keytarKeychain, type KeychainPort } from '../../electron/core/keychain';

const PW = 'correct horse battery';

interface World {
  tv: TestVault;
  f: FakeSynapse;
  /** ~/.synapseConfig of the test's home. */
  home: string;
  /** A second file, written with profile "lab". */
  lab: string;
}

async function setup(fn: (w: World) => Promise<void>, opts: { keychain?: (service: string) => KeychainPort } = {}) {
  let tv: TestVault | undefined;
  const f = await startFakeSynapse({ clock: { now: () => tv!.clock.now() } });
  const env = { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: f.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: f.repoEndpoint };
  const service = `SynvaultRotate-${Math.random().toString(16).slice(2, 10)}`;
  tv = makeTestVault({ env, service, ...(opts.keychain ? { keychain: opts.keychain(service) } : {}) });
  f.addUser({ userName: 'alice', password: PW, ownerId: '3400001' });
  const home = path.join(tv.config.home, '.synapseConfig');
  const lab = path.join(tv.config.home, 'lab.cfg');
  try {
    await fn({ tv, f, home, lab });
  } finally {
    await f.close();
    await tv.cleanup();
  }
}

/** A token created through the vault and exported to ~/.synapseConfig (default profile) and to
 * lab.cfg (profile "lab") — the two places the vault wrote it. */
async function createdAndExported(w: World): Promise<TokenSummary> {
  const { tv, home, lab } = w;
  fs.writeFileSync(home, '# mine\n[cache]\nlocation = /data/cache\n');
  const r = await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'laptop', scopes: ['view', 'download'] });
  assert.ok(!('needsTwoFactor' in r));
  const t = r.token;
  for (const [file, profile] of [
    [home, 'default'],
    [lab, 'lab'],
  ] as const) {
    const preview = await tv.call('synapseExportPreview', { id: t.id, profile, path: file });
    await tv.call('synapseExport', { planId: preview.planId });
  }
  return tv.core.parts.tokens.get(t.id);
}

const tokens = (tv: TestVault) => tv.call('listTokens', {});
const byLabel = async (tv: TestVault, label: string) => (await tokens(tv)).find((t) => t.label === label);
const secretOf = (tv: TestVault, id: string) => tv.core.parts.tokens.secret(id);
/** Whether the fake Synapse still has (and so accepts) the token with this record id. */
const live = (f: FakeSynapse, recordId: string | undefined) => f.pats.some((p) => p.id === recordId);
const states = (r: RotationReport) => r.steps.map((s) => `${s.kind}:${s.state}`);

function report(r: RotationReport | TwoFactorChallenge): RotationReport {
  assert.ok(!('needsTwoFactor' in r), 'a second factor was asked for');
  return r as RotationReport;
}

/** No secret in the catalog, the activity log or any other file of the data folder. */
async function noSecretOnDisk(tv: TestVault, secrets: string[]) {
  for (const { file, text } of readTree(tv.dir)) {
    if (file.startsWith(tv.config.home)) continue; // the .synapseConfig files hold tokens on purpose
    for (const s of secrets) assert.ok(!text.includes(s), `${file} holds a secret`);
    assert.ok(!text.includes(PW), `${file} holds the password`);
  }
}

test('export and rotate: the successor (same scopes) is stored under the same label and written in every profile, the old one is rotated out and then revoked at Synapse', async () => {
  await setup(async (w) => {
    const { tv, f, home, lab } = w;
    const old = await createdAndExported(w);
    const oldSecret = await secretOf(tv, old.id);
    assert.deepEqual(
      old.usedIn?.map((u) => `${path.basename(u.path)} [${u.section}]`),
      ['.synapseConfig [authentication]', 'lab.cfg [profile lab]'],
      'both exports are recorded on the token',
    );
    // What the old token looked like mid-way (after the store step), seen through onStep.
    let midway: TokenSummary | undefined;
    const seen: string[] = [];
    const r = report(
      await tv.core.rotation.rotate(
        { service: 'synapse', id: old.id, username: 'alice', password: PW, allowEvictOldest: false },
        {
          onStep: (s) => {
            seen.push(`${s.kind}:${s.state}`);
            if (s.kind === 'store' && s.state === 'done') void tv.core.parts.tokens.get(old.id).then((t) => (midway = t));
          },
        },
      ),
    );
    assert.equal(r.outcome, 'done', JSON.stringify(r.steps));
    assert.deepEqual(states(r), ['create:done', 'store:done', 'write:done', 'write:done', 'revoke:done']);
    assert.deepEqual(seen, states(r), 'each step is told as it happens, in order');
    assert.equal(midway?.label, 'laptop (rotated out)');
    assert.equal(midway?.rotation?.stage, 'rotated-out');
    assert.equal(midway?.rotation?.successorId, r.newId);

    const list = await tokens(tv);
    assert.deepEqual(list.map((t) => t.label), ['laptop'], 'one token, under the old label');
    const successor = list[0]!;
    assert.equal(successor.id, r.newId);
    assert.notEqual(successor.recordId, old.recordId);
    assert.deepEqual(successor.scopes, ['view', 'download']);
    assert.equal(successor.account, 'alice');
    const newSecret = await secretOf(tv, successor.id);
    assert.deepEqual(f.pats.find((p) => p.id === successor.recordId)?.scopes, ['view', 'download'], 'the same scopes at Synapse');
    assert.equal(live(f, old.recordId), false, 'the old token is revoked at Synapse');
    assert.equal(live(f, successor.recordId), true);
    // Both files now hold the successor, read as the client reads them; nothing else changed.
    assert.deepEqual(pyRead(home).legacy?.authtoken, digest(newSecret));
    assert.deepEqual(pyRead(lab, 'lab').modern?.authtoken, digest(newSecret));
    assert.ok(fs.readFileSync(home, 'utf8').startsWith('# mine\n[cache]\nlocation = /data/cache\n'));
    assert.equal(fs.statSync(home).mode & 0o777, 0o600);
    // The places moved to the successor; the check reads them by fingerprint.
    const check = await tv.call('checkUsedIn', { id: successor.id });
    assert.deepEqual(check.map((c) => `${path.basename(c.path)} [${c.section}] ${c.state}`), ['.synapseConfig [authentication] holds-this', 'lab.cfg [profile lab] holds-this']);
    assert.match(r.live.join(' '), /The new token “laptop” \(\S+…\S+\) is in the vault and live at Synapse, and written in \[authentication\] in .*\.synapseConfig and \[profile lab\] in .*lab\.cfg\./);
    assert.match(r.live.join(' '), /The old token \(\S+…\S+\) is revoked at Synapse and gone from the vault\./);
    assert.ok((await tv.call('listActivity', {})).some((a) => a.action === 'rotated'));
    await noSecretOnDisk(tv, [oldSecret, newSecret]);
    assert.ok(!JSON.stringify(r).includes(newSecret) && !JSON.stringify(r).includes(oldSecret), 'no secret in the report');
  });
});

test('create fails at Synapse: nothing changes — the old token stays in the vault under its label, in both files, live', async () => {
  await setup(async (w) => {
    const { tv, f, home } = w;
    const old = await createdAndExported(w);
    const oldSecret = await secretOf(tv, old.id);
    f.failNext('POST', '/auth/v1/personalAccessToken', 500, 'Internal server error');
    const r = report(await tv.call('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW }));
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(states(r), ['create:failed', 'store:not-run', 'write:not-run', 'write:not-run', 'revoke:not-run']);
    assert.match(r.error!.message, /Synapse answered 500/);
    assert.match(r.live[0]!, /^Nothing changed: the old token “laptop” .* is still in the vault, in \[authentication\] in .* and \[profile lab\] in .*, and live at Synapse\.$/);
    const list = await tokens(tv);
    assert.deepEqual(list.map((t) => t.label), ['laptop']);
    assert.equal(list[0]!.rotation, undefined, 'Synapse answered, so no journal is left');
    assert.equal(f.pats.length, 1, 'no successor at Synapse');
    assert.ok(live(f, old.recordId));
    assert.deepEqual(pyRead(home).legacy?.authtoken, digest(oldSecret));
  });
});

test('a read-only file that holds the token: refused before signing in, nothing done', async () => {
  await setup(async (w) => {
    const { tv, f, lab } = w;
    const old = await createdAndExported(w);
    fs.chmodSync(lab, 0o400);
    const before = f.requests.length;
    const e = await tv.raw('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW });
    assert.equal(e.ok, false);
    assert.equal(e.error?.code, 'forbidden');
    assert.match(e.error!.message, /^Nothing was done: the old token is in a file Synvault cannot rewrite.*lab\.cfg is read-only \(mode 400\).*Fix that, then rotate again\.$/);
    assert.equal(f.requests.length, before, 'no password was sent');
    assert.deepEqual((await tokens(tv)).map((t) => [t.label, t.rotation]), [['laptop', undefined]]);
  });
});

test('a file becomes read-only after the successor is stored: that write fails, the revoke is held back, and the report says which token is where; rotating again finishes', async () => {
  await setup(async (w) => {
    const { tv, f, home, lab } = w;
    const old = await createdAndExported(w);
    const oldSecret = await secretOf(tv, old.id);
    const r = report(
      await tv.core.rotation.rotate(
        { service: 'synapse', id: old.id, username: 'alice', password: PW, allowEvictOldest: false },
        { onStep: (s: RotationStep) => s.kind === 'store' && s.state === 'done' && fs.chmodSync(lab, 0o400) },
      ),
    );
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(states(r), ['create:done', 'store:done', 'write:done', 'write:failed', 'revoke:not-run']);
    assert.match(r.steps[3]!.detail!, /lab\.cfg is read-only/);
    assert.match(r.steps[4]!.detail!, /^Not revoked: \[profile lab\] in .*lab\.cfg still holds it\./);
    assert.match(r.live[0]!, /^The new token “laptop” .* is in the vault and live at Synapse, and written in \[authentication\] in .*\.synapseConfig\.$/);
    assert.match(r.live[1]!, /^The old token “laptop \(rotated out\)” .* is still live at Synapse — it was not revoked — and still in the vault, and still in \[profile lab\] in .*lab\.cfg\./);

    // What is where: both in the vault, the old one rotated out; each file; both live at Synapse.
    const successor = (await byLabel(tv, 'laptop'))!;
    const rotatedOut = (await byLabel(tv, 'laptop (rotated out)'))!;
    assert.equal(rotatedOut.id, old.id);
    assert.deepEqual(rotatedOut.rotation && { stage: rotatedOut.rotation.stage, successorId: rotatedOut.rotation.successorId }, { stage: 'rotated-out', successorId: successor.id });
    const newSecret = await secretOf(tv, successor.id);
    assert.deepEqual(pyRead(home).legacy?.authtoken, digest(newSecret));
    assert.deepEqual(pyRead(lab, 'lab').modern?.authtoken, digest(oldSecret));
    assert.ok(live(f, old.recordId) && live(f, successor.recordId), 'the old token was never revoked');
    assert.deepEqual(rotatedOut.usedIn?.map((u) => u.section), ['profile lab']);
    assert.deepEqual(successor.usedIn?.map((u) => u.section), ['authentication']);

    // Fixed, and rotated again: no second successor; the file is rewritten and the old one revoked.
    fs.chmodSync(lab, 0o600);
    const pats = f.pats.length;
    const again = report(await tv.call('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW }));
    assert.equal(again.outcome, 'done', JSON.stringify(again.steps));
    assert.deepEqual(states(again), ['create:done', 'store:done', 'write:done', 'revoke:done']);
    assert.match(again.steps[0]!.detail!, /^Done by an earlier rotation/);
    assert.equal(f.pats.length, pats - 1, 'no token created, the old one deleted');
    assert.deepEqual(pyRead(lab, 'lab').modern?.authtoken, digest(newSecret));
    assert.deepEqual((await tokens(tv)).map((t) => t.label), ['laptop']);
    assert.equal(live(f, old.recordId), false);
  });
});

test('revoke fails at Synapse: the successor is stored and written everywhere, the old one stays rotated out and live, and says so', async () => {
  await setup(async (w) => {
    const { tv, f, home, lab } = w;
    const old = await createdAndExported(w);
    f.failNext('DELETE', '/auth/v1/personalAccessToken/', 500, 'Internal server error');
    const r = report(await tv.call('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW }));
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(states(r), ['create:done', 'store:done', 'write:done', 'write:done', 'revoke:failed']);
    assert.match(r.steps[4]!.detail!, /Synapse answered 500/);
    assert.match(r.live[1]!, /^The old token “laptop \(rotated out\)” .* is still live at Synapse — it was not revoked — and still in the vault\. /);
    const successor = (await byLabel(tv, 'laptop'))!;
    const newSecret = await secretOf(tv, successor.id);
    assert.deepEqual(pyRead(home).legacy?.authtoken, digest(newSecret));
    assert.deepEqual(pyRead(lab, 'lab').modern?.authtoken, digest(newSecret));
    const rotatedOut = (await byLabel(tv, 'laptop (rotated out)'))!;
    assert.equal(rotatedOut.rotation?.stage, 'rotated-out');
    assert.equal(rotatedOut.usedIn, undefined, 'no place holds the old token any more');
    assert.ok(live(f, old.recordId));
    // Rotating the rotated-out token again revokes it (nothing left to write).
    const again = report(await tv.call('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW }));
    assert.deepEqual(states(again), ['create:done', 'store:done', 'revoke:done']);
    assert.equal(live(f, old.recordId), false);
  });
});

test('a section holding the old token that the vault did not write is rewritten too; one that now holds another token is left alone and forgotten', async () => {
  await setup(async (w) => {
    const { tv, f, home, lab } = w;
    const old = await createdAndExported(w);
    const oldSecret = await secretOf(tv, old.id);
    // By hand: a [profile ci] with the same token in ~/.synapseConfig, and another token in lab.cfg.
    fs.appendFileSync(home, `\n[profile ci]\nauthtoken = ${oldSecret}\n`);
    const other = f.issuePat('alice', 'other');
    fs.writeFileSync(lab, `[profile lab]\nauthtoken = ${other}\n`);
    const r = report(await tv.call('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW }));
    assert.equal(r.outcome, 'done', JSON.stringify(r.steps));
    assert.deepEqual(r.steps.map((s) => `${s.kind}:${s.state}:${s.place?.section ?? ''}`), [
      'create:done:',
      'store:done:',
      'write:done:authentication',
      'write:done:profile ci',
      'write:skipped:profile lab',
      'revoke:done:',
    ]);
    assert.match(r.steps[4]!.detail!, /it holds another token now/);
    const newSecret = await secretOf(tv, r.newId!);
    assert.deepEqual(pyRead(home, 'ci').modern?.authtoken, digest(newSecret));
    assert.deepEqual(pyRead(lab, 'lab').modern?.authtoken, digest(other), 'the other token is left alone');
  });
});

test('two-factor: the rotation waits for the code, then runs; signed in as someone else, nothing is done', async () => {
  await setup(async (w) => {
    const { tv, f } = w;
    const u = f.users[0]!;
    const old = await createdAndExported(w);
    u.twoFactor = true;
    const first = await tv.call('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW });
    assert.ok('needsTwoFactor' in first);
    assert.equal(f.pats.length, 1, 'nothing is created before the code');
    const done = await tv.call('synapseTwoFactor', { challenge: (first as TwoFactorChallenge).challenge, code: u.totp });
    assert.equal(done.action, 'rotate');
    const r = (done as Extract<typeof done, { action: 'rotate' }>).rotated;
    assert.equal(r.outcome, 'done');
    assert.equal(live(f, old.recordId), false);

    u.twoFactor = false;
    f.addUser({ userName: 'bob', password: PW });
    const e = await tv.raw('rotateToken', { service: 'synapse', id: r.newId!, username: 'bob', password: PW });
    assert.equal(e.error?.code, 'forbidden');
    assert.match(e.error!.message, /belongs to alice, and you signed in as bob.*Nothing was done\./);
    assert.equal(e.error?.fields?.username, 'Sign in as alice.');
    assert.equal((await tokens(tv)).length, 1);
  });
});

test('the keychain refuses the successor: it is shown once (the rescue path), the old token untouched and not revoked', async () => {
  let refuse = false;
  await setup(
    async (w) => {
      const { tv, f, home } = w;
      const old = await createdAndExported(w);
      const oldSecret = await secretOf(tv, old.id);
      refuse = true;
      const e = await tv.raw('rotateToken', { service: 'synapse', id: old.id, username: 'alice', password: PW });
      refuse = false;
      assert.equal(e.ok, false);
      const info = e.error as { message: string; rescueSecret?: string };
      assert.match(info.message, /^Synapse created the token "laptop \(rotated [^"]+\)" but it could not be saved in the keychain: .*shown only this once\. Or revoke it on synapse\.org\. The old token “laptop” .* was left as it was: in the vault, in every file that held it, and live at Synapse\.$/);
      const rescued = f.pats.find((p) => p.name.startsWith('laptop (rotated'))!;
      assert.ok(info.rescueSecret === rescued.token, 'the error carries the new token once');
      const list = await tokens(tv);
      assert.deepEqual(list.map((t) => [t.label, t.rotation]), [['laptop', undefined]]);
      assert.ok(live(f, old.recordId));
      assert.deepEqual(pyRead(home).legacy?.authtoken, digest(oldSecret));
    },
    {
      keychain: (service) => {
        const real = keytarKeychain(service);
        return { ...real, set: (account: string, secret: string) => (refuse ? Promise.reject(new Error('refused')) : real.set(account, secret)) } as KeychainPort;
      },
    },
  );
});
