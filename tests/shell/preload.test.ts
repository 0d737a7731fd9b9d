// @process: test
// The preload as Electron runs it: bundled to one file, evaluated where `require` knows only
// 'electron' (a sandboxed preload cannot load our modules). It must expose exactly the contract:
// its methods, and `on` for its events (and only its events) with the payload alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { build } from 'esbuild';
import { contract } from '../../electron/shared/contract';
import { channelName, eventChannel, EVENTS, METHODS } from '../../electron/shared/methods';
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

test('the preload exposes window.synvault with exactly the contract methods, `on`, and nothing else', async () => {
  const { fake } = await loadPreload();
  assert.equal(fake.contextBridge.exposed.length, 1);
  const { key, api } = fake.contextBridge.exposed[0]!;
  assert.equal(key, 'synvault');
  const names = Object.getOwnPropertyNames(api).sort();
  assert.deepEqual(names, [...METHODS, 'on'].sort());
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

test('on() delivers the contract’s events, payload only, to their own subscribers — and subscribes to nothing else', async () => {
  const { fake } = await loadPreload();
  const api = fake.contextBridge.exposed[0]!.api as { on(event: unknown, handler: unknown): () => void };
  const got: Array<{ event: string; args: unknown[] }> = [];
  const offs = EVENTS.map((event) => api.on(event, (...args: unknown[]) => got.push({ event, args })));
  assert.deepEqual(fake.ipcRenderer.listening().sort(), EVENTS.map(eventChannel).sort(), 'one fixed channel per event');

  fake.ipcRenderer.deliver(eventChannel('vaultChanged'), { by: 'cli' });
  fake.ipcRenderer.deliver(eventChannel('clipboardCleared'), { at: '2026-01-01T00:00:00.000Z' });
  assert.deepEqual(got, [
    { event: 'vaultChanged', args: [{ by: 'cli' }] },
    { event: 'clipboardCleared', args: [{ at: '2026-01-01T00:00:00.000Z' }] },
  ]);

  // No other channel reaches the page: not a call's channel, not a made-up one, not a prefix.
  got.length = 0;
  for (const channel of [channelName('listTokens'), 'synvault-event:', 'synvault-event:other', 'vaultChanged', 'ELECTRON_BROWSER_REQUIRE']) {
    fake.ipcRenderer.deliver(channel, { by: 'app' });
  }
  assert.deepEqual(got, []);

  // Nothing but a contract event can be subscribed to, and a handler must be a function.
  for (const bad of ['synvault:listTokens', channelName('listTokens'), eventChannel('vaultChanged'), 'other', '', 'toString', '__proto__', 42, null]) {
    assert.throws(() => api.on(bad, () => {}), { name: 'TypeError' }, String(bad)); // (the preload's realm: not instanceof ours)
  }
  assert.throws(() => api.on('vaultChanged', 'not a function'), { name: 'TypeError' });
  assert.deepEqual(fake.ipcRenderer.listening().sort(), EVENTS.map(eventChannel).sort(), 'a refused subscription adds no listener');

  // The returned function unsubscribes.
  offs.forEach((off) => off());
  assert.deepEqual(fake.ipcRenderer.listening(), []);
  fake.ipcRenderer.deliver(eventChannel('vaultChanged'), { by: 'app' });
  assert.deepEqual(got, []);
});
