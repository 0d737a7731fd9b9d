// `npm test`: every suite, in a private D-Bus session with its own unlocked gnome-keyring, so
// the user's keychain is never touched. Prints each suite's output, the Electron specs that were
// skipped and why, and ends with "N passed, N failed, N skipped" over all suites. Also scans
// all test output for the canary secrets: a canary in output is a failure.
import { spawn, spawnSync } from 'node:child_process';
import { ensurePrivateKeyring } from './private-keyring.mjs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (ensurePrivateKeyring(fileURLToPath(import.meta.url), process.argv.slice(2))) await inSession();

function run(cmd, args, { env = {}, capture = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream, dest) =>
      stream.on('data', (d) => {
        if (capture) out += d.toString();
        dest.write(d);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function inSession() {
  const canaries = JSON.parse(fs.readFileSync(path.join(root, 'tests/canaries.json'), 'utf8'));
  const canaryValues = Object.values(canaries);
  const results = [];
  let transcript = '';
  const only = process.argv[2];

  if (!only || only === 'build') {
    const b = await run(process.execPath, ['scripts/build.mjs']);
    transcript += b.out;
    results.push({ suite: 'build', passed: b.code === 0 ? 1 : 0, failed: b.code === 0 ? 0 : 1, skipped: 0 });
  }

  if (!only || only === 'typecheck') {
    // Types are the contract's guard, and each layer's tsconfig its boundary: a wrong call or a
    // wrong import must fail the run, not just the editor.
    const t = await run(process.execPath, ['scripts/typecheck.mjs']);
    transcript += t.out;
    results.push({ suite: 'typecheck', passed: t.code === 0 ? 1 : 0, failed: t.code === 0 ? 0 : 1, skipped: 0 });
  }

  if (!only || only === 'unit') {
    const tapFile = path.join(process.env.SYNVAULT_SESSION_TMP ?? os.tmpdir(), 'node-test.tap');
    const files = listTests('tests');
    const r = await run(process.execPath, [
      '--import', 'tsx',
      '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...files,
    ]);
    transcript += r.out;
    const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
    const count = (k) => Number(new RegExp(`^# ${k} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
    const passed = count('pass'), failed = count('fail') + count('cancelled'), skipped = count('skipped') + count('todo');
    const crashed = r.code !== 0 && failed === 0;
    results.push({ suite: 'node:test (unit + integration)', passed, failed: failed + (crashed ? 1 : 0), skipped });
  }

  if (!only || only === 'e2e') {
    // The Electron spec needs a display where the Electron binary exists; a headless machine
    // gets a private Xvfb. (Chromium runs headless and needs none.)
    let xvfb = null;
    if (!process.env.DISPLAY && electronBinaryExists() && spawnSync('sh', ['-c', 'command -v Xvfb']).status === 0) {
      xvfb = spawn('Xvfb', [':93', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      process.env.DISPLAY = ':93';
      await new Promise((r) => setTimeout(r, 500));
    }
    const jsonFile = path.join(process.env.SYNVAULT_SESSION_TMP ?? os.tmpdir(), 'playwright.json');
    const r = await run(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json'], {
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile },
    });
    transcript += r.out;
    let passed = 0, failed = 0, skipped = 0;
    const skips = [];
    if (fs.existsSync(jsonFile)) {
      const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
      passed = (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
      failed = report.stats?.unexpected ?? 0;
      skipped = report.stats?.skipped ?? 0;
      const walk = (suite) => {
        for (const spec of suite.specs ?? []) {
          for (const t of spec.tests ?? []) {
            if (t.status === 'skipped') {
              const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
              skips.push(`${spec.file}: ${spec.title} — ${why}`);
            }
          }
        }
        for (const s of suite.suites ?? []) walk(s);
      };
      for (const s of report.suites ?? []) walk(s);
      failed += (report.errors ?? []).length;
    }
    xvfb?.kill();
    if (r.code !== 0 && failed === 0) failed = 1;
    if (skips.length) {
      console.log('\nSkipped end-to-end specs:');
      for (const s of skips) console.log(`  - ${s}`);
    }
    results.push({ suite: 'playwright (e2e)', passed, failed, skipped });
  }

  // Canary sweep over everything the suites printed.
  const leaked = canaryValues.filter((c) => transcript.includes(c));
  results.push({ suite: 'canary sweep of test output', passed: leaked.length ? 0 : 1, failed: leaked.length ? 1 : 0, skipped: 0 });
  if (leaked.length) console.log(`\nA canary secret appeared in test output (${leaked.length} of ${canaryValues.length}).`);

  console.log('\nSuites:');
  for (const r of results) console.log(`  ${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  console.log(`\n${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
  process.exit(sum('failed') > 0 ? 1 : 0);
}

function listTests(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTests(p));
    else if (/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

// Reads node_modules/electron's path.txt instead of require('electron'): since Electron 42 that
// require downloads a missing binary (a network attempt). Same rule as e2e/support/electron-binary.ts.
function electronBinaryExists() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  const names = { darwin: 'Electron.app/Contents/MacOS/Electron', linux: 'electron', freebsd: 'electron', openbsd: 'electron', win32: 'electron.exe' };
  const relative = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : names[process.platform];
  if (!relative) return false;
  return fs.existsSync(path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist'), relative));
}
