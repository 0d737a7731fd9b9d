// @process: test
// electron-builder.yml parses and holds what docs/security.md requires: the fuses, the targets, libsecret
// for the deb, the icon, the Linux command-line launcher — and no test harness in the shipped files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

test('fuses: the ones docs/security.md lists, and no extra privileges for file:// (the window is on app://)', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('keytar is not rebuilt at packaging: it is N-API, so the build npm ci made loads in Electron as it is', () => {
  assert.equal(config.npmRebuild, false);
  const keytar = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'keytar', 'package.json'), 'utf8'));
  assert.deepEqual(keytar.binary?.napi_versions, [3], 'keytar is still an N-API addon; if not, it needs rebuilding for Electron again');
  assert.ok(pkg.dependencies.keytar, 'keytar ships through package.json dependencies');
  const native = Object.keys(pkg.dependencies).filter((name) => fs.existsSync(path.join(root, 'node_modules', name, 'binding.gyp')));
  assert.deepEqual(native, ['keytar'], 'the only native dependency is the N-API keytar');
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

// --- the Linux command-line launcher ---------------------------------------------------------

const LAUNCHER = 'build/linux/synvault-cli.sh';

/** An installed deb in miniature: /opt/Synvault with a stand-in binary that prints its
 * arguments and stdin, the launcher in resources/, and /usr/bin/synvault linked to it. */
function fakeInstall(): { dir: string; bin: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-launcher-'));
  const app = path.join(dir, 'opt', 'Synvault');
  fs.mkdirSync(path.join(app, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'usr', 'bin'), { recursive: true });
  fs.writeFileSync(path.join(app, config.linux.executableName), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\nprintf "stdin:%s\\n" "$(cat)"\n', { mode: 0o755 });
  fs.copyFileSync(path.join(root, LAUNCHER), path.join(app, 'resources', 'synvault-cli.sh'));
  fs.chmodSync(path.join(app, 'resources', 'synvault-cli.sh'), fs.statSync(path.join(root, LAUNCHER)).mode);
  const bin = path.join(dir, 'usr', 'bin', 'synvault');
  fs.symlinkSync(path.join(app, 'resources', 'synvault-cli.sh'), bin);
  return { dir, bin };
}

test('Linux packages ship the command-line launcher next to the binary it runs', () => {
  assert.deepEqual(config.linux.extraResources, [{ from: LAUNCHER, to: 'synvault-cli.sh' }]);
  assert.equal(config.linux.executableName, 'synvault', 'the launcher runs this name');
  const mode = fs.statSync(path.join(root, LAUNCHER)).mode;
  assert.equal(mode & 0o111, 0o111, 'the launcher is executable');
  assert.equal(fs.readFileSync(path.join(root, LAUNCHER), 'utf8').split('\n')[0], '#!/bin/sh');
});

test('the launcher runs the binary on the headless platform with --cli, passing arguments and stdin through, with no display', () => {
  const { dir, bin } = fakeInstall();
  try {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' }; // no DISPLAY, no WAYLAND_DISPLAY
    for (const args of [['list', '--json'], ['--cli', 'list', '--json']]) {
      const r = spawnSync(bin, args, { env, input: '', encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\n').slice(0, -2), ['--ozone-platform=headless', '--disable-gpu', '--cli', 'list', '--json'], args.join(' '));
    }
    const r = spawnSync(bin, ['add', 'syncano', '--label', 'two words'], { env, input: 'piped-input', encoding: 'utf8' });
    assert.deepEqual(r.stdout.split('\n').slice(3, -1), ['add', 'syncano', '--label', 'two words', 'stdin:piped-input']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The deb scripts as electron-builder writes them (its two macros filled in), with the absolute
 * paths moved under `dir` and the system tools they call stubbed, so they can run here. */
function debScript(which: 'afterInstall' | 'afterRemove', dir: string): string {
  const text = fs.readFileSync(path.join(root, config.deb[which]), 'utf8');
  const filled = text.replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => {
    const macros: Record<string, string> = { executable: config.linux.executableName, sanitizedProductName: config.productName };
    assert.ok(name in macros, `electron-builder would stop at the undefined macro \${${name}}`);
    return macros[name]!;
  });
  return filled.replace(/(['"\s])\/(opt|usr\/bin|etc\/apparmor\.d)\//g, `$1${dir}/$2/`);
}

test('the deb links /usr/bin/synvault to the launcher on install and removes only that link on removal', () => {
  const { dir } = fakeInstall();
  try {
    const stubs = path.join(dir, 'stubs');
    fs.mkdirSync(stubs);
    for (const tool of ['update-mime-database', 'update-desktop-database', 'apparmor_status', 'apparmor_parser']) {
      fs.writeFileSync(path.join(stubs, tool), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    }
    const env = { PATH: `${stubs}:${process.env.PATH ?? '/usr/bin:/bin'}` };
    const link = path.join(dir, 'usr', 'bin', 'synvault');
    fs.rmSync(link);
    const install = spawnSync('sh', ['-c', debScript('afterInstall', dir)], { env, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    assert.equal(fs.readlinkSync(link), path.join(dir, 'opt', 'Synvault', 'resources', 'synvault-cli.sh'));
    const run = spawnSync(link, ['list'], { env, input: '', encoding: 'utf8' });
    assert.match(run.stdout, /^--ozone-platform=headless\n--disable-gpu\n--cli\nlist\n/);

    const remove = spawnSync('sh', ['-c', debScript('afterRemove', dir)], { env, encoding: 'utf8' });
    assert.equal(remove.status, 0, remove.stderr);
    assert.equal(fs.lstatSync(link, { throwIfNoEntry: false }), undefined, 'the link is gone');

    // A `synvault` someone else put there survives removal.
    fs.symlinkSync('/usr/local/bin/other-synvault', link);
    spawnSync('sh', ['-c', debScript('afterRemove', dir)], { env });
    assert.equal(fs.readlinkSync(link), '/usr/local/bin/other-synvault');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
