// @process: core
// The Synapse HTTP client: the calls in reference/synapse.md and nothing else. Each function
// takes the base URLs and the bearer token for that one call; nothing here keeps a token.
//
// Synapse answers errors as {"reason": "..."}; the reference does not list the bodies of
// login2's refusals, so they are mapped by HTTP status. Two-factor detection is a best guess
// (marked UNCONFIRMED below) that the fake server mirrors.
import { VaultError } from '../errors';
import { DEFAULT_TIMEOUT_MS, send } from './http';

export interface SynapseEndpoints {
  auth: string;
  repo: string;
}

export interface AccessTokenRecord {
  id: string;
  userId: string;
  scopes: string[];
  name: string;
  createdOn: string;
  lastUsed?: string;
  state: 'ACTIVE' | 'EXPIRED';
}

export interface UserProfile {
  ownerId: string;
  userName: string;
}

export const TIMEOUT_MS = DEFAULT_TIMEOUT_MS;
export const SCOPES = ['openid', 'email', 'profile', 'view', 'download', 'modify', 'authorize', 'offline_access'] as const;
/** Days of disuse after which Synapse marks a PAT EXPIRED. */
export const EXPIRY_DAYS = 180;
/** Tokens per user; past that the server deletes the least recently used. */
export const TOKEN_CAP = 100;

type Failure = { status: number; reason?: string; concreteType?: string };

/** What Synapse says about a failure, trimmed to something safe to show: reasons are the
 * server's own text about the request, and never echo a token. */
function reasonOf(body: unknown): Failure['reason'] {
  if (body && typeof body === 'object' && typeof (body as { reason?: unknown }).reason === 'string') {
    return (body as { reason: string }).reason.replace(/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]+/g, '…').slice(0, 300);
  }
  return undefined;
}

/** One call to Synapse; `what` finishes the sentence "Could not … to <what>". */
async function request(url: string, init: RequestInit & { what: string }): Promise<{ status: number; body: unknown }> {
  const { what, ...rest } = init;
  const { status, json } = await send(url, rest, {
    service: 'Synapse',
    timeoutMs: TIMEOUT_MS,
    hint: `Synvault was trying to ${what}. Check your internet connection, a proxy or firewall, and the Synapse endpoints in Settings or [endpoints] in ~/.synapseConfig.`,
  });
  return { status, body: json };
}

