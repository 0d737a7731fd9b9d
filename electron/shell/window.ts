// @process: main
// The one BrowserWindow and the guards around it. Every dependency on Electron is passed in, so
// tests/shell drives these functions with a stand-in electron module.
import type { BrowserWindow, BrowserWindowConstructorOptions, HeadersReceivedResponse, Session, Shell, WebContents } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { VaultError } from '../shared/errors';

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** `devTools` is false in the packaged app: no DevTools, whatever opens them. */
export function windowOptions(preloadPath: string, iconPath?: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1120,
    height: 760,
    // Every view and dialog is checked at this size (e2e/layout.spec.ts, docs/window.md).
    minWidth: 800,
    minHeight: 600,
    title: 'Synvault',
    // Shown on ready-to-show, so the person never sees a blank white frame.
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A pasted token must not be handed to a spell-checking service.
      spellcheck: false,
      devTools,
    },
  };
}

/** Keeps the window on the app: no new windows, no navigation or redirect elsewhere, no webviews. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnApp = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isAppUrl(event.url ?? url ?? '')) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Response headers with the strict CSP forced onto every response from the app's origin. */
export function withContentSecurityPolicy(url: string, headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = { ...(headers ?? {}) };
  if (!isAppUrl(url)) return out;
  for (const name of Object.keys(out)) {
    if (name.toLowerCase() === 'content-security-policy') delete out[name];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** CSP on responses and no permission for anything (camera, notifications, clipboard-read, ...). */
export function hardenSession(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback: (response: HeadersReceivedResponse) => void) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(BrowserWindowCtor: WindowConstructor, opts: { preloadPath: string; iconPath?: string; devTools?: boolean }): BrowserWindow {
  const win = new BrowserWindowCtor(windowOptions(opts.preloadPath, opts.iconPath, opts.devTools ?? false));
  guardWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Opens a page in the person's browser — https only; everything else (http:, file:, javascript:,
 * custom schemes that launch other programs) is refused. */
export async function openExternalSafe(url: string, shell: Pick<Shell, 'openExternal'>): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new VaultError('invalid-input', 'That is not a web address Synvault can open.');
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    throw new VaultError('forbidden', 'Synvault only opens https:// addresses in your browser.');
  }
  await shell.openExternal(parsed.toString());
}
