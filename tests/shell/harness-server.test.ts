// @process: test
// The browser harness (dist/harness.js, as `npm run build` makes it) survives whatever a client
// sends. Requests go over a raw socket so no client library tidies the path first; each bad one
// gets a plain 4xx that does not echo it, and the harness still serves the window afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { startHarness, type Harness } from '../../e2e/support/harness';
import { createDispatch } from '../../electron/core/handlers';
import type { Handlers } from '../../electron/shared/contract';
import { SECRET_TOO_LONG } from '../../electron/shared/services/define';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.stop());

/** Sends `head` (and optional body bytes) as-is and returns the status code and body. */
function raw(head: string, opts: { body?: string; endEarly?: boolean } = {}): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(harness.origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(Buffer.from(head + (opts.body ?? ''), 'latin1'));
      if (opts.endEarly) socket.end();
    });
    let got = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (d) => (got += d.toString('latin1')));
    socket.on('error', (err) => (got ? resolve(parse(got)) : reject(err)));
    socket.on('close', () => resolve(parse(got)));
  });
}

function parse(text: string): { status: number; text: string } {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return { status: m ? Number(m[1]) : 0, text };
}

const get = (target: string, host = '127.0.0.1') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

async function stillServes() {
  const res = await fetch(harness.url);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<title>Synvault<\/title>/);
}

test('malformed paths are answered 400, without echoing them', async () => {
  for (const target of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/a%00b', 'http://evil.example/', '*']) {
    const r = await raw(get(target));
    assert.equal(r.status, 400, target);
    const body = r.text.slice(r.text.indexOf('\r\n\r\n') + 4);
    assert.match(body, /Bad request/, target);
    assert.ok(!body.includes(target) && !body.includes('evil'), `${target} is echoed`);
    await stillServes();
  }
});

test('a foreign Host is refused before the path is looked at, even for //', async () => {
  for (const target of ['//', '//evil.example/x', '/%E0%A4%A']) {
    const r = await raw(get(target, 'evil.example'));
    assert.equal(r.status, 403, target);
    assert.ok(!r.text.slice(r.text.indexOf('\r\n\r\n')).includes('evil.example'), 'the host is not echoed');
  }
  // From our own origin, // is an ordinary (missing) path, not another host.
  assert.equal((await raw(get('//evil.example/index.html'))).status, 404);
  await stillServes();
});

test("requests Node's HTTP parser rejects: a NUL in the path, an oversized header, garbage", async () => {
  assert.equal((await raw('GET /a\0b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).status, 400);
  assert.equal((await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ${'a'.repeat(64 * 1024)}\r\n\r\n`)).status, 431);
  assert.equal((await raw('\x16\x03\x01 not http at all\r\n\r\n')).status, 400);
  await stillServes();
});

test('a request body cut off half-way, and a body that is not JSON, leave the harness running', async () => {
  const token = new URL(harness.url).searchParams.get('token')!;
  const post = (length: number) =>
    `POST /api/listTokens HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Synvault-Token: ${token}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
  await raw(post(100), { body: '{"a":', endEarly: true });
  const notJson = await raw(post(5), { body: '{"a":' });
  assert.equal(notJson.status, 400);
  await stillServes();
  assert.match(harness.output(), /Synvault harness: http/);
});

test('a 1 MB paste gets the answer Electron’s IPC gets from the dispatcher; a body too large to read gets the same code and words', async () => {
  const token = new URL(harness.url).searchParams.get('token')!;
  const post = (body: string) =>
    fetch(`${harness.origin}/api/addToken`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-synvault-token': token }, body });
  const paste = { service: 'synapse', label: 'Huge paste', secret: 'e'.repeat(1024 * 1024) };
  // In Electron the payload goes straight to the dispatcher, whose schema answers before any
  // handler runs (so none is needed here).
  const direct = await createDispatch({} as Handlers)('addToken', paste);
  assert.deepEqual(direct, { ok: false, error: { code: 'invalid-input', message: SECRET_TOO_LONG, fields: { secret: SECRET_TOO_LONG } } });

  const res = await post(JSON.stringify(paste));
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), direct);

  const huge = await post(JSON.stringify({ ...paste, secret: 'e'.repeat(17 * 1024 * 1024) }));
  assert.equal(huge.status, 413);
  assert.deepEqual(await huge.json(), direct);
  await stillServes();
});
