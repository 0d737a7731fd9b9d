// @process: test
// `kill -9` at random points of add and remove (bounded runs, a seeded sequence so a failure can
// be repeated): the next start finds a catalog that parses, agrees with the keychain exactly,
// and no temp file is left — and it does not wait on the dead process's lock. Every other run
// is killed at a random time after start; the rest a random few milliseconds after the write
// lock appears, so the kills also land between journal, keychain and catalog writes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { hexKey, makeSynapsePat } from '../helpers/core';
import { parseConfig, resolveProfile } from '../../electron/core/services/synapse/config';
import { catalogOnDisk, emptyKeychain, keychainAccounts, runCliProcess, seeded, tempFiles } from '../helpers/processes';

const RUNS = 50;
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups) await c();
});

function freshVault() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-kill-'));
  const service = `SynvaultKill-${randomBytes(3).toString('hex')}`;
  cleanups.push(async () => {
    await emptyKeychain(service);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, service, env: { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir } };
}

/** The next start: a list must succeed, and afterwards files and keychain must agree. */
const waits: number[] = [];
async function nextStartAgrees(v: ReturnType<typeof freshVault>, run: number) {
  const t0 = performance.now();
  const listed = await runCliProcess(['list', '--json'], { env: v.env, timeoutMs: 20_000 });
  waits.push(performance.now() - t0);
  assert.equal(listed.code, 0, `run ${run}: the next start lists (${listed.err})`);
  const catalog = catalogOnDisk(v.dir); // throws if it does not parse
  assert.deepEqual(await keychainAccounts(v.service), catalog.map((r) => r.keychainAccount).sort(), `run ${run}: catalog and keychain agree`);
  assert.deepEqual(tempFiles(v.dir), [], `run ${run}: no temp file is left`);
  assert.equal(fs.existsSync(path.join(v.dir, 'pending.json')), false, `run ${run}: the interrupted change was finished or undone`);
  return catalog;
}

/** When to kill run `run`: anywhere in a whole run, or inside the locked write. */
const killPoint = (run: number, rnd: () => number, span: number, dir: string) =>
  run % 2 === 0 ? { killAfterMs: rnd() * span } : { killInLock: { dir, delayMs: rnd() * 25 } };

/** How long an uninterrupted run takes here, so kills land anywhere from start-up to the end. */
async function duration(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const t0 = performance.now();
  const r = await runCliProcess(args, { env, ...(input !== undefined ? { input } : {}) });
  assert.equal(r.code, 0, r.err);
  return performance.now() - t0;
}

test(`kill -9 during add, ${RUNS} times at random points`, async (t) => {
  const v = freshVault();
  const span = await duration(['add', 'syncano', '--label', 'warm-up'], v.env, hexKey('odd'));
  const rnd = seeded(14);
  let killed = 0;
  let interrupted = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = await runCliProcess(['add', 'syncano', '--label', `add ${run}`], { env: v.env, input: hexKey('odd'), ...killPoint(run, rnd, span, v.dir) });
    if (r.signal === 'SIGKILL') killed++;
    if (fs.existsSync(path.join(v.dir, 'pending.json')) || fs.existsSync(path.join(v.dir, 'vault.lock'))) interrupted++;
    const catalog = await nextStartAgrees(v, run);
    // A finished add is listed; a killed one is either fully there or fully gone (checked above).
    if (r.code === 0) assert.ok(catalog.some((c) => c.label === `add ${run}`), `run ${run}: a reported add is listed`);
  }
  t.diagnostic(`${killed} of ${RUNS} adds killed; ${interrupted} left a lock or a journal behind; next start: slowest ${Math.round(Math.max(...waits))} ms, ${waits.filter((w) => w > 1000).length} over 1 s`);
  waits.length = 0;
  assert.ok(interrupted > 0, 'some kills landed inside the locked write (otherwise the test proves nothing)');
});

test(`kill -9 during remove, ${RUNS} times at random points`, async (t) => {
  const v = freshVault();
  await duration(['add', 'syncano', '--label', 'warm-up'], v.env, hexKey('odd'));
  const span = await duration(['remove', 'warm-up', '--yes'], v.env);
  const rnd = seeded(41);
  let killed = 0;
  let interrupted = 0;
  for (let run = 0; run < RUNS; run++) {
    const label = `remove ${run}`;
    const added = await runCliProcess(['add', 'syncano', '--label', label], { env: v.env, input: hexKey('even') });
    assert.equal(added.code, 0, added.err);
    const r = await runCliProcess(['remove', label, '--yes'], { env: v.env, ...killPoint(run, rnd, span, v.dir) });
    if (r.signal === 'SIGKILL') killed++;
    if (fs.existsSync(path.join(v.dir, 'pending.json')) || fs.existsSync(path.join(v.dir, 'vault.lock'))) interrupted++;
    const catalog = await nextStartAgrees(v, run);
    if (r.code === 0) assert.ok(!catalog.some((c) => c.label === label), `run ${run}: a reported remove is gone`);
  }
  t.diagnostic(`${killed} of ${RUNS} removes killed; ${interrupted} left a lock or a journal behind; next start: slowest ${Math.round(Math.max(...waits))} ms, ${waits.filter((w) => w > 1000).length} over 1 s`);
  assert.ok(interrupted > 0, 'some kills landed inside the locked write');
});

test(`kill -9 during a .synapseConfig export, ${RUNS} times at random points`, async (t) => {
  const v = freshVault();
  const config = path.join(v.dir, '.synapseConfig');
  const tokens = [makeSynapsePat({ jti: '9001' }, ['view']), makeSynapsePat({ jti: '9002' }, ['view'])];
  for (const [i, tok] of tokens.entries()) {
    const r = await runCliProcess(['add', 'synapse', '--label', `pat ${i}`], { env: v.env, input: tok });
    assert.equal(r.code, 0, r.err);
  }
  const span = await duration(['synapse-config', 'export', 'pat 0'], v.env);
  const rnd = seeded(7);
  let killed = 0;
  let midWrite = 0;
  for (let run = 0; run < RUNS; run++) {
    const which = run % 2;
    const kill = run % 2 === 0 ? { killAfterMs: rnd() * span } : { killInLock: { dir: v.dir, match: /^\.\.synapseConfig.*\.tmp$/, delayMs: rnd() * 3 } };
    const r = await runCliProcess(['synapse-config', 'export', `pat ${which}`], { env: v.env, ...kill });
    if (r.signal === 'SIGKILL') killed++;
    if (tempFiles(v.dir).length) midWrite++;
    await nextStartAgrees(v, run); // the next start also removes the export's leftovers
    // The file is whole: it parses, and [authentication] holds one of the two tokens in full.
    const token = resolveProfile(parseConfig(fs.readFileSync(config, 'utf8')), 'default').authtoken;
    assert.ok(token !== undefined && tokens.includes(token), `run ${run}: .synapseConfig holds a whole token`);
    if (r.code === 0) assert.ok(token === tokens[which], `run ${run}: a reported export is on disk`);
    const backups = fs.readdirSync(v.dir).filter((n) => /^\.synapseConfig\.backup\d*$/.test(n));
    assert.ok(backups.length <= 3, `run ${run}: at most 3 backups (${backups.length})`);
  }
  t.diagnostic(`${killed} of ${RUNS} exports killed; ${midWrite} left a temp file for the next start to remove`);
  assert.ok(midWrite > 0, 'some kills landed between the temp write and the rename');
});
