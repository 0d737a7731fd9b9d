// @process: test
// The preload as Electron runs it: bundled to one file, evaluated where `require` knows only
// 'electron' (a sandboxed preload cannot load our modules). It must expose exactly the contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { build } from 'esbuild';
import { contract } from '../../electron/shared/contract';
import { channelName, METHODS } from '../../electron/shared/methods';
import { makeFakeElectron } from './fake-electron';

const root = path.resolve(__dirname, '..', '..');

let loadedSize = 0;

async function loadPreload() {
  // Same bundling as scripts/build.mjs uses for dist/preload.js.
  const out = await build({
    entryPoints: [path.join(root, 'electron/shell/preload.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  loadedSize = Buffer.byteLength(code);
  const fake = makeFakeElectron();
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return { contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer };
    throw new Error(`a sandboxed preload cannot require '${name}'`);
  };
  const module = { exports: {} };
  const context = vm.createContext({ require: sandboxRequire, module, exports: module.exports, console });
  vm.runInContext(code, context, { filename: 'preload.js' });
  return { fake, required };
}

test('the bundled preload needs nothing but electron', async () => {
  const { required } = await loadPreload();
  assert.deepEqual([...new Set(required)], ['electron']);
});

test('the zod-free method list is the contract’s, and the bundled preload stays small (no schemas)', async () => {
  assert.deepEqual([...METHODS].sort(), Object.keys(contract).sort());
  assert.equal(new Set(METHODS).size, METHODS.length, 'no method twice');
  await loadPreload();
  assert.ok(loadedSize < 10_000, `dist/preload.js is ${loadedSize} bytes unminified; it must stay under 10 KB`);
});

test('the preload exposes window.synvault with exactly the contract methods and nothing else', async () => {
  const { fake } = await loadPreload();
  assert.equal(fake.contextBridge.exposed.length, 1);
  const { key, api } = fake.contextBridge.exposed[0]!;
  assert.equal(key, 'synvault');
  const names = Object.getOwnPropertyNames(api).sort();
  assert.deepEqual(names, [...METHODS].sort());
  assert.equal(Object.getOwnPropertySymbols(api).length, 0);
  for (const name of names) assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
  assert.equal(Object.isFrozen(api), true);
  assert.equal('invoke' in (api as object), false);
});

test('each exposed method invokes its own channel with the input it was given, and only that', async () => {
  const { fake } = await loadPreload();
  const api = fake.contextBridge.exposed[0]!.api as Record<string, (input: unknown) => Promise<unknown>>;
  for (const method of METHODS) {
    fake.ipcRenderer.invoked.length = 0;
    const input = { probe: method };
    const result = await api[method]!(input);
    assert.deepEqual(fake.ipcRenderer.invoked, [{ channel: channelName(method), args: [input] }], method);
    assert.deepEqual(result, { ok: true, value: channelName(method) });
  }
});
