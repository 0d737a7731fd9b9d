// @process: test
// dist/main.js as scripts/build.mjs bundles it, started against the stand-in electron module:
// proves the bundle wires the shell (paths relative to its own folder, keytar left external)
// and that main.ts itself adds nothing the lifecycle tests would miss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { APP_ENTRY_URL, APP_SCHEME } from '../../electron/shell/app-protocol';
import { channelName, METHODS } from '../../electron/shared/contract';
import { keytarKeychain } from '../../electron/core/keychain';
import { makeFakeElectron } from './fake-electron';

const root = path.resolve(__dirname, '..', '..');

test('the bundled main process starts the shell with paths next to itself', async () => {
  const out = await build({
    entryPoints: [path.join(root, 'electron/shell/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'keytar'],
    write: false,
    logLevel: 'silent',
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-main-'));
  const distDir = path.join(tmp, 'dist');
  const service = `SynvaultMainTest-${randomBytes(4).toString('hex')}`;
  const saved = { ...process.env };
  Object.assign(process.env, { SYNVAULT_DATA_DIR: path.join(tmp, 'data'), SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: tmp });
  try {
    const fake = makeFakeElectron({ userData: path.join(tmp, 'userData') });
    const rootRequire = createRequire(path.join(root, 'package.json'));
    const required: string[] = [];
    const requireForBundle = (name: string) => {
      required.push(name);
      return name === 'electron' ? fake : rootRequire(name);
    };
    const main = vm.compileFunction(out.outputFiles[0]!.text, ['require', 'module', 'exports', '__filename', '__dirname']);
    const module = { exports: {} };
    main(requireForBundle, module, module.exports, path.join(distDir, 'main.js'), distDir);
    // The window is created once the (stand-in) app is ready.
    assert.ok(fake.app.ready, 'main waited for app readiness');
    await fake.app.ready;

    const external = [...new Set(required.filter((n) => !isBuiltin(n)))];
    assert.ok(external.includes('electron'));
    assert.deepEqual(external.filter((n) => n !== 'electron' && n !== 'keytar'), [], 'everything else is bundled');
    assert.equal(fake.windows.length, 1);
    assert.equal(fake.windows[0]!.options.webPreferences.preload, path.join(distDir, 'preload.js'));
    assert.equal(fake.windows[0]!.loadedUrl, APP_ENTRY_URL);
    assert.ok(fake.protocol.handlers.has(APP_SCHEME));
    assert.deepEqual([...fake.ipcMain.handlers.keys()].sort(), METHODS.map(channelName).sort());
  } finally {
    process.env = saved;
    const kc = keytarKeychain(service);
    for (const e of await kc.findAll().catch(() => [])) await kc.delete(e.account);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
