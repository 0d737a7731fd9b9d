// @process: test
// The Electron spec's skip decision reads files only: no require('electron'), which since
// Electron 42 would try to download a missing binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findElectronBinary } from '../../e2e/support/electron-binary';

const root = path.resolve(__dirname, '..', '..');

function fakeCheckout(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-electron-bin-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('a package without its binary is reported with the path that is missing and why', () => {
  const dir = fakeCheckout({ 'node_modules/electron/package.json': '{"version":"45.4.1"}', 'node_modules/electron/index.js': 'throw new Error("must not be loaded")' });
  try {
    const found = findElectronBinary(dir, {});
    assert.ok('reason' in found);
    const expected = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
    assert.match(found.reason, /^Electron binary not installed: /);
    assert.ok(found.reason.includes(path.join('node_modules', 'electron', 'dist', expected) + ' is missing'), found.reason);
    assert.match(found.reason, /Electron 42\+ no longer downloads it/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('path.txt names the executable under dist/, as install.js writes it', () => {
  const dir = fakeCheckout({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'custom/electron-bin', 'node_modules/electron/dist/custom/electron-bin': '' });
  try {
    assert.deepEqual(findElectronBinary(dir, {}), { path: path.join(dir, 'node_modules/electron/dist/custom/electron-bin') });
    // ELECTRON_OVERRIDE_DIST_PATH moves dist/ elsewhere, as index.js honours it.
    const other = fakeCheckout({ 'custom/electron-bin': '' });
    try {
      assert.deepEqual(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: other }), { path: path.join(other, 'custom/electron-bin') });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no electron package at all says to run npm ci', () => {
  const dir = fakeCheckout({});
  try {
    const found = findElectronBinary(dir, {});
    assert.ok('reason' in found && /npm ci/.test(found.reason));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('on this checkout the answer comes at once, from files alone', () => {
  const started = performance.now();
  const found = findElectronBinary(root);
  assert.ok(performance.now() - started < 200);
  if ('path' in found) assert.ok(fs.existsSync(found.path));
  else assert.match(found.reason, /Electron binary not installed: node_modules\/electron\/dist\/\S+ is missing/);
});
