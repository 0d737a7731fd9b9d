// @process: core
// The Synapse HTTP client: the calls in docs/services/synapse.md and nothing else. Each function
// takes the base URLs and the bearer token for that one call; nothing here keeps a token.
//
// Synapse answers errors as {"reason": "...", "errorCode"?: "..."}. Sign-in refusals are told
// apart the way the server makes them (docs/services/synapse.md cites the server source):
// 401 + errorCode TWO_FA_REQUIRED, 401 + errorCode PASSWORD_RESET_VIA_EMAIL_REQUIRED, any other
// 401 (wrong password or unknown user), 423 (throttled after failed attempts), 400 (a field
// missing).
import { VaultError } from '../../../shared/errors';
import { DEFAULT_TIMEOUT_MS, send } from '../../http';

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
// Synapse's limits and scopes are facts of its shared module, which the window reads too.
export { SCOPES, EXPIRY_DAYS, TOKEN_CAP } from '../../../shared/services/synapse';

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
  /** Sent back with the next login2 of this user, it lets this machine past the failed-attempt
   * throttle. Not a credential, but kept in the keychain with the vault's secrets. */
  authenticationReceipt?: string;
}

/** login2's answer: a session, or the first half of a two-factor sign-in. */
export type SignIn = { kind: 'session'; session: Session } | { kind: 'two-factor'; userId: string; twoFaToken: string };

export type OtpType = 'TOTP' | 'RECOVERY_CODE';

const errorCodeOf = (body: unknown): string | undefined => {
  const c = body && typeof body === 'object' ? (body as { errorCode?: unknown }).errorCode : undefined;
  return typeof c === 'string' ? c : undefined;
};

/** "for 61000 milliseconds" → "1 minute 1 second"; rounded up so the wait is never too short. */
export function waitWords(ms: number): string {
  const secs = Math.max(1, Math.ceil(ms / 1000));
  if (secs < 60) return `${secs} second${secs === 1 ? '' : 's'}`;
  const mins = Math.ceil(secs / 60);
  return `${mins} minute${mins === 1 ? '' : 's'}`;
}

function sessionOf(body: unknown): Session {
  const b = body as { accessToken?: unknown; acceptsTermsOfUse?: unknown; authenticationReceipt?: unknown } | undefined;
  if (!b || typeof b.accessToken !== 'string' || !b.accessToken) {
    throw new VaultError('service', 'Synapse accepted the sign-in but sent no access token. Try again later.');
  }
  const s: Session = { accessToken: b.accessToken, acceptsTermsOfUse: b.acceptsTermsOfUse !== false };
  if (typeof b.authenticationReceipt === 'string' && b.authenticationReceipt) s.authenticationReceipt = b.authenticationReceipt;
  return s;
}

/** What a sign-in is for: the way round a password that cannot be used differs. */
export type SignInPurpose = 'create' | 'revoke' | 'rotate';

/** The way round a sign-in on synapse.org itself, for an account with no Synapse password (Google). */
const WEB_PATH: Record<SignInPurpose, string> = {
  create: 'create the token on synapse.org (Account Settings → Personal Access Tokens) and paste it here',
  revoke: 'delete the token on synapse.org (Account Settings → Personal Access Tokens), then take it out of Synvault with Remove',
  rotate: 'create the new token on synapse.org (Account Settings → Personal Access Tokens), paste it here, and delete the old one there',
};

/** What each login2 refusal means, with the next step. */
function signInRefusal(status: number, body: unknown, purpose: SignInPurpose): VaultError {
  const reason = reasonOf(body);
  const code = errorCodeOf(body);
  if (status === 401 && (code === 'PASSWORD_RESET_VIA_EMAIL_REQUIRED' || /via email reset|password has expired/i.test(reason ?? ''))) {
    const expired = /expired/i.test(reason ?? '');
    return new VaultError(
      'forbidden',
      `Synapse will not accept this password until it is reset by e-mail (${expired ? 'it has expired' : 'it does not meet the current password rules'}): reset it on synapse.org ("Forgot password"), then sign in here with the new one — retrying this password cannot help. Or ${WEB_PATH[purpose]}.`,
      { status, fields: { password: 'Reset this password by e-mail on synapse.org.' } },
    );
  }
  if (status === 401) {
    // Synapse answers an unknown user and a wrong password alike.
    return new VaultError('unauthorized', 'The user name/e-mail or password is incorrect. Check both and try again (a user name or any of the account\'s e-mails works). An account that signs in with Google has no Synapse password: ' + `${WEB_PATH[purpose]}.`, {
      status,
      fields: { password: 'Incorrect user name/e-mail or password.' },
    });
  }
  if (status === 423) {
    const ms = /for (\d+) milliseconds/.exec(reason ?? '');
    const wait = ms ? `Wait ${waitWords(Number(ms[1]))}` : 'Wait a few minutes';
    return new VaultError('service', `Synapse is holding back sign-in attempts for this account after several failed ones. ${wait} and try again; the account itself is fine.`, { status });
  }
  if (status === 400) {
    return new VaultError('invalid-input', `Synapse refused the sign-in as incomplete (400)${reason ? `: "${reason}"` : ''}. Enter your user name or e-mail and your password.`, { status });
  }
  return httpError('sign in', { status, ...(reason ? { reason } : {}) });
}

