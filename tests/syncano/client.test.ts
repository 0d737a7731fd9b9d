// @process: test
// The Syncano HTTP client against the fake server: the three sign-in errors, paging past 100
// objects through the platform's root-relative `next` links (also under a self-hosted path prefix,
// with and without the prefix in the links), a `next` to another origin refused before the key is
// sent there, keys in upper case, 403/404/429 and a refused connection each with its own message.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VaultError } from '../../electron/shared/errors';
import { SyncanoClient } from '../../electron/core/services/syncano/client';
import { FakeSyncano, startFakeSyncano, type FakeAccount } from '../../e2e/fakes/syncano';

async function failure(p: Promise<unknown>): Promise<VaultError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof VaultError, 'a VaultError');
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('Syncano client', () => {
  let fake: FakeSyncano;
  let admin: FakeAccount;
  let client: SyncanoClient;

  before(async () => {
    fake = await startFakeSyncano();
    admin = fake.addAccount({ email: 'terry@example.org', password: 'correct horse', first_name: 'Terry', last_name: 'Crews' });
    fake.addInstance(admin, 'shop-prod');
    for (let i = 0; i < 230; i++) fake.addApiKey('shop-prod', { description: `key ${i}` });
    for (let i = 0; i < 105; i++) fake.addInstance(admin, `inst-${String(i).padStart(3, '0')}`);
    client = new SyncanoClient(fake.url);
  });
  after(() => fake.close());

  it('signs in and returns the account key without sending any key', async () => {
    const a = await client.signIn('terry@example.org', 'correct horse');
    assert.equal(a.email, 'terry@example.org');
    assert.ok(a.account_key === admin.account_key, 'the account key of that admin');
    const req = fake.requests.at(-1)!;
    assert.equal(req.path, '/v1.1/account/auth/');
    assert.equal(req.keyed, false);
  });

  it('gives a wrong password, an unknown e-mail and a missing field each their own message', async () => {
    const wrong = await failure(client.signIn('terry@example.org', 'nope'));
    assert.equal(wrong.code, 'unauthorized');
    assert.equal(wrong.message, 'Syncano: Invalid password.');
    const unknown = await failure(client.signIn('nobody@example.org', 'x'));
    assert.equal(unknown.code, 'unauthorized');
    assert.equal(unknown.message, 'Syncano: Invalid email.');
    const missing = await failure(client.signIn('', 'x'));
    assert.equal(missing.code, 'invalid-input');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.fields, { email: 'This field is required.' });
    assert.match(missing.message, /E-mail: This field is required\./);
    assert.ok(!missing.message.includes('x"'));
  });

  it('follows root-relative `next` links past 100 API keys, in id order', async () => {
    const before = fake.requests.length;
    const keys = await client.apiKeys(admin.account_key, 'shop-prod');
    assert.equal(keys.length, 230);
    const ids = keys.map((k) => k.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ascending ids, none twice');
    assert.equal(new Set(ids).size, 230);
    const pages = fake.requests.slice(before);
    assert.deepEqual(
      pages.map((r) => r.path),
      [
        '/v1.1/instances/shop-prod/api_keys/',
        `/v1.1/instances/shop-prod/api_keys/?direction=1&last_pk=${ids[99]}`,
        `/v1.1/instances/shop-prod/api_keys/?direction=1&last_pk=${ids[199]}`,
      ],
    );
    assert.ok(pages.every((r) => r.keyed));
  });

  it('the fake pages as the platform does: 100 a page, root-relative next/prev, an empty last page after a full one', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${fake.url}${path}`, { headers: { 'x-api-key': admin.account_key } });
      return { status: res.status, body: (await res.json()) as { objects: Array<{ id: number }>; next: string | null; prev: string | null; detail?: string } };
    };
    const first = await get('/v1.1/instances/shop-prod/api_keys/');
    assert.equal(first.body.objects.length, 100);
    assert.equal(first.body.prev, null);
    const lastId = first.body.objects[99]!.id;
    assert.equal(first.body.next, `/v1.1/instances/shop-prod/api_keys/?direction=1&last_pk=${lastId}`);
    const second = await get(first.body.next!);
    assert.equal(second.body.objects[0]!.id, lastId + 1);
    assert.equal(second.body.prev, `/v1.1/instances/shop-prod/api_keys/?direction=0&last_pk=${lastId + 1}`);
    // page_size is carried into the links, and capped at 100 in v1.1.
    const small = await get('/v1.1/instances/shop-prod/api_keys/?page_size=7');
    assert.equal(small.body.objects.length, 7);
    assert.match(small.body.next!, /^\/v1\.1\/instances\/shop-prod\/api_keys\/\?page_size=7&direction=1&last_pk=\d+$/);
    assert.equal((await get('/v1.1/instances/shop-prod/api_keys/?page_size=500')).body.objects.length, 100);
    const bad = await get('/v1.1/instances/shop-prod/api_keys/?direction=2');
    assert.deepEqual([bad.status, bad.body.detail], [400, 'Incorrect page parameter provided.']);

    // Exactly 100 objects: the full page still has a next, which is empty and ends the list.
    const other = await startFakeSyncano();
    try {
      const owner = other.addAccount({ email: 'hundred@example.org', password: 'pw' });
      other.addInstance(owner, 'hundred');
      for (let i = 0; i < 100; i++) other.addApiKey('hundred');
      const keys = await new SyncanoClient(other.url).apiKeys(owner.account_key, 'hundred');
      assert.equal(keys.length, 100);
      assert.equal(other.requests.length, 2, 'the first page and the empty one');
    } finally {
      await other.close();
    }
  });

  it('follows absolute `next` links on the same origin', async () => {
    fake.absoluteNext = true;
    try {
      const list = await client.instances(admin.account_key);
      assert.equal(list.length, 106);
    } finally {
      fake.absoluteNext = false;
    }
  });

  for (const prefixInLinks of [false, true]) {
    it(`keeps a self-hosted base path when following \`next\` (${prefixInLinks ? 'the server sees the prefix' : 'a proxy strips the prefix'})`, async () => {
      const hosted = await startFakeSyncano({ prefix: '/tools/syncano', prefixInLinks });
      try {
        const owner = hosted.addAccount({ email: 'self@example.org', password: 'pw' });
        hosted.addInstance(owner, 'on-prem');
        for (let i = 0; i < 150; i++) hosted.addApiKey('on-prem');
        for (let i = 0; i < 120; i++) hosted.addInstance(owner, `site-${String(i).padStart(3, '0')}`);
        assert.match(hosted.url, /^http:\/\/127\.0\.0\.1:\d+\/tools\/syncano$/);
        const c = new SyncanoClient(`${hosted.url}/`);
        assert.equal((await c.apiKeys(owner.account_key, 'on-prem')).length, 150);
        assert.equal((await c.instances(owner.account_key)).length, 121);
        assert.equal(hosted.requests.length, 4);
        for (const r of hosted.requests) assert.match(r.path, /^\/tools\/syncano\/v1\.1\/[^]*$/, 'every page under the prefix, never doubled');
        assert.ok(hosted.requests.every((r) => !r.path.includes('/tools/syncano/tools/')));
        // The proxy's own 404 outside the prefix is what a dropped prefix would have met.
        const outside = await fetch(`${hosted.origin}/v1.1/account/`, { headers: { 'x-api-key': owner.account_key } });
        assert.equal(outside.status, 404);
      } finally {
        await hosted.close();
      }
    });
  }

  it('sends a key pasted in upper case as Syncano issued it; the server itself matches exact lower case', async () => {
    const upper = admin.account_key.toUpperCase();
    const raw = await fetch(`${fake.url}/v1.1/account/`, { headers: { 'x-api-key': upper } });
    assert.equal(raw.status, 403);
    assert.deepEqual(await raw.json(), { detail: 'No such API Key.' });
    const me = await client.account(upper);
    assert.equal(me.email, 'terry@example.org');
  });

  it('refuses a `next` link to another origin and sends that host nothing', async () => {
    let hits = 0;
    const other = http.createServer((_req, res) => {
      hits++;
      res.end('{"objects":[],"next":null}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    fake.foreignNextOrigin = `http://localhost:${(other.address() as AddressInfo).port}`;
    try {
      const err = await failure(client.apiKeys(admin.account_key, 'shop-prod'));
      assert.equal(err.code, 'service');
      assert.match(err.message, /another site \(localhost:\d+\).*rather than send your key there/);
      assert.equal(hits, 0);
    } finally {
      fake.foreignNextOrigin = null;
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('reports an unknown key as 403 "No such API Key." and an unknown instance as 404', async () => {
    const bad = await failure(client.account('0'.repeat(39) + '2'));
    assert.equal(bad.code, 'forbidden');
    assert.equal(bad.status, 403);
    assert.equal(bad.message, 'Syncano: No such API Key.');
    const missing = await failure(client.apiKeys(admin.account_key, 'no-such-instance'));
    assert.equal(missing.status, 404);
    assert.equal(missing.message, 'Syncano: Instance was not found.');
  });

  it('refuses an instance key that tries to manage keys (403) but lets it see itself', async () => {
    const own = fake.addApiKey('shop-prod', { description: 'app' });
    const seen = await client.apiKeys(own.api_key, 'shop-prod');
    assert.deepEqual(seen.map((k) => k.id), [own.id]);
    const denied = await failure(client.createApiKey(own.api_key, 'shop-prod', { description: 'more' }));
    assert.equal(denied.code, 'forbidden');
    assert.match(denied.message, /permission/);
    const del = await failure(client.deleteApiKey(own.api_key, 'shop-prod', own.id));
    assert.equal(del.status, 403);
    assert.ok(fake.findApiKey(own.id), 'still there');
  });

  it('explains a 429 with the server detail', async () => {
    fake.throttle = 1;
    const err = await failure(client.account(admin.account_key));
    assert.equal(err.status, 429);
    assert.match(err.message, /limiting requests \(429\): Request was throttled\. Expected available in 7 seconds\. Wait a little/);
  });

  it('creates, patches, resets and deletes a key', async () => {
    const k = await client.createApiKey(admin.account_key, 'shop-prod', { description: 'ci', allow_user_create: true });
    assert.equal(k.allow_user_create, true);
    assert.equal(k.ignore_acl, false);
    assert.match(k.api_key, /^[0-9a-f]{39}[13579bdf]$/);
    const p = await client.updateApiKey(admin.account_key, 'shop-prod', k.id, { description: 'ci runner', allow_user_create: false });
    assert.equal(p.description, 'ci runner');
    assert.equal(p.allow_user_create, false);
    const r = await client.resetApiKey(admin.account_key, 'shop-prod', k.id);
    assert.ok(r.api_key !== k.api_key, 'a new value');
    await client.deleteApiKey(admin.account_key, 'shop-prod', k.id);
    assert.equal(fake.findApiKey(k.id), undefined);
    const gone = await failure(client.deleteApiKey(admin.account_key, 'shop-prod', k.id));
    assert.equal(gone.status, 404);
  });

  it('names the host and what to check when the connection is refused', async () => {
    const dead = await startFakeSyncano();
    const url = dead.url;
    await dead.close();
    const err = await failure(new SyncanoClient(url).account(admin.account_key));
    assert.equal(err.code, 'network');
    assert.ok(err.message.includes(new URL(url).host), 'names the host');
    assert.match(err.message, /connection refused/);
    assert.ok(!err.message.includes(admin.account_key));
  });
});