function httpError(what: string, f: Failure): VaultError {
  const said = f.reason ? ` Synapse said: "${f.reason}"` : '';
  if (f.status === 401) return new VaultError('unauthorized', `Synapse did not accept the credentials (401) to ${what}.${said}`, { status: 401 });
  if (f.status === 403) return new VaultError('forbidden', `Synapse refused to ${what} (403).${said}`, { status: 403 });
  if (f.status === 404) return new VaultError('not-found', `Synapse has no such thing (404) while trying to ${what}.${said}`, { status: 404 });
  if (f.status >= 300 && f.status < 400) {
    // A redirect is never followed (it could move the token or password off https); say so.
    return new VaultError('service', `Synapse answered with a redirect (${f.status}) while trying to ${what}; Synvault does not follow redirects with a token. Check the Synapse endpoints in Settings or [endpoints] in ~/.synapseConfig.`, { status: f.status });
  }
  if (f.status === 429) return new VaultError('service', `Synapse is rate-limiting requests (429). Wait a minute and try again.`, { status: 429 });
  return new VaultError('service', `Synapse answered ${f.status} while trying to ${what}.${said}`, { status: f.status });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

// --- password sign-in -----------------------------------------------------------------------------

export interface Session {
  accessToken: string;
  acceptsTermsOfUse: boolean;
}

/** UNCONFIRMED: the reference says two-factor accounts take a separate flow but does not give
 * login2's answer for them. We treat a refusal whose body names two-factor authentication (a
 * `concreteType` or `reason` mentioning it) as that case; the fake server answers the same way. */
export function isTwoFactorRefusal(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const b = body as { concreteType?: unknown; reason?: unknown };
  const text = `${typeof b.concreteType === 'string' ? b.concreteType : ''} ${typeof b.reason === 'string' ? b.reason : ''}`;
  return /two[- ]?factor|2fa|TwoFa/i.test(text);
}

export async function login2(ep: SynapseEndpoints, username: string, password: string): Promise<Session> {
  const { status, body } = await request(`${ep.auth}/login2`, {
    what: 'sign in',
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (status === 201 || status === 200) {
    const b = body as { accessToken?: unknown; acceptsTermsOfUse?: unknown } | undefined;
    if (!b || typeof b.accessToken !== 'string' || !b.accessToken) {
      throw new VaultError('service', 'Synapse accepted the sign-in but sent no access token. Try again later.');
    }
    return { accessToken: b.accessToken, acceptsTermsOfUse: b.acceptsTermsOfUse !== false };
  }
  if (isTwoFactorRefusal(body)) {
    throw new VaultError(
      'forbidden',
      'This Synapse account uses two-factor authentication, which Synvault cannot sign in with. Create the token on synapse.org (Account Settings → Personal Access Tokens), then add it here with "Add token" and paste it.',
      { status },
    );
  }
  // UNCONFIRMED: which status Synapse uses for a wrong password is not in the reference; 401 is
  // what its other authentication failures use. 400 is treated the same (a malformed login).
  if (status === 401 || status === 400) {
    throw new VaultError('unauthorized', 'Synapse did not accept that username and password. Check both (the username, not the e-mail, if you have several) and try again.', {
      status,
      fields: { password: 'Wrong username or password.' },
    });
  }
  if (status === 423) throw new VaultError('forbidden', 'Synapse says this account is locked. Sign in on synapse.org to unlock it.', { status });
  throw httpError('sign in', { status, reason: reasonOf(body) });
}

/** Signs in, refuses an account that has not accepted the terms of use, runs `fn` with the
 * session token, and lets the token go: it never leaves this call. */
export async function withSession<T>(ep: SynapseEndpoints, username: string, password: string, fn: (accessToken: string) => Promise<T>): Promise<T> {
  const session = await login2(ep, username, password);
  if (!session.acceptsTermsOfUse) {
    throw new VaultError(
      'forbidden',
      'This Synapse account has not accepted the Synapse Terms of Use, so it cannot manage tokens yet. Sign in on synapse.org, accept the terms, then try again.',
    );
  }
  return fn(session.accessToken);
}

// --- personal access tokens -----------------------------------------------------------------------

function toRecord(x: unknown): AccessTokenRecord | null {
  if (!x || typeof x !== 'object') return null;
  const r = x as Record<string, unknown>;
  if (r.id === undefined || r.id === null) return null;
  const rec: AccessTokenRecord = {
    id: String(r.id),
    userId: String(r.userId ?? ''),
    scopes: Array.isArray(r.scopes) ? r.scopes.filter((s): s is string => typeof s === 'string') : [],
    name: typeof r.name === 'string' ? r.name : '',
    createdOn: typeof r.createdOn === 'string' ? r.createdOn : '',
    state: r.state === 'EXPIRED' ? 'EXPIRED' : 'ACTIVE',
  };
  if (typeof r.lastUsed === 'string') rec.lastUsed = r.lastUsed;
  return rec;
}

/** Every page of the caller's tokens (newest first, revoked ones never listed). */
export async function listPats(ep: SynapseEndpoints, token: string): Promise<AccessTokenRecord[]> {
  const out: AccessTokenRecord[] = [];
  let next: string | undefined;
  for (let page = 0; page < 50; page++) {
    const url = `${ep.auth}/personalAccessToken${next ? `?nextPageToken=${encodeURIComponent(next)}` : ''}`;
    const { status, body } = await request(url, { what: 'list personal access tokens', headers: bearer(token) });
    if (status !== 200) throw httpError('list personal access tokens', { status, reason: reasonOf(body) });
    const b = body as { results?: unknown[]; nextPageToken?: unknown } | undefined;
    for (const r of b?.results ?? []) {
      const rec = toRecord(r);
      if (rec) out.push(rec);
    }
    next = typeof b?.nextPageToken === 'string' && b.nextPageToken ? b.nextPageToken : undefined;
    if (!next) return out;
  }
  // 50 pages is far past the 100-token cap: a server that keeps paging is misbehaving.
  throw new VaultError('service', 'Synapse kept sending more pages of tokens than a user can have. Try again later.');
}

export async function getPat(ep: SynapseEndpoints, token: string, id: string): Promise<AccessTokenRecord | null> {
  const { status, body } = await request(`${ep.auth}/personalAccessToken/${encodeURIComponent(id)}`, { what: 'read a personal access token', headers: bearer(token) });
  if (status === 404) return null;
  if (status !== 200) throw httpError('read a personal access token', { status, reason: reasonOf(body) });
  return toRecord(body);
}

export async function createPat(ep: SynapseEndpoints, accessToken: string, input: { name: string; scope: string[] }): Promise<string> {
  const { status, body } = await request(`${ep.auth}/personalAccessToken`, {
    what: 'create a personal access token',
    method: 'POST',
    headers: { ...bearer(accessToken), 'content-type': 'application/json' },
    body: JSON.stringify({ scope: input.scope, userInfoClaims: {}, name: input.name }),
  });
  if (status === 200 || status === 201) {
    const t = (body as { token?: unknown } | undefined)?.token;
    if (typeof t !== 'string' || !t) throw new VaultError('service', 'Synapse said the token was created but did not send it. Check your tokens on synapse.org.');
    return t;
  }
  const reason = reasonOf(body);
  // UNCONFIRMED: the status for a duplicate name is not in the reference; the caller checks
  // names against the list first, and a refusal that mentions the name is shown as a duplicate.
  if ((status === 400 || status === 409) && reason && /name/i.test(reason)) {
    throw new VaultError('conflict', `You already have a Synapse token named "${input.name}". Token names must be unique; choose another.`, {
      status,
      fields: { name: 'Already used by another of your tokens.' },
    });
  }
  throw httpError('create a personal access token', { status, reason });
}

/** Revokes a PAT. Returns false when Synapse says it is already gone (404). */
export async function deletePat(ep: SynapseEndpoints, accessToken: string, id: string): Promise<boolean> {
  const { status, body } = await request(`${ep.auth}/personalAccessToken/${encodeURIComponent(id)}`, {
    what: 'revoke the personal access token',
    method: 'DELETE',
    headers: bearer(accessToken),
  });
  if (status === 200 || status === 204) return true;
  if (status === 404) return false;
  throw httpError('revoke the personal access token', { status, reason: reasonOf(body) });
}

export async function userProfile(ep: SynapseEndpoints, token: string): Promise<UserProfile> {
  const { status, body } = await request(`${ep.repo}/userProfile`, { what: 'check who the token belongs to', headers: bearer(token) });
  if (status !== 200) throw httpError('check who the token belongs to', { status, reason: reasonOf(body) });
  const b = body as { ownerId?: unknown; userName?: unknown } | undefined;
  if (!b || (typeof b.ownerId !== 'string' && typeof b.ownerId !== 'number') || typeof b.userName !== 'string') {
    throw new VaultError('service', 'Synapse answered the profile request without a userName and ownerId.');
  }
  return { ownerId: String(b.ownerId), userName: b.userName };
}
