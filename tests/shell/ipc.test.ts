// @process: test
// ipc.ts against the stand-in: every contract method is bound (derived from the contract, not a
// hand-written list) and a call from anything but our window's main frame is refused; events go
// to our window on their own channel, and never to a page it was navigated to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelName, eventChannel, METHODS, type ContractEvent } from '../../electron/shared/contract';
import type { Dispatch } from '../../electron/core/handlers';
import { bindEvents, bindIpc, FORBIDDEN_SENDER } from '../../electron/shell/ipc';
import { FakeFrame, FakeWebContents, makeFakeElectron } from './fake-electron';

function setup() {
  const fake = makeFakeElectron();
  const ours = new FakeWebContents();
  ours.mainFrame.url = 'app://synvault/index.html';
  const dispatched: Array<{ method: string; payload: unknown }> = [];
  const dispatch: Dispatch = async (method, payload) => {
    dispatched.push({ method, payload });
    return { ok: true, value: 'dispatched' };
  };
  let trusted: FakeWebContents | null = ours;
  const unbind = bindIpc(fake.ipcMain as never, dispatch, () => trusted as never);
  return { fake, ours, dispatched, unbind, setTrusted: (c: FakeWebContents | null) => (trusted = c) };
}

test('every contract method is bound to its channel, and nothing else is', () => {
  const { fake, unbind } = setup();
  assert.deepEqual([...fake.ipcMain.handlers.keys()].sort(), METHODS.map(channelName).sort());
  assert.equal(fake.ipcMain.handlers.size, METHODS.length);
  unbind();
  assert.equal(fake.ipcMain.handlers.size, 0);
});

test('a call from our window main frame reaches the dispatcher with its method and payload', async () => {
  const { fake, ours, dispatched } = setup();
  for (const method of METHODS) {
    const result = await fake.ipcMain.invoke(channelName(method), { sender: ours, senderFrame: ours.mainFrame }, { probe: method });
    assert.deepEqual(result, { ok: true, value: 'dispatched' });
  }
  assert.deepEqual(
    dispatched,
    METHODS.map((m) => ({ method: m, payload: { probe: m } })),
  );
});

test('calls from foreign frames are refused and never reach the vault', async () => {
  const { fake, ours, dispatched, setTrusted } = setup();
  const other = new FakeWebContents();
  other.mainFrame.url = 'app://synvault/index.html';
  const subframe = new FakeFrame('app://synvault/index.html', ours.mainFrame);
  const throwing = {
    get url(): string {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
    parent: null,
  };
  type Case = [why: string, trusted: FakeWebContents, event: { sender: unknown; senderFrame: unknown }];
  const cases: Case[] = [
    ['no sender frame (navigated or destroyed)', ours, { sender: ours, senderFrame: null }],
    ['a subframe of our window, even on our origin', ours, { sender: ours, senderFrame: subframe }],
    ['another window on our origin', ours, { sender: other, senderFrame: other.mainFrame }],
    ['a frame of another window passed off as ours', ours, { sender: ours, senderFrame: other.mainFrame }],
    ['a disposed frame', ours, { sender: ours, senderFrame: throwing }],
  ];
  for (const url of ['https://evil.example/', 'file:///tmp/page.html', 'http://127.0.0.1:5178/', 'app://other/index.html', 'about:blank']) {
    const navigated = new FakeWebContents();
    navigated.mainFrame.url = url;
    cases.push([`our window, navigated to ${url}`, navigated, { sender: navigated, senderFrame: navigated.mainFrame }]);
  }
  for (const [why, trusted, event] of cases) {
    setTrusted(trusted);
    const result = await fake.ipcMain.invoke(channelName('removeToken'), event, { id: 'abcdef12-3456' });
    assert.deepEqual(result, FORBIDDEN_SENDER, why);
  }
  setTrusted(ours);
  // After our window is gone, even its old frame is refused.
  ours.destroyed = true;
  assert.deepEqual(await fake.ipcMain.invoke(channelName('listTokens'), { sender: ours, senderFrame: ours.mainFrame }, {}), FORBIDDEN_SENDER);
  setTrusted(null);
  assert.deepEqual(await fake.ipcMain.invoke(channelName('listTokens'), { sender: ours, senderFrame: ours.mainFrame }, {}), FORBIDDEN_SENDER);
  assert.deepEqual(dispatched, []);
  assert.equal(FORBIDDEN_SENDER.ok, false);
  if (!FORBIDDEN_SENDER.ok) assert.equal(FORBIDDEN_SENDER.error.code, 'forbidden');
});

test('events are sent to our window on each event’s fixed channel, and to nothing else', () => {
  const listeners = new Set<(e: ContractEvent) => void>();
  const subscribe = (l: (e: ContractEvent) => void) => (listeners.add(l), () => void listeners.delete(l));
  const emit = (e: ContractEvent) => listeners.forEach((l) => l(e));
  const ours = new FakeWebContents();
  ours.mainFrame.url = 'app://synvault/index.html';
  let target: FakeWebContents | null = ours;
  const unbind = bindEvents(subscribe, () => target as never);

  emit({ name: 'vaultChanged', payload: { by: 'cli' } });
  emit({ name: 'keychainStateChanged', payload: { keychain: { ok: true } } });
  assert.deepEqual(ours.sent, [
    { channel: eventChannel('vaultChanged'), args: [{ by: 'cli' }] },
    { channel: eventChannel('keychainStateChanged'), args: [{ keychain: { ok: true } }] },
  ]);

  // Navigated away from our origin, closed, or no window: nothing is sent, nothing throws.
  ours.sent.length = 0;
  ours.mainFrame.url = 'https://evil.example/';
  emit({ name: 'clipboardCleared', payload: { at: 'now' } });
  ours.mainFrame.url = 'app://synvault/index.html';
  ours.destroyed = true;
  emit({ name: 'clipboardCleared', payload: { at: 'now' } });
  target = null;
  emit({ name: 'clipboardCleared', payload: { at: 'now' } });
  assert.deepEqual(ours.sent, []);

  unbind();
  assert.equal(listeners.size, 0);
});
