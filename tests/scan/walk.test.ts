// @process: test
// The walk's bounds: a folder of 10,000 files is walked to the end and every file counted; a scan
// stops when cancelled and at its time limit, keeping what it found; progress is told. No timed
// assertion: `npm run bench` measures the speed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeSynapsePat } from '../helpers/core';
import { runScan, type ScanProgress } from '../../electron/core/scan/scan';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-scan-walk-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));

/** n small files of the kinds Scan reads, 100 to a folder; the last one holds a token. */
function plantMany(dir: string, n: number): string {
  const exts = ['py', 'R', 'sh', 'json', 'yaml', 'toml', 'ini', 'env'];
  let file = '';
  for (let i = 0; i < n; i++) {
    const folder = path.join(dir, `p${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) fs.mkdirSync(folder, { recursive: true });
    file = path.join(folder, `f${i}.${exts[i % exts.length]}`);
    fs.writeFileSync(file, i === n - 1 ? `SYNAPSE_AUTH_TOKEN=${makeSynapsePat()}\n` : `# file ${i}\nvalue = ${i}\n`);
  }
  return file;
}

const many = path.join(base, 'many');
const tokenFile = plantMany(many, 10_000);

test('a folder of 10,000 files is walked to its end: every file seen and read, the token in the last one found', async () => {
  const seen: ScanProgress[] = [];
  const run = await runScan([many], { onProgress: (p) => seen.push(p) });
  assert.equal(run.stopped, null);
  assert.equal(run.filesSeen, 10_000);
  assert.equal(run.filesRead, 10_000);
  assert.deepEqual(run.found.map((f) => f.path), [tokenFile]);
  // The last progress is the final count.
  assert.deepEqual(seen.at(-1), { filesSeen: 10_000, filesRead: 10_000, found: 1, elapsedMs: seen.at(-1)!.elapsedMs });
});

test('a cancelled scan stops walking and keeps what it found so far', async () => {
  const controller = new AbortController();
  let told = 0;
  const run = await runScan([many], {
    signal: controller.signal,
    onProgress: () => {
      told++;
      controller.abort();
    },
  });
  assert.equal(run.stopped, 'cancelled');
  assert.ok(told >= 1);
  assert.ok(run.filesRead < 10_000, `read ${run.filesRead} files after the cancel`);
  assert.deepEqual(run.found, []);
  const before = await runScan([many], { signal: AbortSignal.abort() });
  assert.equal(before.stopped, 'cancelled');
  assert.equal(before.filesRead, 0);
});

test('a scan stops at its time limit and says so', async () => {
  // A clock that moves a second per look: the limit of 5 s is passed after a few folders.
  let t = 0;
  const run = await runScan([many], { now: () => (t += 1000), maxMs: 5000 });
  assert.equal(run.stopped, 'time');
  assert.ok(run.filesRead < 10_000);
});

test('a depth limit below the default leaves deeper folders out, and counts them', async () => {
  const nested = path.join(base, 'nested');
  fs.mkdirSync(path.join(nested, 'a', 'b', 'c'), { recursive: true });
  fs.writeFileSync(path.join(nested, 'a', 'b', 'c', '.env'), `SYNAPSE_AUTH_TOKEN=${makeSynapsePat()}\n`);
  fs.writeFileSync(path.join(nested, 'a', '.env'), `SYNAPSE_AUTH_TOKEN=${makeSynapsePat()}\n`);
  const run = await runScan([nested], { maxDepth: 2 });
  assert.deepEqual(run.found.map((f) => path.relative(nested, f.path)), ['a/.env']);
  assert.equal(run.skipped.tooDeep, 1);
});
