// @process: test
// A stand-in for the parts of the `electron` module the shell uses. It records what the shell
// asks of it, so the tests can assert on window options, guards, handlers and lifecycle without
// the Electron binary (which cannot be installed on these machines).
import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault() {
    this.defaultPrevented = true;
  }
}

let nextRoutingId = 1;

export class FakeFrame {
  readonly processId = 1;
  readonly routingId = nextRoutingId++;
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('about:blank');
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** What the main process sent to this window (webContents.send), in order. */
  sent: Array<{ channel: string; args: unknown[] }> = [];
  send(channel: string, ...args: unknown[]) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Emits a navigation the way Electron does and returns the event to see if it was prevented. */
  attempt(eventName: 'will-navigate' | 'will-redirect', url: string): FakeEvent {
    const event = new FakeEvent(url);
    this.emit(eventName, event, url);
    return event;
  }
}

export interface FakeElectron extends ReturnType<typeof makeFakeElectron> {}

/** What Electron puts inside each submenu role (lib/browser/api/menu-item-roles.ts), so a test
 * sees every item the person would see — role names are case-insensitive there, lowercased here. */
const ROLE_SUBMENUS: Record<string, (platform: NodeJS.Platform) => string[]> = {
  appmenu: () => ['about', 'services', 'hide', 'hideothers', 'unhide', 'quit'],
  filemenu: (p) => [p === 'darwin' ? 'close' : 'quit'],
  editmenu: (p) =>
    p === 'darwin'
      ? ['undo', 'redo', 'cut', 'copy', 'paste', 'pasteandmatchstyle', 'delete', 'selectall', 'showsubstitutions', 'togglesmartquotes', 'togglesmartdashes', 'toggletextreplacement', 'startspeaking', 'stopspeaking']
      : ['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectall'],
  viewmenu: () => ['reload', 'forcereload', 'toggledevtools', 'resetzoom', 'zoomin', 'zoomout', 'togglefullscreen'],
  windowmenu: (p) => (p === 'darwin' ? ['minimize', 'zoom', 'front'] : ['minimize', 'zoom', 'close']),
  sharemenu: () => [],
};

export interface FakeMenuItem {
  role?: string;
  label?: string;
  submenu: FakeMenuItem[];
}

