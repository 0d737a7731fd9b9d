// @process: harness
// `npm run harness`: serves the built renderer and carries the contract over loopback HTTP to
// the same dispatcher Electron's ipc.ts uses, so a click in Chromium reaches the real vault,
// keychain and files. Guarded by a random per-launch token and a Host check.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createCore } from '../../electron/core/app-core';
import { startLiveUpdates } from '../../electron/core/live-updates';
import { loadConfig } from '../../electron/core/config';
import { memoryClipboard } from '../../electron/core/clipboard';
import { keychainRefused, keytarKeychain, type KeychainPort } from '../../electron/core/keychain';
import { CONTENT_SECURITY_POLICY } from '../../electron/shared/csp';
import { SECRET_TOO_LONG } from '../../electron/shared/services/define';

const distDir = path.resolve(__dirname);
const rendererDir = path.join(distDir, 'renderer');
const port = Number(process.env.SYNVAULT_HARNESS_PORT ?? 5178);
const config = loadConfig(process.env);
const clipboard = memoryClipboard();
// The harness opens no browser: with the test clipboard on, it records what it was asked to open
// (the Synap revoke flow opens the Portal) so a spec can check the address.
const opened: string[] = [];
const folders: string[] = [];
// With the test clipboard on, a spec can make the keychain refuse writes (PUT
// /__test__/keychain?refuse-writes=1), as one locked between a sign-in and the store does: the
// state in which a secret a service has just issued cannot be kept, and the window shows it once.
let refuseWrites = false;
const realKeychain = keytarKeychain(config.keychainService);
const keychain: KeychainPort = {
  ...realKeychain,
  set: (account, secret) =>
    refuseWrites ? Promise.reject(keychainRefused(process.platform, 'the keyring has not been unlocked', 'locked')) : realKeychain.set(account, secret),
};
const core = createCore({
  config,
  clipboard,
  keychain,
  ...(config.testClipboard ? { openExternal: async (url: string) => void opened.push(url), openFolder: async (file: string) => void folders.push(file) } : {}),
});
const secretToken = randomBytes(24).toString('hex');
// The same watched dispatcher and events as the Electron shell; events go out as Server-Sent
// Events on GET /api/events (one stream per open page).
const live = startLiveUpdates(core);
// With the test clipboard on, the method of every call is counted, so a spec can measure the
// calls one action costs (GET /__test__/calls; DELETE resets).
const calls: string[] = [];
// A failed spec is often a call that never came back (a keychain that stopped answering) or one
// that came back late: the harness says which, by method name and time only, never the input.
const SLOW_CALL_MS = 2000;
const running = new Set<{ method: string; at: number }>();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function tokenOk(given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secretToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

/** The largest body the harness reads. Electron's IPC has no limit of its own, so every payload a
 * form can send must reach the dispatcher, whose schemas answer too-long input in the app's own
 * words (a 1 MB paste: SECRET_TOO_LONG, beside the field): this is far above the largest input
 * the contract accepts (a secret of SECRET_MAX characters). */
const BODY_MAX = 16 * 1024 * 1024;
/** Past BODY_MAX the rest is read and dropped, up to this, so the answer reaches the client
 * instead of a reset connection; a client still sending after that is cut off. */
const DRAIN_MAX = 4 * BODY_MAX;

type Body = { kind: 'json'; value: unknown } | { kind: 'not-json' } | { kind: 'too-large' };

function readBody(req: http.IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_MAX) return req.destroy();
      if (size <= BODY_MAX) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      ended = true;
      if (size > BODY_MAX) return resolve({ kind: 'too-large' });
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ kind: 'json', value: text ? JSON.parse(text) : {} });
      } catch {
        resolve({ kind: 'not-json' });
      }
    });
    req.on('error', reject);
    req.on('close', () => ended || reject(new Error('The request body was cut off.')));
  });
}

/** What the harness answers a body too large to read: the app's own answer to a too-long paste
 * (the same code, words and field), since only a paste can make a body this large and Electron
 * would hand it to the dispatcher, whose schema says exactly this. */
const TOO_LARGE = JSON.stringify({ ok: false, error: { code: 'invalid-input', message: SECRET_TOO_LONG, fields: { secret: SECRET_TOO_LONG } } });

/** The request's path and query, or null when it is not one we can serve: not origin-form (an
 * absolute URL, `*`), or its path does not decode (`/%`, `/%E0%A4%A`) or decodes to a NUL. */
