// @process: main
// The app's lifecycle, with Electron passed in so tests/shell can run it against a stand-in:
// single-instance lock, the core, the app:// protocol, the session guards, IPC and the window.
import * as path from 'node:path';
import type { App, BrowserWindow, Clipboard, IpcMain, Menu, Protocol, Shell } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { electronClipboard } from './clipboard-electron';
import { createCore, type Core } from '../core/app-core';
import { loadConfig } from '../core/config';
import { bindEvents, bindIpc } from './ipc';
import { startLiveUpdates, type LiveUpdates } from '../core/live-updates';
import { setApplicationMenu } from './menu';
import { createMainWindow, guardWebContents, hardenSession, openExternalSafe, type WindowConstructor } from './window';

export interface ShellElectron {
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on' | 'whenReady' | 'getPath' | 'isPackaged' | 'enableSandbox'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  BrowserWindow: WindowConstructor;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { defaultSession: Parameters<typeof hardenSession>[0] };
  shell: Pick<Shell, 'openExternal' | 'showItemInFolder'>;
  clipboard: Pick<Clipboard, 'readText' | 'writeText'>;
}

export interface ShellOptions {
  env: NodeJS.ProcessEnv;
  /** The folder holding main.js, preload.js and renderer/ (dist/ when built). */
  distDir: string;
  platform?: NodeJS.Platform;
}

export interface RunningShell {
  core: Core;
  /** The watched dispatcher and the events the window is sent (closed when the app quits). */
  live: LiveUpdates;
  /** Resolves once the window exists. */
  ready: Promise<void>;
  window(): BrowserWindow | null;
}

/** How long quitting waits for the clipboard clear before quitting anyway. */
export const QUIT_CLEAR_TIMEOUT_MS = 2000;

/** Returns null when another instance already runs (this one then quits and the first is focused). */
export function startApp(electron: ShellElectron, opts: ShellOptions): RunningShell | null {
  const { app } = electron;
  const platform = opts.platform ?? process.platform;
  // Privileged schemes can only be registered before 'ready'.
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // Every renderer sandboxed, whatever its webPreferences say — the window's own `sandbox: true`
  // covers only that window. Also only before 'ready'.
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  const core = createCore({
    config: loadConfig(opts.env, app.getPath('userData')),
    clipboard: electronClipboard(electron.clipboard),
    openExternal: (url) => openExternalSafe(url, electron.shell),
    // Scan's "open folder": the core passes only the path of a file it found itself.
    openFolder: async (file) => electron.shell.showItemInFolder(file),
  });

  // The window hears of changes (its own, the CLI's) instead of re-fetching after each call.
  const live = startLiveUpdates(core);

  let win: BrowserWindow | null = null;
  // Windows can only be made once the app is ready; earlier events are answered by that first window.
  let isReady = false;
  const openWindow = () => {
    win = createMainWindow(electron.BrowserWindow, {
      preloadPath: path.join(opts.distDir, 'preload.js'),
      iconPath: path.join(opts.distDir, '..', 'assets', 'icon.png'),
      devTools: !app.isPackaged,
    });
    win.on('closed', () => {
      win = null;
    });
    return win;
  };
  const current = () => (win && !win.isDestroyed() ? win : null);

  // The window guards its own contents (createMainWindow); this covers any other web contents
  // that could ever appear, so none of them navigates away or opens a window unguarded.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  app.on('second-instance', () => {
    if (!isReady) return;
    const w = current() ?? openWindow();
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  });

  // A token we copied must not outlive the app on the clipboard. The clipboard is async, so the
  // first quit is held back until the clear has finished, then quit is asked for once more. Both
  // events, because some quit paths reach will-quit without a before-quit.
  let clipboardSettled = false;
  let clearing: Promise<void> | null = null;
  const clearClipboardThenQuit = (event: { preventDefault(): void }) => {
    if (clipboardSettled) return;
    event.preventDefault();
    clearing ??= new Promise<void>((resolve) => {
      // A clipboard that never answers must not keep the app from quitting.
      const timer = setTimeout(resolve, QUIT_CLEAR_TIMEOUT_MS);
      void core.vault
        .clearClipboardIfOurs()
        .catch(() => false)
        .finally(() => {
          clearTimeout(timer);
          resolve();
        });
    }).then(() => {
      clipboardSettled = true;
      live.close();
      app.quit();
    });
  };
  app.on('before-quit', clearClipboardThenQuit);
  app.on('will-quit', clearClipboardThenQuit);

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (isReady && !current()) openWindow();
  });

  const ready = app.whenReady().then(() => {
    electron.protocol.handle(APP_SCHEME, appProtocolHandler(path.join(opts.distDir, 'renderer')));
    hardenSession(electron.session.defaultSession);
    bindIpc(electron.ipcMain, live.dispatch, () => current()?.webContents ?? null);
    bindEvents(live.on, () => current()?.webContents ?? null);
    setApplicationMenu(electron.Menu, platform, app.isPackaged);
    isReady = true;
    openWindow();
  });

  return { core, live, ready, window: current };
}
