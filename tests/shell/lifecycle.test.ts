// @process: test
// The whole shell (app-lifecycle.ts, which main.ts only calls) against the stand-in electron
// module, with the real core underneath: real files, the test session's keychain, the stand-in's
// clipboard. A click's path is followed through ipcMain to the vault and back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { QUIT_CLEAR_TIMEOUT_MS, startApp, type RunningShell } from '../../electron/shell/app-lifecycle';
import { APP_ENTRY_URL, APP_SCHEME } from '../../electron/shell/app-protocol';
import { channelName, METHODS } from '../../electron/shared/contract';
import { keytarKeychain } from '../../electron/core/keychain';
import { FORBIDDEN_SENDER } from '../../electron/shell/ipc';
import { CANARIES } from '../helpers/core';
import { FakeEvent, FakeWebContents, makeFakeElectron, type FakeMenuItem } from './fake-electron';

async function launch(opts: { lock?: boolean; platform?: NodeJS.Platform; env?: Record<string, string>; packaged?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-shell-'));
  const service = `SynvaultShellTest-${randomBytes(4).toString('hex')}`;
  const fake = makeFakeElectron({
    userData: path.join(dir, 'userData'),
    platform: opts.platform ?? 'linux',
    packaged: opts.packaged ?? false,
    ...(opts.lock === undefined ? {} : { lock: opts.lock }),
  });
  const env = { SYNVAULT_DATA_DIR: path.join(dir, 'data'), SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: path.join(dir, 'home'), ...opts.env };
  const shell = startApp(fake as never, { env, distDir: path.join(dir, 'dist'), platform: opts.platform ?? 'linux' });
  await shell?.ready;
  const win = () => fake.windows.at(-1)!;
  const fromWindow = () => ({ sender: win().webContents, senderFrame: win().webContents.mainFrame });
  const call = (method: string, payload: unknown, event: { sender: unknown; senderFrame: unknown } = fromWindow()) =>
    fake.ipcMain.invoke(`synvault:${method}`, event, payload) as Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;
  const cleanup = async () => {
    try {
      const kc = keytarKeychain(service);
      for (const e of await kc.findAll()) await kc.delete(e.account);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { fake, shell, dir, call, win, cleanup };
}

test('start-up: scheme registered before ready, then protocol, guards, every channel and one window on app://', async () => {
  const t = await launch();
  try {
    const { fake } = t;
    assert.ok(t.shell);
    const order = fake.calls.filter((c) => !c.startsWith('ipcMain.handle'));
    assert.ok(order.indexOf('protocol.registerSchemesAsPrivileged') < order.indexOf('app.whenReady'), order.join(', '));
    assert.ok(order.indexOf('app.requestSingleInstanceLock') < order.indexOf('app.whenReady'), order.join(', '));
    assert.ok(fake.app.sandboxEnabled && order.indexOf('app.enableSandbox') < order.indexOf('app.whenReady'), 'every renderer sandboxed, set before ready');
    assert.ok(fake.protocol.handlers.has(APP_SCHEME));
    assert.ok(fake.session.defaultSession.headersListener);
    assert.ok(fake.session.defaultSession.permissionRequestHandler);
    assert.deepEqual([...fake.ipcMain.handlers.keys()].sort(), METHODS.map(channelName).sort());
    assert.equal(fake.windows.length, 1);
    assert.equal(t.win().loadedUrl, APP_ENTRY_URL);
    assert.equal(t.win().options.webPreferences.preload, path.join(t.dir, 'dist', 'preload.js'));
    assert.equal(t.win().options.webPreferences.sandbox, true);
    assert.ok(t.win().webContents.windowOpenHandler, 'the window is guarded');
  } finally {
    await t.cleanup();
  }
});

/** Every role in a menu, submenus included. */
const rolesIn = (items: FakeMenuItem[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...rolesIn(i.submenu)]);
const DEV_ONLY = ['reload', 'forcereload', 'toggledevtools', 'viewmenu'];

test('the packaged app sets its own menu, with no reload or DevTools anywhere in it, and a window without DevTools', async () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const t = await launch({ platform, packaged: true });
    try {
      const menu = t.fake.Menu.applicationMenu;
      assert.ok(menu, `${platform}: an application menu is set (else Electron's default, with Reload and Toggle DevTools, ships)`);
      const roles = rolesIn(menu);
      for (const role of DEV_ONLY) assert.ok(!roles.includes(role), `${platform}: ${role} is in the menu: ${roles.join(', ')}`);
      assert.deepEqual(
        menu.map((m) => m.role),
        platform === 'darwin' ? ['appmenu', 'filemenu', 'editmenu', 'windowmenu'] : ['filemenu', 'editmenu', 'windowmenu'],
      );
      // What a person needs is still there: quitting, and cut/copy/paste in the form fields.
      for (const role of ['quit', 'cut', 'copy', 'paste', 'selectall']) assert.ok(roles.includes(role), `${platform}: ${role} is missing`);
      assert.equal(t.win().options.webPreferences.devTools, false, `${platform}: DevTools off in the window`);
      assert.ok(t.fake.calls.indexOf('Menu.setApplicationMenu') < t.fake.calls.indexOf('new BrowserWindow'), 'the menu is set before the window opens');
    } finally {
      await t.cleanup();
    }
  }
});

test('an unpackaged checkout keeps DevTools and a View menu for development', async () => {
  const t = await launch({ packaged: false });
  try {
    assert.equal(t.win().options.webPreferences.devTools, true);
    assert.ok(rolesIn(t.fake.Menu.applicationMenu ?? []).includes('toggledevtools'));
  } finally {
    await t.cleanup();
  }
});

test('any other web contents that appears gets the same guards as the window', async () => {
  const t = await launch();
  try {
    const other = new FakeWebContents();
    t.fake.app.emit('web-contents-created', new FakeEvent(), other);
    assert.deepEqual(other.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.equal(other.attempt('will-navigate', 'https://evil.example/').defaultPrevented, true);
    assert.equal(other.attempt('will-redirect', 'file:///etc/passwd').defaultPrevented, true);
    const webview = new FakeEvent();
    other.emit('will-attach-webview', webview, {}, {});
    assert.equal(webview.defaultPrevented, true);
  } finally {
    await t.cleanup();
  }
});

test('the data folder is SYNVAULT_DATA_DIR when set, else Electron userData', async () => {
  const withEnv = await launch();
  const withoutEnv = await launch({ env: { SYNVAULT_DATA_DIR: '' } });
  try {
    assert.equal(withEnv.shell!.core.parts.config.dataDir, path.join(withEnv.dir, 'data'));
    assert.equal(withoutEnv.shell!.core.parts.config.dataDir, path.join(withoutEnv.dir, 'userData'));
  } finally {
    await withEnv.cleanup();
    await withoutEnv.cleanup();
  }
});

test('a token added from the window is copied by main; a foreign frame cannot remove it; quitting clears the clipboard', async () => {
  const t = await launch();
  try {
    const added = await t.call('addToken', { service: 'syncano', label: 'Shell test key', secret: CANARIES.syncanoApiKey });
    assert.equal(added.ok, true, added.error?.message);
    const id = added.value.id as string;

    const stranger = new FakeWebContents();
    stranger.mainFrame.url = 'https://evil.example/';
    for (const event of [
      { sender: stranger, senderFrame: stranger.mainFrame },
      { sender: t.win().webContents, senderFrame: { url: APP_ENTRY_URL, parent: t.win().webContents.mainFrame, processId: 1, routingId: 999 } },
    ]) {
      assert.deepEqual(await t.call('removeToken', { id }, event), FORBIDDEN_SENDER);
      assert.deepEqual(await t.call('copyToken', { id }, event), FORBIDDEN_SENDER);
      assert.deepEqual(await t.call('revealToken', { id }, event), FORBIDDEN_SENDER);
    }
    const listed = await t.call('listTokens', {});
    assert.deepEqual(listed.value.map((x: { id: string }) => x.id), [id], 'the foreign removeToken changed nothing');
    assert.equal(t.fake.clipboard.text, '', 'the foreign copyToken wrote nothing');

    const copied = await t.call('copyToken', { id });
    assert.equal(copied.ok, true, copied.error?.message);
    assert.ok(!JSON.stringify(copied).includes(CANARIES.syncanoApiKey), 'the renderer never gets the value');
    assert.ok(t.fake.clipboard.text === CANARIES.syncanoApiKey, 'the clipboard holds the copied key');

    t.fake.app.quit();
    assert.equal(t.fake.app.quitted, false, 'the first quit waits for the clipboard');
    await t.fake.app.whenQuit();
    assert.equal(t.fake.clipboard.text, '', 'quitting cleared our copy');
    assert.equal(t.fake.app.quitCalls, 2, 'quit is asked for once more after the clear, and only once');
  } finally {
    await t.cleanup();
  }
});

test('quitting leaves the clipboard alone when the person has copied something else since', async () => {
  const t = await launch();
  try {
    const added = await t.call('addToken', { service: 'syncano', label: 'Shell test key', secret: CANARIES.syncanoAccountKey });
    assert.equal(added.ok, true, added.error?.message);
    assert.equal((await t.call('copyToken', { id: added.value.id })).ok, true);
    await t.fake.clipboard.writeText('a shopping list');
    t.fake.app.quit();
    await t.fake.app.whenQuit();
    assert.equal(t.fake.clipboard.text, 'a shopping list');
  } finally {
    await t.cleanup();
  }
});

test('a clipboard that never answers holds quitting back only briefly', async () => {
  const t = await launch();
  try {
    const added = await t.call('addToken', { service: 'syncano', label: 'Shell test key', secret: CANARIES.syncanoApiKey });
    assert.equal((await t.call('copyToken', { id: added.value.id })).ok, true);
    t.fake.clipboard.readText = () => new Promise<string>(() => {});
    const started = Date.now();
    t.fake.app.quit();
    await t.fake.app.whenQuit();
    const waited = Date.now() - started;
    assert.ok(waited >= QUIT_CLEAR_TIMEOUT_MS - 50 && waited < QUIT_CLEAR_TIMEOUT_MS + 1500, `quit after ${waited} ms`);
  } finally {
    await t.cleanup();
  }
});

test('a second instance quits at once and the first one comes to the front', async () => {
  const second = await launch({ lock: false });
  const first = await launch();
  try {
    assert.equal(second.shell, null);
    assert.equal(second.fake.app.quitCalls, 1);
    assert.equal(second.fake.windows.length, 0);
    assert.equal(second.fake.ipcMain.handlers.size, 0);

    const w = first.win();
    w.minimized = true;
    w.shown = false;
    first.fake.app.emit('second-instance', {}, [], '/');
    assert.equal(w.minimized, false);
    assert.equal(w.shown, true);
    assert.equal(w.focused, true);
    assert.equal(first.fake.windows.length, 1, 'no second window');
  } finally {
    await second.cleanup();
    await first.cleanup();
  }
});

test('closing the last window quits on Linux and Windows but not on macOS, where activate reopens it', async () => {
  const linux = await launch({ platform: 'linux' });
  const mac = await launch({ platform: 'darwin' });
  try {
    linux.win().close();
    linux.fake.app.emit('window-all-closed');
    await linux.fake.app.whenQuit();
    assert.equal(linux.fake.app.quitted, true);

    mac.win().close();
    mac.fake.app.emit('window-all-closed');
    assert.equal(mac.fake.app.quitCalls, 0);
    assert.equal((mac.shell as RunningShell).window(), null);
    mac.fake.app.emit('activate');
    assert.equal(mac.fake.windows.length, 2);
    assert.equal(mac.fake.windows[1]!.loadedUrl, APP_ENTRY_URL);
    // IPC follows the new window: the old one's frame is no longer trusted.
    assert.deepEqual(
      await mac.call('listTokens', {}, { sender: mac.fake.windows[0]!.webContents, senderFrame: mac.fake.windows[0]!.webContents.mainFrame }),
      FORBIDDEN_SENDER,
    );
    assert.equal((await mac.call('listTokens', {})).ok, true);
  } finally {
    await linux.cleanup();
    await mac.cleanup();
  }
});

test('a second instance or activate arriving before ready opens no early window', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-shell-'));
  const service = `SynvaultShellTest-${randomBytes(4).toString('hex')}`;
  try {
    const fake = makeFakeElectron({ userData: dir });
    const shell = startApp(fake as never, { env: { SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service }, distDir: dir, platform: 'darwin' });
    // Still synchronous with startApp: the stand-in's whenReady() has not resolved yet.
    fake.app.emit('second-instance', {}, [], '/');
    fake.app.emit('activate');
    assert.equal(fake.windows.length, 0);
    await shell!.ready;
    assert.equal(fake.windows.length, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
