// @process: test
// electron-builder.yml parses and holds what DESIGN.md requires: the fuses, the targets, libsecret
// for the deb, the icon — and no test harness in the shipped files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(__dirname, '..', '..');
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('identity and what goes into the package', () => {
  assert.equal(config.productName, 'Synvault');
  assert.match(config.appId, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  assert.equal(config.asar, true);
  assert.ok(config.files.includes('dist/**'));
  assert.ok(config.files.includes('package.json'));
  assert.ok(config.files.includes('!dist/harness.js'), 'the loopback test harness must not ship');
  assert.equal(pkg.main, 'dist/main.js');
});

test('fuses are exactly the ones DESIGN.md lists', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
  });
});

test('targets: AppImage and deb (with libsecret) on Linux, dmg on macOS, nsis on Windows', () => {
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.ok(config.deb.depends.includes('libsecret-1-0'));
  assert.match(config.linux.description, /Secret Service/);
  assert.equal(config.mac.target, 'dmg');
  assert.equal(config.win.target, 'nsis');
});

test('the icon every target names is a 512x512 PNG', () => {
  for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
    const png = fs.readFileSync(path.join(root, icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', icon);
    // IHDR: width and height are the first two big-endian words after the 16-byte header.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [512, 512], icon);
  }
});

test("the file is valid against electron-builder's own configuration schema", async () => {
  const req = createRequire(__filename);
  const { validateConfiguration } = req('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
  const { DebugLogger } = req('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(config, new DebugLogger(false));
  // And the validator is not a rubber stamp: a misspelt fuse is rejected.
  await assert.rejects(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, new DebugLogger(false)));
});
