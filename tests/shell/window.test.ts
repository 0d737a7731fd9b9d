// @process: test
// The window and its guards, driven against the stand-in electron module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_ENTRY_URL, appProtocolHandler, resolveAppFile } from '../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/shared/csp';
import { createMainWindow, guardWebContents, hardenSession, openExternalSafe, windowOptions } from '../../electron/shell/window';
import { FakeEvent, FakeWebContents, makeFakeElectron } from './fake-electron';

const asAny = (x: unknown) => x as never;

test('the window is isolated, sandboxed, without Node, with web security and our bundled preload', () => {
  const fake = makeFakeElectron();
  const win = createMainWindow(asAny(fake.BrowserWindow), { preloadPath: '/app/dist/preload.js' });
  const w = fake.windows[0]!;
  assert.equal(fake.windows.length, 1);
  assert.equal(win as unknown, w);
  const prefs = w.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.spellcheck, false);
  assert.equal(prefs.preload, '/app/dist/preload.js');
  assert.equal(prefs.devTools, false, 'DevTools stay off unless the caller (an unpackaged app) asks for them');
  assert.equal(w.loadedUrl, APP_ENTRY_URL);
});

test('the window is shown only once its first frame is ready', () => {
  const fake = makeFakeElectron();
  createMainWindow(asAny(fake.BrowserWindow), { preloadPath: '/p.js' });
  const w = fake.windows[0]!;
  assert.equal(w.options.show, false);
  assert.equal(w.shown, false);
  w.emit('ready-to-show');
  assert.equal(w.shown, true);
});

test('window.open is denied, for other sites and for our own pages alike', () => {
  const contents = new FakeWebContents();
  guardWebContents(asAny(contents));
  assert.ok(contents.windowOpenHandler);
  for (const url of ['https://evil.example/', 'app://synvault/index.html', 'about:blank', 'javascript:alert(1)']) {
    assert.deepEqual(contents.windowOpenHandler!({ url }), { action: 'deny' }, url);
  }
});

test('navigation away from the app is prevented; navigation within it is allowed', () => {
  const contents = new FakeWebContents();
  guardWebContents(asAny(contents));
  for (const url of ['https://evil.example/', 'http://127.0.0.1:5178/', 'file:///etc/passwd', 'app://other/index.html', 'app://user:pw@synvault/index.html', 'javascript:alert(1)', 'not a url']) {
    assert.equal(contents.attempt('will-navigate', url).defaultPrevented, true, `will-navigate ${url}`);
    assert.equal(contents.attempt('will-redirect', url).defaultPrevented, true, `will-redirect ${url}`);
  }
  for (const url of ['app://synvault/index.html', 'app://synvault/index.html#/settings']) {
    assert.equal(contents.attempt('will-navigate', url).defaultPrevented, false, url);
  }
  const webview = new FakeEvent();
  contents.emit('will-attach-webview', webview, {}, {});
  assert.equal(webview.defaultPrevented, true);
});

test('every app response carries the strict CSP, replacing whatever was there', () => {
  const fake = makeFakeElectron();
  hardenSession(asAny(fake.session.defaultSession));
  const listener = fake.session.defaultSession.headersListener;
  assert.ok(listener, 'onHeadersReceived was not hooked');
  let got: Record<string, string[]> | undefined;
  listener!({ url: 'app://synvault/index.html', responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] } }, (r) => {
    got = r.responseHeaders;
  });
  assert.ok(got);
  const cspHeaders = Object.entries(got!).filter(([k]) => k.toLowerCase() === 'content-security-policy');
  assert.deepEqual(cspHeaders, [['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
  assert.deepEqual(got!['Content-Type'], ['text/html']);
  // The policy itself is the strict one: only our own scripts, no inline, no eval.
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*/);
});

test('every permission request and permission check is refused', () => {
  const fake = makeFakeElectron();
  hardenSession(asAny(fake.session.defaultSession));
  const { permissionRequestHandler: request, permissionCheckHandler: check } = fake.session.defaultSession;
  assert.ok(request && check);
  for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen']) {
    const answers: boolean[] = [];
    request!({}, permission, (granted) => answers.push(granted));
    assert.deepEqual(answers, [false], permission);
    assert.equal(check!({}, permission, 'app://synvault'), false, permission);
  }
});

test('openExternal opens https only', async () => {
  const fake = makeFakeElectron();
  for (const url of ['http://www.synapse.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'synap://x', 'https://user:pw@evil.example/', 'not a url']) {
    await assert.rejects(openExternalSafe(url, fake.shell), (err: { code?: string }) => err.code === 'forbidden' || err.code === 'invalid-input', url);
  }
  assert.deepEqual(fake.shell.opened, []);
  await openExternalSafe('https://www.synapse.org/#!PersonalAccessTokens:0', fake.shell);
  assert.deepEqual(fake.shell.opened, ['https://www.synapse.org/#!PersonalAccessTokens:0']);
});

test('window options carry the icon when one is given', () => {
  assert.equal(windowOptions('/p.js', '/icon.png').icon, '/icon.png');
  assert.equal('icon' in windowOptions('/p.js'), false);
});

test('app:// serves the renderer folder with the CSP header and nothing outside it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-shell-'));
  try {
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Synvault</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'outside.txt'), 'not for the window');
    const handle = appProtocolHandler(rendererDir);

    const index = await handle(new Request('app://synvault/index.html'));
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await index.text(), /Synvault/);

    const js = await handle(new Request('app://synvault/assets/app.js'));
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);

    for (const url of ['app://synvault/../outside.txt', 'app://synvault/%2e%2e/outside.txt', 'app://synvault/assets/%2e%2e%2f%2e%2e%2foutside.txt', 'app://other/index.html', 'app://synvault/missing.js', 'app://synvault/%E0%A4%A']) {
      const res = await handle(new Request(url));
      assert.equal(res.status, 404, url);
    }
    assert.equal(resolveAppFile(rendererDir, 'app://synvault/'), path.join(rendererDir, 'index.html'));
    assert.equal(resolveAppFile(rendererDir, 'app://synvault/a%00b'), null);
    // An encoded slash survives URL normalisation; the resolver itself must keep it inside.
    assert.equal(resolveAppFile(rendererDir, 'app://synvault/assets/%2e%2e%2f%2e%2e%2foutside.txt'), null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
