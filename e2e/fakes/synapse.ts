// @process: test
// A fake Synapse on 127.0.0.1 that answers as the real server does (docs/services/synapse.md and
// the server source cited in docs/services/synapse.md):
// - POST /auth/v1/login2: a user name or any e-mail, matched ignoring case and non-alphanumerics;
//   201 {accessToken, acceptsTermsOfUse, authenticationReceipt}; 400 "... is required." for a
//   missing field; 401 "The provided username/password combination is incorrect" (an unknown
//   user alike); 401 errorCode PASSWORD_RESET_VIA_EMAIL_REQUIRED; 401 TwoFactorAuthErrorResponse
//   (errorCode TWO_FA_REQUIRED, userId, twoFaToken) finished by POST /auth/v1/2fa/token; 423 "You
//   are locked out ... for N milliseconds" while a test holds a lockout, unless a valid receipt is
//   sent.
// - personal access tokens: create (authorize stripped, empty scope = all, blank name = UUID,
//   400 on a duplicate name, lastUsed = createdOn, past 100 the least recently used deleted),
//   list (50 a page, most recently used first, nextPageToken), get and delete (403 for another
//   user's token, 404 for an unknown id), EXPIRED after 180 days unused, lastUsed updated at most
//   once a minute.
// - GET /repo/v1/userProfile; every /repo call by a user who has not accepted the Terms of Use is
//   403 "Terms of use have not been signed." (the /auth token calls are not).
// Errors are {"reason": "..."}. The clock is the test's, so "180 days later" is one call.
import * as http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const DAY = 86_400_000;
export const ALL_SCOPES = ['openid', 'email', 'profile', 'view', 'download', 'modify', 'authorize', 'offline_access'];