/** POST {auth}/login2. A receipt from this user's last sign-in on this machine goes with it. */
export async function login2(ep: SynapseEndpoints, username: string, password: string, purpose: SignInPurpose, authenticationReceipt?: string): Promise<SignIn> {
  const { status, body } = await request(`${ep.auth}/login2`, {
    what: 'sign in',
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(authenticationReceipt ? { username, password, authenticationReceipt } : { username, password }),
  });
  if (status === 201 || status === 200) return { kind: 'session', session: sessionOf(body) };
  if (status === 401 && errorCodeOf(body) === 'TWO_FA_REQUIRED') {
    const b = body as { userId?: unknown; twoFaToken?: unknown };
    if ((typeof b.userId === 'number' || typeof b.userId === 'string') && typeof b.twoFaToken === 'string' && b.twoFaToken) {
      return { kind: 'two-factor', userId: String(b.userId), twoFaToken: b.twoFaToken };
    }
    throw new VaultError('service', 'Synapse asked for a two-factor code but sent no challenge to answer it with. Try again, or ' + `${WEB_PATH[purpose]}.`, { status });
  }
  throw signInRefusal(status, body, purpose);
}

/** POST {auth}/2fa/token: the second half of a two-factor sign-in, with a code from the
 * authenticator app (TOTP) or a one-time recovery code. */
export async function login2fa(ep: SynapseEndpoints, input: { userId: string; twoFaToken: string; otpCode: string; otpType: OtpType }): Promise<Session> {
  const { status, body } = await request(`${ep.auth}/2fa/token`, {
    what: 'finish the two-factor sign-in',
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ userId: Number(input.userId), twoFaToken: input.twoFaToken, otpCode: input.otpCode, otpType: input.otpType }),
  });
  if (status === 200 || status === 201) return sessionOf(body);
  const reason = reasonOf(body);
  if (status === 401 && /2fa token/i.test(reason ?? '')) {
    // The challenge itself is no longer good (it lives 10 minutes at the server).
    throw new VaultError('unauthorized', 'The two-factor sign-in took too long and Synapse no longer accepts it. Sign in again with your password.', { status });
  }
  if (status === 401) {
    const what = input.otpType === 'RECOVERY_CODE' ? 'recovery code (each works once)' : 'code (it changes every 30 seconds)';
    throw new VaultError('unauthorized', `Synapse did not accept that ${what}. Check it and try again.${reason ? ` Synapse said: "${reason}"` : ''}`, {
      status,
      fields: { code: input.otpType === 'RECOVERY_CODE' ? 'Recovery code not accepted.' : 'Code not accepted.' },
    });
  }
  throw httpError('finish the two-factor sign-in', { status, ...(reason ? { reason } : {}) });
}

/** The refusal for a session whose account has not accepted the Terms of Use. The server would
 * create the token (POST /personalAccessToken is not behind its terms-of-use filter), but the
 * token would then be refused by every /repo and /file call — the clients' calls, and our own
 * /userProfile — with 403 "Terms of use have not been signed." */
export function termsOfUseRefusal(): VaultError {
  return new VaultError(
    'forbidden',
    'This Synapse account has not accepted the Synapse Terms of Use. A token made now would be refused by every Synapse call ("Terms of use have not been signed."), so none was created. Sign in on synapse.org, accept the Terms of Use, then try again.',
  );
}

/** The personal access tokens page of the Synapse portal. The web client routes
 * /PersonalAccessTokens:0 (its PersonalAccessTokenPlace) to the account site's token page. */
export function tokenPageUrl(ep: Pick<SynapseEndpoints, 'auth'>): string {
  let staging = false;
  try {
    staging = /(^|[.-])staging[.-]/.test(new URL(ep.auth).hostname);
  } catch {
    /* not an address: production */
  }
  return staging ? 'https://staging.synapse.org/PersonalAccessTokens:0' : 'https://www.synapse.org/PersonalAccessTokens:0';
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

/** Every page of the caller's tokens (50 a page, most recently used first; revoked ones are
 * never listed). */
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
  if (status === 403) throw new VaultError('forbidden', 'That Synapse token belongs to another user, so Synapse will not show it (403).', { status });
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
  // 400 "You cannot have two tokens with the same name. ..." (the caller also checks the list first).
  if (status === 400 && reason && /same name/i.test(reason)) {
    throw new VaultError('conflict', `You already have a Synapse token named "${input.name}". Token names must be unique; choose another, or revoke the old one first.`, {
      status,
      fields: { name: 'Already used by another of your tokens.' },
    });
  }
  throw httpError('create a personal access token', { status, reason });
}

/** Revokes a PAT. Returns false when Synapse has no such token (404); another user's token is
 * 403 "You do not have permission to revoke this token." */
export async function deletePat(ep: SynapseEndpoints, accessToken: string, id: string): Promise<boolean> {
  const { status, body } = await request(`${ep.auth}/personalAccessToken/${encodeURIComponent(id)}`, {
    what: 'revoke the personal access token',
    method: 'DELETE',
    headers: bearer(accessToken),
  });
  if (status === 200 || status === 204) return true;
  if (status === 404) return false;
  if (status === 403) {
    const reason = reasonOf(body) ?? 'You do not have permission to revoke this token.';
    throw new VaultError('forbidden', `Synapse refused (403): "${reason}" The token belongs to another Synapse user; only its owner can revoke it. Sign in as its owner.`, {
      status,
      fields: { username: 'Sign in as the token\'s owner.' },
    });
  }
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

/** The name to store and to write into .synapseConfig for a token: its owner's userName, whatever
 * the person typed (Synapse signs in with any casing or an e-mail; the clients compare exactly). */
export async function ownerUserName(ep: SynapseEndpoints, token: string): Promise<string> {
  return (await userProfile(ep, token)).userName;
}