export function makeFakeElectron(opts: { userData?: string; lock?: boolean; packaged?: boolean; platform?: NodeJS.Platform } = {}) {
  /** Everything the shell did, in order, for assertions about ordering. */
  const calls: string[] = [];

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    shown = false;
    focused = false;
    minimized = false;
    destroyed = false;
    constructor(readonly options: Record<string, any>) {
      super();
      windows.push(this);
      calls.push('new BrowserWindow');
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused = true;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
      // Electron throws on a second handler for the same channel; so does the stand-in.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, fn);
      calls.push(`ipcMain.handle ${channel}`);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    handlers,
    /** Calls a bound handler as Electron would for ipcRenderer.invoke(channel, payload). */
    async invoke(channel: string, event: { sender: unknown; senderFrame: unknown }, payload: unknown) {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`No handler for ${channel}`);
      return fn(event, payload);
    },
  };

  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  // Listeners by channel, as ipcRenderer.on keeps them; `deliver` is the main process sending.
  type RendererListener = (event: unknown, ...args: unknown[]) => void;
  const rendererListeners = new Map<string, RendererListener[]>();
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]) {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: channel });
    },
    invoked,
    on(channel: string, listener: RendererListener) {
      rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: RendererListener) {
      rendererListeners.set(channel, (rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
      return ipcRenderer;
    },
    /** Channels with at least one listener. */
    listening: () => [...rendererListeners].filter(([, ls]) => ls.length > 0).map(([c]) => c),
    /** Delivers a message on a channel as Electron would, with an event object first. */
    deliver(channel: string, ...args: unknown[]) {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const l of rendererListeners.get(channel) ?? []) l(event, ...args);
    },
  };

  const exposed: Array<{ key: string; api: unknown }> = [];
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      exposed.push({ key, api });
    },
    exposed,
  };

  type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
  type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string, details?: unknown) => boolean;
  const defaultSession: {
    headersListener: HeadersListener | null;
    permissionRequestHandler: RequestHandler | null;
    permissionCheckHandler: CheckHandler | null;
    webRequest: { onHeadersReceived(listener: HeadersListener): void };
    setPermissionRequestHandler(h: RequestHandler | null): void;
    setPermissionCheckHandler(h: CheckHandler | null): void;
  } = {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        defaultSession.headersListener = listener;
      },
    },
    setPermissionRequestHandler(h) {
      defaultSession.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h) {
      defaultSession.permissionCheckHandler = h;
    },
  };

  const opened: string[] = [];
  const shell = {
    openExternal(url: string) {
      opened.push(url);
      return Promise.resolve();
    },
    opened,
    shown: [] as string[],
    showItemInFolder(file: string) {
      shell.shown.push(file);
    },
  };

  // Like Electron 45's: both calls return promises, and they settle a task later, so a caller
  // that forgets to await sees the old contents.
  const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));
  const clipboard = {
    text: '',
    async writeText(t: string): Promise<void> {
      await nextTask();
      clipboard.text = t;
    },
    async readText(): Promise<string> {
      await nextTask();
      return clipboard.text;
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (req: Request) => Promise<Response> | Response>(),
    registerSchemesAsPrivileged(schemes: unknown[]) {
      calls.push('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, fn: (req: Request) => Promise<Response> | Response) {
      calls.push(`protocol.handle ${scheme}`);
      protocol.handlers.set(scheme, fn);
    },
  };

  type Template = Array<{ role?: string; label?: string; submenu?: Template }>;
  const expand = (template: Template): FakeMenuItem[] =>
    template.map((item) => {
      const role = item.role?.toLowerCase();
      const fromRole = role && ROLE_SUBMENUS[role] ? ROLE_SUBMENUS[role](opts.platform ?? process.platform).map((r) => ({ role: r, submenu: [] })) : [];
      return { ...(role ? { role } : {}), ...(item.label ? { label: item.label } : {}), submenu: item.submenu ? expand(item.submenu) : fromRole };
    });
  const Menu = {
    /** The menu last set with setApplicationMenu, role submenus expanded as Electron does; undefined = never set (Electron's default menu). */
    applicationMenu: undefined as FakeMenuItem[] | null | undefined,
    buildFromTemplate(template: Template) {
      return { items: expand(template) };
    },
    setApplicationMenu(menu: { items: FakeMenuItem[] } | null) {
      calls.push('Menu.setApplicationMenu');
      Menu.applicationMenu = menu ? menu.items : null;
    },
  };

  class FakeApp extends EventEmitter {
    readonly isPackaged = opts.packaged ?? false;
    sandboxEnabled = false;
    enableSandbox() {
      calls.push('app.enableSandbox');
      this.sandboxEnabled = true;
    }
    quitCalls = 0;
    readyCalls = 0;
    /** The promise whenReady() handed out; awaiting it after the shell did runs after the shell's own then(). */
    ready: Promise<void> | null = null;
    requestSingleInstanceLock() {
      calls.push('app.requestSingleInstanceLock');
      return opts.lock ?? true;
    }
    getPath(name: string) {
      if (name !== 'userData') throw new Error(`stand-in knows only userData, not ${name}`);
      return opts.userData ?? '/nonexistent/userData';
    }
    whenReady() {
      this.readyCalls++;
      calls.push('app.whenReady');
      this.ready = Promise.resolve();
      return this.ready;
    }
    /** True once a quit got through before-quit and will-quit without either being prevented. */
    quitted = false;
    private quitWaiters: Array<() => void> = [];
    /** Resolves when the app has really quit. */
    whenQuit(): Promise<void> {
      return this.quitted ? Promise.resolve() : new Promise((resolve) => this.quitWaiters.push(resolve));
    }
    /** Like Electron: quitting emits before-quit then will-quit, and preventDefault on either
     * cancels this quit. */
    quit() {
      this.quitCalls++;
      calls.push('app.quit');
      const before = new FakeEvent();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      const will = new FakeEvent();
      this.emit('will-quit', will);
      if (will.defaultPrevented) return;
      this.quitted = true;
      calls.push('app quitted');
      for (const resolve of this.quitWaiters.splice(0)) resolve();
    }
  }
  const app = new FakeApp();

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu,
    windows,
    ipcMain,
    ipcRenderer,
    contextBridge,
    session: { defaultSession },
    shell,
    clipboard,
    protocol,
    calls,
  };
}