export interface FakeUser {
  ownerId: string;
  userName: string;
  password: string;
  /** Default [`${userName}@example.org`]; each signs in too. */
  emails: string[];
  acceptsTermsOfUse: boolean;
  twoFactor: boolean;
  /** The TOTP code the fake accepts for a two-factor user (a real one changes every 30 s). */
  totp: string;
  /** One-time recovery codes. */
  recoveryCodes: string[];
  /** The password must be reset by e-mail: too weak for today's rules, or expired. */
  passwordReset?: 'weak' | 'expired';
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
  /** Records per list page (the server's is 50). */
  pageSize?: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  /** Which kind of bearer was sent (never its value). */
  auth: 'none' | 'session' | 'pat' | 'unknown';
  /** login2 only: whether an authenticationReceipt came with it, and if it was this user's. */
  receipt?: 'none' | 'valid' | 'invalid';
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
  /** The server's failed-attempt throttle: login2 for this user answers 423 for `ms` (a valid
   * receipt gets past it). */
  lockOut(userName: string, ms: number): void;
  close(): Promise<void>;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export async function startFakeSynapse(opts: FakeSynapseOptions = {}): Promise<FakeSynapse> {
  let offset = 0;
  const now = () => (opts.clock ? opts.clock.now() : Date.now()) + offset;
  const pageSize = opts.pageSize ?? 50;
  const users: FakeUser[] = [];
  const pats: FakePat[] = [];
  const sessions = new Map<string, { userId: string; expires: number }>();
  const receipts = new Map<string, string>();
  const twoFa = new Map<string, { userId: string; expires: number }>();
  const lockouts = new Map<string, number>();
  const requests: FakeRequest[] = [];
  const failures: Array<{ method: string; prefix: string; status: number; reason: string }> = [];
  let nextId = 7100;
  let base = '';

  const isExpired = (p: FakePat) => now() - (p.lastUsed ?? p.createdOn) >= 180 * DAY;
  // Synapse finds a user by name or e-mail ignoring case and anything not a letter or digit.
  const fold = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  const findUser = (name: string) => users.find((u) => [u.userName, ...u.emails].some((n) => fold(n) === fold(name)));
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
    // At creation lastUsed = createdOn; past 100 tokens the least recently used are deleted.
    pats.push({ id, userId: user.ownerId, scopes: scope, name: name.trim() || randomUUID(), createdOn: t, lastUsed: t, token });
    const mine = pats.filter((p) => p.userId === user.ownerId);
    const byUse = [...mine].sort((a, b) => (a.lastUsed ?? a.createdOn) - (b.lastUsed ?? b.createdOn) || Number(a.id) - Number(b.id));
    for (const lru of byUse.slice(0, Math.max(0, mine.length - 100))) pats.splice(pats.indexOf(lru), 1);
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
    const entry: FakeRequest = { method, path: url.pathname, auth: caller === 'none' ? 'none' : caller === 'bad' ? 'unknown' : caller.kind };
    requests.push(entry);
    const forced = failures.findIndex((f) => f.method === method && url.pathname.startsWith(f.prefix));
    if (forced >= 0) {
      const f = failures.splice(forced, 1)[0]!;
      return fail(f.status, f.reason);
    }

    const loginResponse = (user: FakeUser) => {
      const accessToken = `fake-session.${randomBytes(24).toString('base64url')}`;
      sessions.set(accessToken, { userId: user.ownerId, expires: now() + DAY });
      const authenticationReceipt = randomUUID();
      receipts.set(user.ownerId, authenticationReceipt);
      return { accessToken, acceptsTermsOfUse: user.acceptsTermsOfUse, authenticationReceipt };
    };

    if (method === 'POST' && url.pathname === '/auth/v1/login2') {
      if (typeof body.username !== 'string') return fail(400, 'LoginRequest.username is required.');
      if (typeof body.password !== 'string') return fail(400, 'LoginRequest.password is required.');
      const user = findUser(body.username);
      const sent = typeof body.authenticationReceipt === 'string' ? body.authenticationReceipt : undefined;
      const receiptOk = !!user && !!sent && receipts.get(user.ownerId) === sent;
      entry.receipt = sent === undefined ? 'none' : receiptOk ? 'valid' : 'invalid';
      if (!user) return fail(401, 'The provided username/password combination is incorrect');
      // Callers that signed in here before (a valid receipt) get past the failed-attempt throttle.
      const lockedUntil = lockouts.get(user.ownerId) ?? 0;
      if (!receiptOk && lockedUntil > now()) return fail(423, `You are locked out from making any additional login attempts for ${lockedUntil - now()} milliseconds`);
      if (user.password !== body.password) return fail(401, 'The provided username/password combination is incorrect');
      if (user.passwordReset === 'weak') return fail(401, 'You must change your password via email reset.', { errorCode: 'PASSWORD_RESET_VIA_EMAIL_REQUIRED' });
      if (user.passwordReset === 'expired') return fail(401, 'Your password has expired, please update your password via email reset.', { errorCode: 'PASSWORD_RESET_VIA_EMAIL_REQUIRED' });
      if (user.twoFactor) {
        const twoFaToken = randomBytes(24).toString('base64url');
        twoFa.set(twoFaToken, { userId: user.ownerId, expires: now() + 10 * 60_000 });
        return fail(401, 'Two factor authentication required.', {
          concreteType: 'org.sagebionetworks.repo.model.auth.TwoFactorAuthErrorResponse',
          errorCode: 'TWO_FA_REQUIRED',
          userId: Number(user.ownerId),
          twoFaToken,
        });
      }
      return send(201, loginResponse(user));
    }

    if (method === 'POST' && url.pathname === '/auth/v1/2fa/token') {
      if (body.userId === undefined || body.userId === null) return fail(400, 'The userId is required.');
      if (typeof body.twoFaToken !== 'string') return fail(400, 'The twoFaToken is required.');
      if (typeof body.otpCode !== 'string') return fail(400, 'The otpCode is required.');
      const user = users.find((u) => u.ownerId === String(body.userId));
      if (!user) return fail(404, `Principal ID ${String(body.userId)} not found`);
      const t = twoFa.get(body.twoFaToken);
      if (!t || t.userId !== user.ownerId || t.expires <= now()) return fail(401, 'The provided 2fa token is invalid.');
      const type = body.otpType ?? 'TOTP';
      let ok = false;
      if (type === 'TOTP') ok = body.otpCode === user.totp;
      else if (type === 'RECOVERY_CODE') {
        const i = user.recoveryCodes.indexOf(body.otpCode);
        if (i >= 0) user.recoveryCodes.splice(i, 1);
        ok = i >= 0;
      } else return fail(400, `Code type ${String(type)} not supported yet.`);
      if (!ok) return fail(401, 'The provided code is invalid.');
      return send(200, loginResponse(user));
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

    // The terms-of-use filter covers /repo and /file, not the token calls under /auth.
    if (url.pathname.startsWith('/repo/v1/') && caller !== 'none' && !caller.user.acceptsTermsOfUse) return fail(403, 'Terms of use have not been signed.');

    if (url.pathname === '/auth/v1/personalAccessToken' && method === 'POST') {
      const c = needs(['authorize']);
      if (!c) return;
      const name = typeof body.name === 'string' ? body.name : '';
      if (name.trim() && pats.some((p) => p.userId === c.user.ownerId && p.name === name.trim())) {
        return fail(400, 'You cannot have two tokens with the same name. You must delete the existing token to create a new one with this name.');
      }
      const scope = Array.isArray(body.scope) ? body.scope.filter((s): s is string => typeof s === 'string') : [];
      return send(200, { token: mint(c.user, name, scope) });
    }
    if (url.pathname === '/auth/v1/personalAccessToken' && method === 'GET') {
      const c = needs(['view']);
      if (!c) return;
      // Most recently used first (the server's query orders by last use, not creation).
      const mine = pats.filter((p) => p.userId === c.user.ownerId).sort((a, b) => (b.lastUsed ?? b.createdOn) - (a.lastUsed ?? a.createdOn) || Number(b.id) - Number(a.id));
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
      const p = pats.find((x) => x.id === m[1]);
      if (!p) return fail(404, `The resource you are attempting to access cannot be found.`);
      if (p.userId !== c.user.ownerId) {
        return fail(403, method === 'DELETE' ? 'You do not have permission to revoke this token.' : 'You do not have permission to view this token record.');
      }
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
      return send(200, { ownerId: c.user.ownerId, userName: c.user.userName, firstName: 'Test', lastName: c.user.userName, emails: c.user.emails });
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
      const user: FakeUser = {
        ownerId: u.ownerId ?? String(3400000 + users.length + 1),
        acceptsTermsOfUse: true,
        twoFactor: false,
        emails: [`${u.userName}@example.org`],
        totp: '246810',
        recoveryCodes: ['rc-0001-aaaa', 'rc-0002-bbbb'],
        ...u,
      };
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
    lockOut(userName, ms) {
      const user = users.find((u) => u.userName === userName);
      if (!user) throw new Error(`No fake user ${userName}`);
      lockouts.set(user.ownerId, now() + ms);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
