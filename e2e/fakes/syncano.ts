// @process: test
// A fake Syncano API v1.1 on 127.0.0.1, faithful to reference/syncano.md: the paths, the
// X-API-KEY header, {"detail"} and field errors, 403 "No such API Key." for unknown keys, 404 for
// unknown instances, cursor paging through `next` (at most 100 per page), and a 429 a test can
// trigger. State is in memory and open to the test so it can seed and inspect.
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

export interface FakeSyncanoOptions {
  /** Objects per list page (the real server's ceiling is 100). */
  pageSize?: number;
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
  /** When set, the next list page link is absolute (http://127.0.0.1:port/...) instead of a path. */
  absoluteNext = false;
  private server: http.Server;
  private nextAccountId = 1;
  private nextKeyId = 1;
  private clockMs = Date.parse('2026-01-05T09:30:00.000Z');
  url = '';

  constructor(private readonly opts: FakeSyncanoOptions = {}) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.send(res, 500, { detail: 'Internal server error.' });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
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
    const inst: FakeInstance = { name, description, ownerId: owner.id, created_at: this.stamp() };
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

  private page<T>(res: http.ServerResponse, url: URL, items: T[], keyOf: (t: T) => number | string, render: (t: T) => unknown) {
    const size = Math.min(this.opts.pageSize ?? 100, 100);
    const after = url.searchParams.get('last_pk');
    let start = 0;
    if (after !== null) {
      const i = items.findIndex((t) => String(keyOf(t)) === after);
      start = i < 0 ? items.length : i + 1;
    }
    const slice = items.slice(start, start + size);
    let next: string | null = null;
    if (start + size < items.length) {
      const path = `${url.pathname}?direction=1&last_pk=${encodeURIComponent(String(keyOf(slice[slice.length - 1]!)))}`;
      if (this.foreignNextOrigin) next = `${this.foreignNextOrigin}${path}`;
      else next = this.absoluteNext ? `${this.url}${path}` : path;
    }
    const prev = start > 0 ? `${url.pathname}?direction=0&last_pk=${encodeURIComponent(String(keyOf(items[start]!)))}` : null;
    this.send(res, 200, { objects: slice.map(render), next, prev });
  }

  private accountView(a: FakeAccount) {
    return { id: a.id, email: a.email, first_name: a.first_name, last_name: a.last_name, is_active: true, has_password: true, metadata: {} };
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
      links: { self: `/v1.1/instances/${i.name}/` },
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
      links: { self: `/v1.1/instances/${k.instance}/api_keys/${k.id}/`, reset_key: `/v1.1/instances/${k.instance}/api_keys/${k.id}/reset_key/` },
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
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const key = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null;
    this.requests.push({ method, path: url.pathname + url.search, keyed: key !== null });

    if (this.throttle > 0) {
      this.throttle--;
      return this.send(res, 429, { detail: 'Request was throttled. Expected available in 7 seconds.' }, { 'retry-after': '7' });
    }

    const p = url.pathname;
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

    // Everything else needs a key.
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
      return this.page(res, url, visible, (v) => v.i.name, (v) => this.instanceView(v.i, v.role));
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
        return this.page(res, url, visible, (k) => k.id, (k) => this.keyView(k));
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