function parseTarget(raw: string | undefined): { url: URL; decoded: string } | null {
  if (!raw || !raw.startsWith('/')) return null;
  let url: URL;
  let decoded: string;
  try {
    // Prefixed rather than resolved against a base: '//evil.example/x' is a path here, not a host.
    url = new URL(`http://127.0.0.1${raw}`);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  return { url, decoded };
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const host = req.headers.host ?? '';
  // DNS-rebinding guard: only our own loopback origin may talk to us.
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return send(res, 403, 'text/plain', 'Forbidden host');
  const target = parseTarget(req.url);
  if (!target) return send(res, 400, 'text/plain', 'Bad request');
  const { url, decoded } = target;

  if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
    if (!tokenOk(req.headers['x-synvault-token'] as string | undefined)) return send(res, 403, 'application/json', '{"ok":false,"error":{"code":"forbidden","message":"Bad harness token."}}');
    const body = await readBody(req);
    if (body.kind === 'too-large') return send(res, 413, 'application/json; charset=utf-8', TOO_LARGE);
    // The bridge always sends JSON (and Electron's IPC carries values, not text): only another
    // client gets here.
    if (body.kind === 'not-json') return send(res, 400, 'application/json', '{"ok":false,"error":{"code":"invalid-input","message":"The request body is not JSON."}}');
    const method = url.pathname.slice('/api/'.length);
    if (config.testClipboard) calls.push(method);
    const started = { method, at: Date.now() };
    running.add(started);
    let result: unknown;
    try {
      result = await live.dispatch(method, body.value);
    } finally {
      running.delete(started);
      const ms = Date.now() - started.at;
      if (ms >= SLOW_CALL_MS) console.log(`Synvault harness: ${method} took ${(ms / 1000).toFixed(1)} s`);
    }
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  if (req.method === 'GET' && url.pathname === '/api/events') {
    // EventSource cannot send headers, so the token comes in the query, as for the page itself.
    if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'text/plain', 'Bad harness token.');
    return streamEvents(req, res);
  }

  if (url.pathname === '/__test__/calls' && (req.method === 'GET' || req.method === 'DELETE')) {
    if (!config.testClipboard || !tokenOk(url.searchParams.get('token'))) return send(res, 404, 'text/plain', 'Not found');
    if (req.method === 'DELETE') calls.length = 0;
    return send(res, 200, 'application/json', JSON.stringify({ calls }));
  }

  if (req.method === 'GET' && url.pathname === '/__test__/clipboard') {
    if (!config.testClipboard || !tokenOk(url.searchParams.get('token'))) return send(res, 404, 'text/plain', 'Not found');
    return send(res, 200, 'application/json', JSON.stringify({ text: clipboard.peek() }));
  }

  if (req.method === 'GET' && url.pathname === '/__test__/opened') {
    if (!config.testClipboard || !tokenOk(url.searchParams.get('token'))) return send(res, 404, 'text/plain', 'Not found');
    return send(res, 200, 'application/json', JSON.stringify({ urls: opened, folders }));
  }

  if (req.method === 'PUT' && url.pathname === '/__test__/keychain') {
    if (!config.testClipboard || !tokenOk(url.searchParams.get('token'))) return send(res, 404, 'text/plain', 'Not found');
    refuseWrites = url.searchParams.get('refuse-writes') === '1';
    return send(res, 200, 'application/json', JSON.stringify({ refuseWrites }));
  }

  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed');

  if (url.pathname === '/' || url.pathname === '/index.html') {
    if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'text/plain', 'Open the URL the harness printed (it carries a per-launch token).');
    const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
    // The bridge must define window.synvault before the app's module runs: a module script before
    // the app's runs first (modules run in document order) and, unlike a classic script, does
    // not stop the page's parser while it is fetched, so both are fetched at once.
    const withBridge = html.replace('<head>', '<head>\n    <script type="module" src="/__harness__/bridge.js"></script>');
    return send(res, 200, TYPES['.html']!, withBridge);
  }
  if (url.pathname === '/__harness__/bridge.js') {
    return send(res, 200, TYPES['.js']!, fs.readFileSync(path.join(distDir, 'harness-bridge.js')));
  }
  const file = path.normalize(path.join(rendererDir, decoded));
  if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'text/plain', 'Not found');
  return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
}

/** One page's event stream: `event: <name>` and `data: <payload JSON>` per contract event, and a
 * comment every 15 s so no proxy or idle timer closes a quiet stream. */
function streamEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  res.write(': synvault events\n\n');
  const off = live.on((event) => res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`));
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  const end = () => {
    clearInterval(ping);
    off();
  };
  req.on('close', end);
  res.on('error', end);
}

// Nothing a client sends may end the harness: a handler that throws answers 500 with a generic
// body (never the input, which may be anything), and requests Node's parser rejects (a NUL in
// the path, an oversized header) get a plain 400/431 instead of whatever default applies.
const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error(`Synvault harness: a request failed (${err instanceof Error ? err.name : typeof err}).`);
    try {
      if (res.headersSent) res.destroy();
      else send(res, 500, 'text/plain', 'Internal error');
    } catch {
      res.destroy();
    }
  });
});
server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
  if (!socket.writable) return socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad request`);
});

server.listen(port, '127.0.0.1', () => {
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  console.log(`Synvault harness: http://127.0.0.1:${actual}/?token=${secretToken}`);
  console.log(`  data dir ${config.dataDir}, keychain service "${config.keychainService}"${config.testClipboard ? ', test clipboard on' : ''}`);
});

const stop = () => {
  for (const c of running) console.log(`Synvault harness: ${c.method} still running at stop, after ${((Date.now() - c.at) / 1000).toFixed(1)} s`);
  void core.vault
    .clearClipboardIfOurs()
    .catch(() => false)
    .finally(() => {
      live.close();
      server.closeAllConnections();
      server.close();
      process.exit(0);
    });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
