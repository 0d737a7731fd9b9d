// @process: test
// A fake Syncano API v1.1 on 127.0.0.1 that answers as the platform's server source does
// (docs/services/syncano.md): the paths, the X-API-KEY header, {"detail"} and field errors, 403
// "No such API Key." for an unknown key — matched by its exact value, so an upper-cased paste of a
// real key is unknown too — 404 for unknown instances, and the platform's cursor paging: ordered
// by id, 100 per page (a smaller `page_size` may be asked for), `next`/`prev` built from the
// request path as the application sees it. It can sit under a path prefix, as a self-hosted
// deployment behind a reverse proxy does. State is in memory and open to the test.
import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeAccount {
  id: number;
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  account_key: string;
}

export interface FakeInstance {
  /** The primary key the server pages by; not part of the instance's JSON. */
  id: number;
  name: string;
  description: string;
  ownerId: number;
  created_at: string;
}

export interface FakeApiKey {
  id: number;
  instance: string;
  description: string;
  api_key: string;
  ignore_acl: boolean;
  allow_user_create: boolean;
  allow_group_create: boolean;
  allow_anonymous_read: boolean;
  created_at: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  /** Whether an X-API-KEY header was sent (never its value). */
  keyed: boolean;
}

const FLAGS = ['ignore_acl', 'allow_user_create', 'allow_group_create', 'allow_anonymous_read'] as const;

/** 40 hex characters; the last digit's parity tells the kind (even = account key, odd = API key). */
export function syncanoKey(kind: 'account' | 'api'): string {
  const body = randomBytes(20).toString('hex').slice(0, 39);
  const evens = '02468ace';
  const odds = '13579bdf';
  const pool = kind === 'account' ? evens : odds;
  return body + pool[randomBytes(1)[0]! % pool.length];
}

/** The platform's page size in API v1.1: `PAGE_SIZE` 100, and v1/v1.1 cap `page_size` at it. */
export const SYNCANO_PAGE_SIZE = 100;

export interface FakeSyncanoOptions {
  /** Where the API is mounted, e.g. "/syncano": a reverse proxy passes /syncano/v1.1/... on as
   * /v1.1/..., and anything outside the prefix is the proxy's own 404. */
  prefix?: string;
  /** Whether the application sees the prefix (the proxy sets SCRIPT_NAME, so Django's
   * request.path — from which `next` is built — includes it). The platform's own nginx/uwsgi
   * configuration sets none, so by default the links lack the prefix. */
  prefixInLinks?: boolean;
}

export class FakeSyncano {
  readonly accounts: FakeAccount[] = [];
  readonly instances: FakeInstance[] = [];
  readonly apiKeys: FakeApiKey[] = [];
  readonly requests: FakeRequest[] = [];
  /** The next N requests get 429. */
  throttle = 0;
  /** When set, list pages point `next` at this origin instead of our own (to test that a client refuses). */
  foreignNextOrigin: string | null = null;
  /** Not what the platform does (its links are paths): when set, `next` is an absolute URL on this
   * origin, for a test that a client still follows one. */
  absoluteNext = false;
  private server: http.Server;
  private nextAccountId = 1;
  private nextInstanceId = 1;
  private nextKeyId = 1;
  private readonly prefix: string;
  /** http://127.0.0.1:port, without the prefix. */
  origin = '';
  private clockMs = Date.parse('2026-01-05T09:30:00.000Z');
  url = '';

