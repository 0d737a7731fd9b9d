// @process: test
// A fake Synapse on 127.0.0.1, faithful to reference/synapse.md: POST /auth/v1/login2 (201 with
// accessToken + acceptsTermsOfUse), personal access tokens (create / list paged newest first /
// get / delete) with the server's rules (authorize stripped, empty scope = all, blank name =
// UUID, unique names, 100-token cap deleting the least recently used, EXPIRED after 180 days
// unused, lastUsed updated at most once a minute), GET /repo/v1/userProfile, Bearer auth, and
// 401 for unknown, revoked or expired tokens. Errors are {"reason": "..."}.
//
// UNCONFIRMED (the reference gives no bodies for these): wrong password → 401; two-factor
// account → 401 with a TwoFactorAuthErrorResponse concreteType; duplicate name → 400. The
// client maps by status and says so. The clock is the test's, so "180 days later" is one call.
import * as http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const DAY = 86_400_000;
export const ALL_SCOPES = ['openid', 'email', 'profile', 'view', 'download', 'modify', 'authorize', 'offline_access'];

export interface FakeUser {
  ownerId: string;
  userName: string;
  password: string;
  acceptsTermsOfUse: boolean;
  twoFactor: boolean;
}

export interface FakePat {
  id: string;
  userId: string;
  scopes: string[];
  name: string;
  createdOn: number;
  lastUsed?: number;
  token: string;
}

export interface FakeSynapseOptions {
  /** The test's clock (FakeClock fits); default real time. */
  clock?: { now(): number };
  /** Records per list page (the real page size is not in the reference). */
  pageSize?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  /** Which kind of bearer was sent (never its value). */
  auth: 'none' | 'session' | 'pat' | 'unknown';
}

