// @process: main
// The app is served from app://synvault/ rather than file://: under file:// every file on the
// disk would share the vault window's origin. The sender check (ipc.ts), the navigation guard
// (window.ts) and the CSP header all key on this one origin.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'synvault';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must be registered before the app is ready; `standard` gives the scheme a real origin for
 * 'self' in the CSP and for ES modules, `secure` makes it a secure context like https. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file under rendererDir that an app:// URL names, or null for anything outside it. */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const rel = pathname.replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Headers of every app response: the strict CSP is sent by the protocol itself, so it holds
 * even where webRequest hooks do not see custom-scheme responses. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

type ReadFile = (file: string) => Promise<Uint8Array>;

/** The handler for protocol.handle('app', ...). */
export function appProtocolHandler(rendererDir: string, readFile: ReadFile = (f) => fs.readFile(f)) {
  return async (request: Request): Promise<Response> => {
    const file = request.method === 'GET' ? resolveAppFile(rendererDir, request.url) : null;
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
  };
}