  constructor(private readonly opts: FakeSyncanoOptions = {}) {
    this.prefix = (opts.prefix ?? '').replace(/\/+$/, '');
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.send(res, 500, { detail: 'Internal server error.' });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // The address a person would type in Settings: the origin plus the prefix.
    this.url = this.origin + this.prefix;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private stamp(): string {
    this.clockMs += 61_000;
    return new Date(this.clockMs).toISOString().replace('Z', '536Z');
  }

  addAccount(a: { email: string; password: string; first_name?: string; last_name?: string; account_key?: string }): FakeAccount {
    const acc: FakeAccount = {
      id: this.nextAccountId++,
      email: a.email,
      password: a.password,
      first_name: a.first_name ?? '',
      last_name: a.last_name ?? '',
      account_key: a.account_key ?? syncanoKey('account'),
    };
    this.accounts.push(acc);
    return acc;
  }

  addInstance(owner: FakeAccount, name: string, description = ''): FakeInstance {
    const inst: FakeInstance = { id: this.nextInstanceId++, name, description, ownerId: owner.id, created_at: this.stamp() };
    this.instances.push(inst);
    return inst;
  }

  addApiKey(instance: string, fields: Partial<Omit<FakeApiKey, 'id' | 'instance' | 'created_at'>> = {}): FakeApiKey {
    const k: FakeApiKey = {
      id: this.nextKeyId++,
      instance,
      description: fields.description ?? '',
      api_key: fields.api_key ?? syncanoKey('api'),
      ignore_acl: fields.ignore_acl ?? false,
      allow_user_create: fields.allow_user_create ?? false,
      allow_group_create: fields.allow_group_create ?? false,
      allow_anonymous_read: fields.allow_anonymous_read ?? false,
      created_at: this.stamp(),
    };
    this.apiKeys.push(k);
    return k;
  }

  findApiKey(id: number): FakeApiKey | undefined {
    return this.apiKeys.find((k) => k.id === id);
  }

  private send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (status === 204 || body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private async body(req: http.IncomingMessage): Promise<Record<string, unknown> | null> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    try {
      const v = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    } catch {
      return null;
    }
  }

  /** apps/core/pagination.py StandardPagination, for v1.1: ordered by pk (ascending unless
   * `ordering=desc`), `direction` 1 = after / 0 = before `last_pk`, and links that carry
   * `page_size` and `ordering` from the request, then the cursor. `next` is given whenever the page
   * is full, so a list of exactly 100 ends with an empty page; `prev` is null on the first page. */
  private page<T>(res: http.ServerResponse, url: URL, appPath: string, items: T[], pkOf: (t: T) => number, render: (t: T) => unknown) {
    const bad = () => this.send(res, 400, { detail: 'Incorrect page parameter provided.' });
    const q = url.searchParams;
    let size = SYNCANO_PAGE_SIZE;
    const asked = q.get('page_size');
    if (asked !== null) {
      // DRF's _positive_int with cutoff: a non-negative integer, capped at the page size.
      if (!/^\d+$/.test(asked.trim())) return bad();
      size = Math.min(Number(asked), SYNCANO_PAGE_SIZE);
    }
    const orderingParam = q.get('ordering')?.toLowerCase();
    const asc = orderingParam !== 'desc';
    const dirParam = q.get('direction');
    let direction: 0 | 1 | null = null;
    if (dirParam !== null) {
      if (dirParam !== '0' && dirParam !== '1') return bad();
      direction = dirParam === '1' ? 1 : 0;
    }
    const pkParam = q.get('last_pk');
    let lastPk: number | null = null;
    if (pkParam !== null) {
      if (!/^-?\d+$/.test(pkParam)) return bad();
      lastPk = Number(pkParam);
    }

    let list = [...items].sort((a, b) => (asc ? pkOf(a) - pkOf(b) : pkOf(b) - pkOf(a)));
    let reverse = false;
    if (direction !== null) {
      const forward = asc ? direction === 1 : direction !== 1;
      if (lastPk !== null) list = list.filter((t) => (forward ? pkOf(t) > lastPk! : pkOf(t) < lastPk!));
      if (asc !== forward) {
        reverse = true;
        list.reverse();
      }
    }
    let objects = list.slice(0, size);
    const hasMore = size > 0 && objects.length >= size;
    let hasNext: boolean | null = null;
    let hasPrev: boolean | null = null;
    if (reverse) {
      hasPrev = hasMore;
      objects = [...objects].reverse();
    } else hasNext = hasMore;

    type Cursor = { direction: 0 | 1 | null; lastPk: number | null };
    let nextCursor: Cursor | null = null;
    if (hasNext !== false) {
      if (objects.length && objects.length === size) nextCursor = { direction: 1, lastPk: pkOf(objects[objects.length - 1]!) };
      else if (direction === 0) nextCursor = { direction: null, lastPk: null };
    }
    let prevCursor: Cursor | null = null;
    if (direction !== null && hasPrev !== false) {
      if (!objects.length) {
        if (direction === 1) prevCursor = { direction: 0, lastPk: null };
      } else if (objects.length === size || direction === 1) prevCursor = { direction: 0, lastPk: pkOf(objects[0]!) };
    }
    const link = (c: Cursor | null): string | null => {
      if (!c) return null;
      const params: string[] = [];
      for (const name of ['page_size', 'ordering']) {
        const v = q.get(name);
        if (v !== null) params.push(`${name}=${encodeURIComponent(v)}`);
      }
      if (c.direction !== null) params.push(`direction=${c.direction}`);
      if (c.lastPk !== null) params.push(`last_pk=${c.lastPk}`);
      const path = params.length ? `${appPath}?${params.join('&')}` : appPath;
      if (this.foreignNextOrigin) return `${this.foreignNextOrigin}${path}`;
      return this.absoluteNext ? `${this.origin}${path}` : path;
    };
    this.send(res, 200, { objects: objects.map(render), next: link(nextCursor), prev: link(prevCursor) });
  }

  private accountView(a: FakeAccount) {
    return { id: a.id, email: a.email, first_name: a.first_name, last_name: a.last_name, is_active: true, has_password: true, metadata: {} };
  }

  /** Links in objects come from Django's reverse(), which includes the prefix only when the
   * application sees it. */
  private get linkBase(): string {
    return this.opts.prefixInLinks ? this.prefix : '';
  }

  private instanceView(i: FakeInstance, role: string) {
    return {
      name: i.name,
      description: i.description,
      owner: { id: i.ownerId },
      created_at: i.created_at,
      updated_at: i.created_at,
      role,
      location: 'us1',
      metadata: {},
      links: { self: `${this.linkBase}/v1.1/instances/${i.name}/` },
    };
  }

  private keyView(k: FakeApiKey) {
    return {
      id: k.id,
      description: k.description,
      api_key: k.api_key,
      ignore_acl: k.ignore_acl,
      allow_user_create: k.allow_user_create,
      allow_group_create: k.allow_group_create,
      allow_anonymous_read: k.allow_anonymous_read,
      created_at: k.created_at,
      links: {
        self: `${this.linkBase}/v1.1/instances/${k.instance}/api_keys/${k.id}/`,
        reset_key: `${this.linkBase}/v1.1/instances/${k.instance}/api_keys/${k.id}/reset_key/`,
      },
    };
  }

  /** Validates description and flags the way the server's serializer would. */
  private keyFields(body: Record<string, unknown>): { ok: Partial<Omit<FakeApiKey, 'api_key'>> } | { errors: Record<string, string[]> } {
    const errors: Record<string, string[]> = {};
    const ok: Partial<Omit<FakeApiKey, 'api_key'>> = {};
    if ('description' in body) {
      if (typeof body.description !== 'string') errors.description = ['Not a valid string.'];
      else ok.description = body.description;
    }
    for (const f of FLAGS) {
      if (!(f in body)) continue;
      if (typeof body[f] !== 'boolean') errors[f] = ['Must be a valid boolean.'];
      else ok[f] = body[f] as boolean;
    }
    return Object.keys(errors).length ? { errors } : { ok };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    const key = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null;
    this.requests.push({ method, path: url.pathname + url.search, keyed: key !== null });

    // Outside the prefix the reverse proxy answers itself (nginx's HTML 404), not Syncano.
    if (this.prefix && url.pathname !== this.prefix && !url.pathname.startsWith(`${this.prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center></body></html>');
      return;
    }
    /** The path the application routes on, and the one it builds links from (request.path). */
    const p = this.prefix ? url.pathname.slice(this.prefix.length) || '/' : url.pathname;
    const appPath = this.opts.prefixInLinks ? url.pathname : p;

    if (this.throttle > 0) {
      this.throttle--;
      return this.send(res, 429, { detail: 'Request was throttled. Expected available in 7 seconds.' }, { 'retry-after': '7' });
    }

    if (p === '/v1.1/account/auth/' && method === 'POST') {
      const body = await this.body(req);
      if (body === null) return this.send(res, 400, { detail: 'JSON parse error.' });
      const errors: Record<string, string[]> = {};
      for (const f of ['email', 'password'] as const) {
        if (!(f in body) || body[f] === null) errors[f] = ['This field is required.'];
        else if (body[f] === '') errors[f] = ['This field may not be blank.'];
      }
      if (Object.keys(errors).length) return this.send(res, 400, errors);
      const acc = this.accounts.find((a) => a.email.toLowerCase() === String(body.email).toLowerCase());
      if (!acc) return this.send(res, 401, { detail: 'Invalid email.' });
      if (acc.password !== body.password) return this.send(res, 401, { detail: 'Invalid password.' });
      return this.send(res, 200, { ...this.accountView(acc), account_key: acc.account_key });
    }

    // Everything else needs a key. apps/core/authentication.py checks the format case-insensitively
    // but looks the key up by its exact value (an ORM equality), so only the issued lower case works.
    const account = key ? this.accounts.find((a) => a.account_key === key) : undefined;
    const apiKey = key && !account ? this.apiKeys.find((k) => k.api_key === key) : undefined;
    if (!account && !apiKey) {
      if (!key) return this.send(res, 403, { detail: 'Authentication credentials were not provided.' });
      return this.send(res, 403, { detail: 'No such API Key.' });
    }
    const denied = () => this.send(res, 403, { detail: 'You do not have permission to perform this action.' });

    if (p === '/v1.1/account/' && method === 'GET') {
      if (!account) return denied();
      return this.send(res, 200, this.accountView(account));
    }
    if (p === '/v1.1/account/reset_key/' && method === 'POST') {
      if (!account) return denied();
      account.account_key = syncanoKey('account');
      return this.send(res, 200, { ...this.accountView(account), account_key: account.account_key });
    }
    if (p === '/v1.1/instances/' && method === 'GET') {
      const visible = account
        ? this.instances.filter((i) => i.ownerId === account.id).map((i) => ({ i, role: 'full' }))
        : this.instances.filter((i) => i.name === apiKey!.instance).map((i) => ({ i, role: 'api_key' }));
      return this.page(res, url, appPath, visible, (v) => v.i.id, (v) => this.instanceView(v.i, v.role));
    }

    const m = /^\/v1\.1\/instances\/([^/]+)\/api_keys\/(?:(\d+)\/(reset_key\/)?)?$/.exec(p);
    if (!m) return this.send(res, 404, { detail: 'Not found.' });
    const instName = decodeURIComponent(m[1]!);
    const inst = this.instances.find((i) => i.name === instName && (account ? i.ownerId === account.id : i.name === apiKey!.instance));
    if (!inst) return this.send(res, 404, { detail: 'Instance was not found.' });
    const inInstance = this.apiKeys.filter((k) => k.instance === inst.name);

    if (!m[2]) {
      if (method === 'GET') {
        const visible = account ? inInstance : inInstance.filter((k) => k.id === apiKey!.id);
        return this.page(res, url, appPath, visible, (k) => k.id, (k) => this.keyView(k));
      }
      if (method === 'POST') {
        if (!account) return denied();
        const body = await this.body(req);
        if (body === null) return this.send(res, 400, { detail: 'JSON parse error.' });
        const v = this.keyFields(body);
        if ('errors' in v) return this.send(res, 400, v.errors);
        const k = this.addApiKey(inst.name, v.ok);
        return this.send(res, 201, this.keyView(k));
      }
      return this.send(res, 405, { detail: `Method "${method}" not allowed.` });
    }

    const target = inInstance.find((k) => k.id === Number(m[2]));
    if (!account) {
      // An instance key may read itself; managing keys needs the account key.
      if (method === 'GET' && !m[3] && target && target.id === apiKey!.id) return this.send(res, 200, this.keyView(target));
      return denied();
    }
    if (!target) return this.send(res, 404, { detail: 'Not found.' });
    if (m[3]) {
      if (method !== 'POST') return this.send(res, 405, { detail: `Method "${method}" not allowed.` });
      target.api_key = syncanoKey('api');
      return this.send(res, 200, this.keyView(target));
    }
    if (method === 'GET') return this.send(res, 200, this.keyView(target));
    if (method === 'PATCH' || method === 'PUT') {
      const body = await this.body(req);
      if (body === null) return this.send(res, 400, { detail: 'JSON parse error.' });
      const v = this.keyFields(body);
      if ('errors' in v) return this.send(res, 400, v.errors);
      Object.assign(target, v.ok);
      return this.send(res, 200, this.keyView(target));
    }
    if (method === 'DELETE') {
      this.apiKeys.splice(this.apiKeys.indexOf(target), 1);
      return this.send(res, 204);
    }
    return this.send(res, 405, { detail: `Method "${method}" not allowed.` });
  }
}

export async function startFakeSyncano(opts: FakeSyncanoOptions = {}): Promise<FakeSyncano> {
  return new FakeSyncano(opts).start();
}