export interface FakeSynapse {
  url: string;
  authEndpoint: string;
  repoEndpoint: string;
  users: FakeUser[];
  pats: FakePat[];
  requests: FakeRequest[];
  /** Fake-clock control when no clock was given. */
  advance(ms: number): void;
  now(): number;
  addUser(u: Partial<FakeUser> & { userName: string; password: string }): FakeUser;
  /** Creates a PAT directly (as if made on synapse.org) and returns its value. */
  issuePat(userName: string, name?: string, scopes?: string[]): string;
  /** The next request matching method+path prefix gets this status and reason. */
  failNext(method: string, pathPrefix: string, status: number, reason: string): void;
  close(): Promise<void>;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export async function startFakeSynapse(opts: FakeSynapseOptions = {}): Promise<FakeSynapse> {
  let offset = 0;
  const now = () => (opts.clock ? opts.clock.now() : Date.now()) + offset;
  const pageSize = opts.pageSize ?? 10;
  const users: FakeUser[] = [];
  const pats: FakePat[] = [];
  const sessions = new Map<string, { userId: string; expires: number }>();
  const requests: FakeRequest[] = [];
  const failures: Array<{ method: string; prefix: string; status: number; reason: string }> = [];
  let nextId = 7100;
  let base = '';

  const isExpired = (p: FakePat) => now() - (p.lastUsed ?? p.createdOn) >= 180 * DAY;
  const state = (p: FakePat) => (isExpired(p) ? 'EXPIRED' : 'ACTIVE');
  const record = (p: FakePat) => {
    const r: Record<string, unknown> = {
      id: p.id,
      userId: p.userId,
      scopes: p.scopes,
      userInfoClaims: {},
      name: p.name,
      createdOn: new Date(p.createdOn).toISOString(),
      state: state(p),
    };
    if (p.lastUsed !== undefined) r.lastUsed = new Date(p.lastUsed).toISOString();
    return r;
  };

  function mint(user: FakeUser, name: string, scopes: string[]): string {
    let scope = scopes.length ? scopes : ALL_SCOPES;
    // A PAT never carries authorize.
    scope = scope.filter((s) => s !== 'authorize' && ALL_SCOPES.includes(s));
    const id = String(nextId++);
    const t = now();
    const payload = {
      iss: `${base}/auth/v1`,
      aud: '0',
      nbf: Math.floor(t / 1000),
      iat: Math.floor(t / 1000),
      jti: id,
      sub: user.ownerId,
      token_type: 'PERSONAL_ACCESS_TOKEN',
      access: { scope, oidc_claims: {} },
    };
    const token = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${b64(payload)}.${randomBytes(32).toString('base64url')}`;
    const mine = pats.filter((p) => p.userId === user.ownerId);
    if (mine.length >= 100) {
      // Past the cap the server deletes the least recently used.
      const lru = [...mine].sort((a, b) => (a.lastUsed ?? a.createdOn) - (b.lastUsed ?? b.createdOn))[0]!;
      pats.splice(pats.indexOf(lru), 1);
    }
    pats.push({ id, userId: user.ownerId, scopes: scope, name: name.trim() || randomUUID(), createdOn: t, token });
    return token;
  }

  type Caller = { user: FakeUser; scopes: string[]; kind: 'session' | 'pat' };
  function authenticate(req: http.IncomingMessage): Caller | 'none' | 'bad' {
    const h = req.headers.authorization;
    if (!h) return 'none';
    const m = /^Bearer (.+)$/.exec(h);
    if (!m) return 'bad';
    const value = m[1]!;
    const s = sessions.get(value);
    if (s) {
      if (s.expires <= now()) return 'bad';
      const user = users.find((u) => u.ownerId === s.userId)!;
      return { user, scopes: ALL_SCOPES, kind: 'session' };
    }
    const p = pats.find((x) => x.token === value);
    if (!p || isExpired(p)) return 'bad';
    // lastUsed is updated at most once a minute.
    if (p.lastUsed === undefined || now() - p.lastUsed >= 60_000) p.lastUsed = now();
    return { user: users.find((u) => u.ownerId === p.userId)!, scopes: p.scopes, kind: 'pat' };
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const fail = (status: number, reason: string, extra: Record<string, unknown> = {}) => send(status, { ...extra, reason });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return fail(400, 'Could not parse the request body as JSON.');
    }

    const caller = authenticate(req);
    requests.push({ method, path: url.pathname, auth: caller === 'none' ? 'none' : caller === 'bad' ? 'unknown' : caller.kind });
    const forced = failures.findIndex((f) => f.method === method && url.pathname.startsWith(f.prefix));
    if (forced >= 0) {
      const f = failures.splice(forced, 1)[0]!;
      return fail(f.status, f.reason);
    }

    if (method === 'POST' && url.pathname === '/auth/v1/login2') {
      const user = users.find((u) => u.userName === body.username);
      if (!user || user.password !== body.password) return fail(401, 'The provided username/password combination is incorrect.');
      if (user.twoFactor) {
        return fail(401, 'Two-factor authentication is required.', { concreteType: 'org.sagebionetworks.repo.model.auth.TwoFactorAuthErrorResponse', userId: Number(user.ownerId) });
      }
      const accessToken = `fake-session.${randomBytes(24).toString('base64url')}`;
      sessions.set(accessToken, { userId: user.ownerId, expires: now() + DAY });
      return send(201, { accessToken, acceptsTermsOfUse: user.acceptsTermsOfUse, authenticationReceipt: randomUUID() });
    }

    if (caller === 'bad') return fail(401, 'Invalid access token.');
    const needs = (scopes: string[]): Caller | null => {
      if (caller === 'none') {
        fail(401, 'Authentication required.');
        return null;
      }
      if (!scopes.every((s) => caller.scopes.includes(s))) {
        fail(403, `The access token is missing the required scope(s): ${scopes.filter((s) => !caller.scopes.includes(s)).join(', ')}.`);
        return null;
      }
      return caller;
    };

    if (url.pathname === '/auth/v1/personalAccessToken' && method === 'POST') {
      const c = needs(['authorize']);
      if (!c) return;
      const name = typeof body.name === 'string' ? body.name : '';
      if (name.trim() && pats.some((p) => p.userId === c.user.ownerId && p.name === name.trim())) {
        return fail(400, `A personal access token with name ${name.trim()} already exists.`);
      }
      const scope = Array.isArray(body.scope) ? body.scope.filter((s): s is string => typeof s === 'string') : [];
      return send(200, { token: mint(c.user, name, scope) });
    }
    if (url.pathname === '/auth/v1/personalAccessToken' && method === 'GET') {
      const c = needs(['view']);
      if (!c) return;
      const mine = pats.filter((p) => p.userId === c.user.ownerId).sort((a, b) => b.createdOn - a.createdOn || Number(b.id) - Number(a.id));
      const start = Number(url.searchParams.get('nextPageToken') ?? '0') || 0;
      const page = mine.slice(start, start + pageSize);
      const out: Record<string, unknown> = { results: page.map(record) };
      if (start + pageSize < mine.length) out.nextPageToken = String(start + pageSize);
      return send(200, out);
    }
    const m = /^\/auth\/v1\/personalAccessToken\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const c = needs(method === 'DELETE' ? ['modify', 'authorize'] : ['view']);
      if (!c) return;
      const p = pats.find((x) => x.id === m[1] && x.userId === c.user.ownerId);
      if (!p) return fail(404, `The resource you are attempting to access cannot be found.`);
      if (method === 'GET') return send(200, record(p));
      if (method === 'DELETE') {
        pats.splice(pats.indexOf(p), 1);
        return send(200);
      }
      return fail(405, 'Method not allowed.');
    }
    if (method === 'GET' && url.pathname === '/repo/v1/userProfile') {
      const c = needs(['view']);
      if (!c) return;
      return send(200, { ownerId: c.user.ownerId, userName: c.user.userName, firstName: 'Test', lastName: c.user.userName, emails: [`${c.user.userName}@example.org`] });
    }
    return fail(404, `No such resource: ${method} ${url.pathname}`);
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    authEndpoint: `${base}/auth/v1`,
    repoEndpoint: `${base}/repo/v1`,
    users,
    pats,
    requests,
    advance: (ms) => {
      offset += ms;
    },
    now,
    addUser(u) {
      const user: FakeUser = { ownerId: u.ownerId ?? String(3400000 + users.length + 1), acceptsTermsOfUse: true, twoFactor: false, ...u };
      users.push(user);
      return user;
    },
    issuePat(userName, name = '', scopes = ['view', 'download', 'modify']) {
      const user = users.find((u) => u.userName === userName);
      if (!user) throw new Error(`No fake user ${userName}`);
      return mint(user, name, scopes);
    },
    failNext(method, prefix, status, reason) {
      failures.push({ method, prefix, status, reason });
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
