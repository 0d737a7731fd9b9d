// @process: test
// `synvault verify` asks the service, and for Synapse stores the owner's real userName — the name
// an export then writes into .synapseConfig. A name typed at add is only a hint and is never
// written: before verify, export leaves username out; after it, username is the owner's userName
// whatever casing was typed. Against the fake Synapse on 127.0.0.1, in separate processes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { emptyKeychain, runCliProcess } from '../helpers/processes';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-verify-'));
const service = `SynvaultVerify-${randomBytes(3).toString('hex')}`;
let fake: FakeSynapse;
let env: NodeJS.ProcessEnv;
before(async () => {
  fake = await startFakeSynapse();
  fake.addUser({ userName: 'ada.lovelace', password: 'pw-not-used', emails: ['ada@example.org'] });
  env = { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir, SYNVAULT_SYNAPSE_AUTH_ENDPOINT: fake.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: fake.repoEndpoint };
});
after(async () => {
  await fake.close();
  await emptyKeychain(service);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('verify stores the owner’s userName; export writes that name only once Synapse has confirmed it', async () => {
  const token = fake.issuePat('ada.lovelace', 'laptop', ['view']);
  const added = await runCliProcess(['add', 'synapse', '--label', 'laptop', '--username', 'Ada@Example.org'], { env, input: token });
  assert.equal(added.code, 0, added.err);
  const cfg = path.join(dir, '.synapseConfig');

  const before = await runCliProcess(['synapse-config', 'export', 'laptop'], { env });
  assert.equal(before.code, 0, before.err);
  assert.match(before.err, /owner is not known \(verify it first to learn it\), so username is left out/);
  assert.doesNotMatch(fs.readFileSync(cfg, 'utf8'), /username/, 'the typed hint is not written');

  const verified = await runCliProcess(['verify', 'laptop'], { env });
  assert.equal(verified.code, 0, verified.err);
  assert.match(verified.out, /^Synapse "laptop": valid — Belongs to ada\.lovelace \(user \d+\)\.$/m);
  const listed = JSON.parse((await runCliProcess(['list', '--json'], { env })).out) as Array<{ account: string }>;
  assert.equal(listed[0]!.account, 'ada.lovelace', 'the stored account is the owner’s userName, not what was typed');

  const after = await runCliProcess(['synapse-config', 'export', 'laptop'], { env });
  assert.equal(after.code, 0, after.err);
  assert.match(after.out, /^\[authentication\] username: \(none\) → ada\.lovelace$/m);
  assert.match(fs.readFileSync(cfg, 'utf8'), /^username = ada\.lovelace$/m);
});

test('verify of a token Synapse no longer accepts says invalid and exits 1', async () => {
  const token = fake.issuePat('ada.lovelace', 'old', ['view']);
  assert.equal((await runCliProcess(['add', 'synapse', '--label', 'old'], { env, input: token })).code, 0);
  fake.pats.splice(fake.pats.findIndex((p) => p.name === 'old'), 1); // revoked on synapse.org
  const r = await runCliProcess(['verify', 'old'], { env });
  assert.equal(r.code, 1);
  assert.match(r.out, /^Synapse "old": invalid/m);
});
