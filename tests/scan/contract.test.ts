// @process: test
// Scan through the contract, as the window drives it: start, poll, verify each finding against the
// fake services (live, revoked, unknown), add one, verify again, cancel. Verifying a token the
// vault does not hold writes nothing; one it holds is recorded on its entry, as Verify records it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { startSynapFake, type SynapFake } from '../../e2e/fakes/synap';
import { startFakeSyncano, type FakeSyncano } from '../../e2e/fakes/syncano';
import { hexKey, makeTestVault, type TestVault } from '../helpers/core';
import type { ScanStatus } from '../../electron/shared/contract/scan';

let synapse: FakeSynapse;
let synap: SynapFake;
let syncano: FakeSyncano;
let tv: TestVault;
const GOOD_SYNAP = `p:${randomBytes(24).toString('base64url')}`;
const BAD_SYNAP = `p:${randomBytes(24).toString('base64url')}`;
const UNKNOWN_KEY = hexKey('odd');
const secrets: string[] = [GOOD_SYNAP, BAD_SYNAP, UNKNOWN_KEY];

before(async () => {
  synapse = await startFakeSynapse();
  synap = await startSynapFake({ goodTokens: [GOOD_SYNAP] });
  syncano = await startFakeSyncano();
  tv = makeTestVault({
    env: {
      SYNVAULT_SYNAPSE_AUTH_ENDPOINT: synapse.authEndpoint,
      SYNVAULT_SYNAPSE_REPO_ENDPOINT: synapse.repoEndpoint,
      SYNVAULT_SYNAP_ENDPOINT: synap.url,
      SYNVAULT_SYNCANO_ENDPOINT: syncano.url,
    },
  });
  synapse.addUser({ userName: 'ada.lovelace', password: 'not-used-here' });
  const live = synapse.issuePat('ada.lovelace', 'laptop', ['view']);
  const revoked = synapse.issuePat('ada.lovelace', 'old', ['view']);
  synapse.pats.splice(synapse.pats.findIndex((p) => p.name === 'old'), 1);
  const admin = syncano.addAccount({ email: 'terry@example.org', password: 'not-used-here' });
  syncano.addInstance(admin, 'shop');
  const apiKey = syncano.addApiKey('shop', { description: 'device' }).api_key;
  secrets.push(live, revoked, admin.account_key, apiKey);
  const home = tv.config.home;
  fs.writeFileSync(path.join(home, '.Renviron'), `SYNAPSE_AUTH_TOKEN=${live}\nSYNAP_TOKEN=${GOOD_SYNAP}\nSYNCANO_API_KEY=${apiKey}\n`);
  fs.writeFileSync(path.join(home, '.bash_history'), `export SYNAPSE_AUTH_TOKEN=${revoked}\nexport SYNAP_TOKEN=${BAD_SYNAP}\ncurl -H "X-API-KEY: ${admin.account_key}" https://api.syncano.io/v1.1/account/\nexport SYNCANO_API_KEY=${UNKNOWN_KEY}\n`);
});
after(async () => {
  await tv.cleanup();
  await synapse.close();
  await synap.close();
  await syncano.close();
});

async function scanToEnd(): Promise<Extract<ScanStatus, { state: 'done' }>> {
  let status = await tv.call('scanStart', {});
  for (let i = 0; i < 500 && status.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    status = await tv.call('scanStatus', { scanId: status.scanId });
  }
  assert.equal(status.state, 'done');
  return status as Extract<ScanStatus, { state: 'done' }>;
}

const noSecret = (what: unknown) => {
  const json = JSON.stringify(what);
  for (const s of secrets) assert.ok(!json.includes(s), 'a planted value crossed the contract');
};

