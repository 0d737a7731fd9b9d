// @process: test
// A keyring that exists but is locked — a fresh login whose unlock prompt was dismissed, or a
// headless session. With a good catalog, none, or a damaged one: no crash (keytar's search
// segfaults on a locked collection), the "locked" words with the fix, exit code 3, nothing removed
// or written — and after unlocking, every token is there and readable.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { CANARIES, makeSynapsePat } from '../helpers/core';
import { inKeyringSession, keyringHome } from '../helpers/keyring-session';
import { cliPath, root } from '../helpers/processes';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-locked-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const scenario = path.join(root, 'tests', 'helpers', 'locked-scenario.ts');

const home = keyringHome(path.join(work, 'keyring'));
const dataDir = path.join(work, 'vault');
const userHome = path.join(work, 'home');
fs.mkdirSync(userHome);
const env = { ...process.env, SYNVAULT_DATA_DIR: dataDir, SYNVAULT_KEYCHAIN_SERVICE: `SynvaultLocked-${randomBytes(3).toString('hex')}`, SYNVAULT_HOME: userHome };
const secrets = [makeSynapsePat({ jti: '4242' }), CANARIES.synap, CANARIES.syncanoApiKey];
const catalogFile = path.join(dataDir, 'catalog.json');

function run(state: 'unlocked' | 'locked', mode: string) {
  cliPath(); // built before the session starts, not inside it
  const secretsFile = path.join(work, 'secrets.json');
  fs.writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  const r = inKeyringSession(home, state, [process.execPath, '--import', 'tsx', scenario, mode, secretsFile], env);
  for (const s of secrets) assert.ok(!r.out.includes(s) && !r.err.includes(s), 'no secret in any output');
  assert.equal(r.signal, null, `the ${mode} session was not killed`);
  try {
    return JSON.parse(r.out) as Record<string, any>;
  } catch {
    assert.fail(`the ${mode} scenario printed no result (exit ${r.code})`);
  }
}

const LOCKED = /keychain is locked/;
const FIX = /Unlock your keyring — it is usually unlocked when you log in — then press Retry/;

function assertLockedEverywhere(r: Record<string, any>, catalogState: string) {
  for (const name of ['read', 'export', 'remove']) {
    const x = r[name];
    assert.equal(x.signal, null, `${name} did not crash (${catalogState})`);
    assert.equal(x.code, 3, `${name} exits 3 (${catalogState}): ${x.err}`);
    assert.match(x.err, LOCKED, `${name} says the keychain is locked`);
    assert.match(x.err, FIX, `${name} gives the fix`);
    assert.doesNotMatch(x.err, /no longer holds|Remove it from the vault|holds no secret/, `${name} does not call a locked token lost`);
  }
  assert.equal(r.status.ok, true);
  assert.equal(r.status.value.keychain.ok, false);
  assert.equal(r.status.value.keychain.state, 'locked');
  assert.match(r.status.value.keychain.fix, FIX);
  assert.equal(r.configWritten, false, 'export wrote no .synapseConfig');
}

test('seeded while unlocked', () => {
  const r = run('unlocked', 'seed');
  assert.deepEqual(r.adds, [0, 0, 0]);
});

test('locked, with a good catalog: the list shows from the catalog; read, copy, export and remove refuse with the locked words', () => {
  const before = fs.readFileSync(catalogFile, 'utf8');
  const r = run('locked', 'locked');
  assert.equal(r.list.code, 0, r.list.err);
  assert.deepEqual(JSON.parse(r.list.out).map((t: { label: string }) => t.label).sort(), ['lab-synap', 'lab-synapse', 'lab-syncano']);
  assertLockedEverywhere(r, 'good catalog');
  assert.equal(r.copy.ok, false);
  assert.equal(r.copy.error.code, 'keychain-locked');
  assert.equal(fs.readFileSync(catalogFile, 'utf8'), before, 'the catalog is unchanged: nothing removed');
});

test('locked, with no catalog (a fresh install): no crash, list exits 3 with the locked words, no catalog is written', () => {
  const aside = `${catalogFile}.kept`;
  fs.renameSync(catalogFile, aside);
  try {
    const r = run('locked', 'locked');
    assert.equal(r.list.signal, null, 'list did not crash');
    assert.equal(r.list.code, 3, r.list.err);
    assert.match(r.list.err, LOCKED);
    assertLockedEverywhere(r, 'no catalog');
    assert.equal(fs.existsSync(catalogFile), false, 'no empty catalog was written');
  } finally {
    fs.renameSync(aside, catalogFile);
  }
});

test('locked, with a damaged catalog: no crash, the file is left as it was for the rebuild after unlocking', () => {
  const good = fs.readFileSync(catalogFile, 'utf8');
  fs.writeFileSync(catalogFile, '{"version": 1, "tokens": [ {"id": tru', { mode: 0o600 });
  const r = run('locked', 'locked');
  assert.equal(r.list.signal, null);
  assert.equal(r.list.code, 3, r.list.err);
  assertLockedEverywhere(r, 'damaged catalog');
  assert.equal(fs.readFileSync(catalogFile, 'utf8'), '{"version": 1, "tokens": [ {"id": tru', 'the damaged file is untouched');
  assert.deepEqual(fs.readdirSync(dataDir).filter((n) => n.startsWith('catalog.corrupt-')), [], 'nothing set aside while locked');
  fs.writeFileSync(catalogFile, good, { mode: 0o600 });
});

test('unlocked again: every token is listed and reads back exactly', () => {
  const r = run('unlocked', 'check');
  assert.deepEqual(r.list, ['lab-synap', 'lab-synapse', 'lab-syncano']);
  assert.deepEqual(r.readHashes, secrets.map(sha));
});