test('each finding is verified by its own service: live, revoked and unknown tokens of all three, with nothing written', async () => {
  const done = await scanToEnd();
  noSecret(done);
  const at = (file: string, line: number) => done.findings.find((f) => f.path.endsWith(file) && f.line === line)!;
  const verdict = async (file: string, line: number) => {
    const r = await tv.call('scanVerifyFinding', { findingId: at(file, line).id });
    noSecret(r);
    return r.state;
  };
  assert.equal(await verdict('.Renviron', 1), 'valid');
  assert.equal(await verdict('.Renviron', 2), 'valid');
  assert.equal(await verdict('.Renviron', 3), 'valid');
  assert.equal(await verdict('.bash_history', 1), 'invalid');
  assert.equal(await verdict('.bash_history', 2), 'invalid');
  assert.equal(await verdict('.bash_history', 3), 'valid');
  assert.equal(await verdict('.bash_history', 4), 'invalid');
  const synapseVerdict = await tv.call('scanVerifyFinding', { findingId: at('.Renviron', 1).id });
  assert.match(synapseVerdict.detail, /Belongs to ada\.lovelace/);
  // None of them is in the vault: verifying wrote neither the vault nor the activity log.
  assert.deepEqual(await tv.call('listTokens', {}), []);
  assert.deepEqual(await tv.call('listActivity', {}), []);
});

test('added from the scan, a token is verified as its vault entry, and the answer is recorded there', async () => {
  const done = await scanToEnd();
  const f = done.findings.find((x) => x.service === 'syncano' && x.path.endsWith('.Renviron'))!;
  const added = await tv.call('scanAddFinding', { findingId: f.id, label: 'shop key' });
  noSecret(added);
  assert.equal(added.label, 'shop key');
  assert.equal(added.kind, 'syncano-api-key');
  assert.equal((await tv.call('scanVerifyFinding', { findingId: f.id })).state, 'valid');
  const [entry] = await tv.call('listTokens', {});
  assert.equal(entry!.verification?.state, 'valid');
  assert.equal(entry!.account, 'shop', 'Verify named the instance, as it does for a pasted key');
  assert.deepEqual((await tv.call('listActivity', {})).map((a) => a.action), ['verified', 'added']);
  const again = await scanToEnd();
  assert.deepEqual(again.findings.find((x) => x.service === 'syncano' && x.path.endsWith('.Renviron'))!.inVault, { id: added.id, label: 'shop key' });
});

test('the contract refuses what it should: a path that is not a full path, an unknown finding, a field that does not fit the kind', async () => {
  const bad = await tv.raw('scanStart', { paths: ['relative/folder'] });
  assert.equal(bad.error?.code, 'invalid-input');
  const missing = await tv.raw('scanStart', { paths: [path.join(tv.config.home, 'nope')] });
  assert.equal(missing.error?.code, 'not-found');
  const unknown = await tv.raw('scanAddFinding', { findingId: '00000000-0000-4000-8000-000000000000' });
  assert.equal(unknown.error?.code, 'not-found');
  const done = await scanToEnd();
  const synapFinding = done.findings.find((x) => x.service === 'synap' && x.path.endsWith('.Renviron'))!;
  const noPortal = await tv.raw('scanAddFinding', { findingId: synapFinding.id });
  assert.equal(noPortal.error?.code, 'invalid-input');
  assert.equal(noPortal.error?.fields?.account, 'Required.');
  const accountKey = done.findings.find((x) => x.kind === 'syncano-account-key')!;
  const notEmail = await tv.raw('scanAddFinding', { findingId: accountKey.id, account: 'shop' });
  assert.equal(notEmail.error?.code, 'invalid-input');
  assert.ok(notEmail.error?.fields?.account);
});

test('open folder without a file manager answers the place; cancel stops a scan and keeps its status', async () => {
  const done = await scanToEnd();
  const f = done.findings[0]!;
  assert.deepEqual(await tv.call('scanOpenFolder', { findingId: f.id }), { path: f.path, line: f.line, opened: false });
  // A folder big enough that the cancel arrives while it is being walked.
  const bulk = path.join(tv.dir, 'bulk');
  for (let d = 0; d < 30; d++) {
    fs.mkdirSync(path.join(bulk, `d${d}`), { recursive: true });
    for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(bulk, `d${d}`, `f${i}.py`), `x = ${i}\n`);
  }
  const started = await tv.call('scanStart', { paths: [bulk] });
  const cancelled = await tv.call('scanCancel', { scanId: started.scanId });
  assert.equal(cancelled.scanId, started.scanId);
  let status = cancelled;
  for (let i = 0; i < 500 && status.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    status = await tv.call('scanStatus', { scanId: started.scanId });
  }
  assert.equal(status.state, 'done');
  assert.equal((status as Extract<ScanStatus, { state: 'done' }>).stopped, 'cancelled');
  // The earlier scan's findings went with it.
  assert.equal((await tv.raw('scanVerifyFinding', { findingId: f.id })).error?.code, 'not-found');
});
