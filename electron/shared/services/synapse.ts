// @process: shared
// Synapse (synapse.org, Sage Bionetworks): its personal access token and what it says about
// itself, the limits the server enforces, the scopes, the two base addresses, and the variable the
// Python client reads (docs/services/synapse.md).
import { decodeBase64Url } from '../base64url';
import { invalid } from '../errors';
import { defineService, type Decoded } from './define';
import { text } from './fields';

/** Tokens per user; past that the server deletes the least recently used. */
export const TOKEN_CAP = 100;
/** Warn from this many tokens on. */
export const NEAR_CAP = 90;
/** Days of disuse after which Synapse marks a PAT EXPIRED. */
export const EXPIRY_DAYS = 180;
/** A token's name at Synapse (unique per user). */
export const TOKEN_NAME_MAX = 100;
/** The create form's token name rule (the contract's schema is built from it, add-inputs.ts). */
export const TOKEN_NAME = text({
  presence: 'required',
  what: 'A token name',
  max: TOKEN_NAME_MAX,
  empty: 'Give the token a name (it must differ from your other tokens).',
});
/** A user name or any of the account's e-mails, as typed at sign-in or add. */
export const USERNAME_MAX = 200;
/** A `.synapseConfig` profile name we write as `[profile NAME]` ("default" means the default
 * sections): letters, digits, ".", "-" or "_", up to 64, starting with a letter or digit. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PROFILE_NAME_WORDING = 'A profile name is "default" or 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit.';

/** Every scope a PAT can carry (the fake server and decoding know them all). */
export const SCOPES = ['openid', 'email', 'profile', 'view', 'download', 'modify', 'authorize', 'offline_access'] as const;
/** The scopes a person chooses from when creating a token, in the order the window shows them;
 * "view" is required, since the clients refuse a token without it. */
export const PAT_SCOPES = ['view', 'download', 'modify'] as const;
export type PatScope = (typeof PAT_SCOPES)[number];
export const PAT_SCOPE_INFO: Record<PatScope, { label: string; hint: string }> = {
  view: { label: 'View', hint: 'read (needed by the clients)' },
  download: { label: 'Download', hint: 'download files' },
  modify: { label: 'Modify', hint: 'create, change and delete' },
};

/** Wording the window and the core both use for a token's server state. */
export const EXPIRED_WORDING = `unused for ${EXPIRY_DAYS} days`;
export const GONE_WORDING = `revoked elsewhere, or deleted by the ${TOKEN_CAP}-token cap`;

const DAY = 86_400_000;

/** Days before Synapse expires a token for disuse (EXPIRY_DAYS after its last use, or its creation
 * when never used); 0 once EXPIRED. From a record as Synapse listed it, against `now`. */
export function daysLeft(rec: { state: string; lastUsed?: string | undefined; createdOn?: string | undefined }, now: number): number {
  if (rec.state === 'EXPIRED') return 0;
  const from = Date.parse(rec.lastUsed ?? rec.createdOn ?? '');
  if (Number.isNaN(from)) return EXPIRY_DAYS;
  // A lastUsed a little ahead of this clock (the server's clock) must not read as 181 days.
  return Math.min(EXPIRY_DAYS, Math.max(0, Math.ceil((from + EXPIRY_DAYS * DAY - now) / DAY)));
}

const base64url = /^[A-Za-z0-9_-]+$/;
/** A Synapse id (a user's, a token record's): a positive whole number. */
const SYNAPSE_ID = /^[0-9]{1,20}$/;

export function checkSynapsePat(value: string): Decoded<'synapse-pat'> {
  if (value === '') throw invalid('The token is empty. Paste the personal access token Synapse showed you.', { secret: 'Required.' });
  const parts = value.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '' || !base64url.test(p))) {
    throw invalid('This is not a Synapse personal access token: it must be a JWT — three base64url parts separated by dots.', {
      secret: 'Expected three base64url parts separated by dots.',
    });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(decodeBase64Url(parts[1]!) ?? '');
  } catch {
    throw invalid('This is not a Synapse personal access token: its middle part is not base64url-encoded JSON.', {
      secret: 'The payload is not readable JSON.',
    });
  }
  if (typeof payload !== 'object' || payload === null) {
    throw invalid('This is not a Synapse personal access token: its payload is not a JSON object.', { secret: 'Payload is not an object.' });
  }
  const p = payload as Record<string, unknown>;
  if (p.token_type !== 'PERSONAL_ACCESS_TOKEN') {
    const what = typeof p.token_type === 'string' ? `a "${p.token_type.slice(0, 40)}" token` : 'a token without a token_type';
    throw invalid(`This is ${what}, not a Synapse personal access token (token_type PERSONAL_ACCESS_TOKEN). Create one under Account Settings → Personal Access Tokens.`, {
      secret: 'token_type must be PERSONAL_ACCESS_TOKEN.',
    });
  }
  const access = p.access as { scope?: unknown } | undefined;
  const scopes = Array.isArray(access?.scope) ? access.scope.filter((s): s is string => typeof s === 'string') : [];
  const decoded: Decoded<'synapse-pat'> = { kind: 'synapse-pat', scopes };
  // Synapse numbers both: jti is the token's record id, sub the owner's user id. A value that is
  // not one is no token Synapse issued, and would be shown and stored as if it were.
  for (const [claim, what] of [['jti', 'token id'], ['sub', 'user id']] as const) {
    const v = p[claim];
    if (v !== undefined && !((typeof v === 'string' || typeof v === 'number') && SYNAPSE_ID.test(String(v)))) {
      throw invalid(`This is not a Synapse personal access token: its ${what} (${claim}) is not a number, as every Synapse ${what} is.`, {
        secret: `The ${what} (${claim}) is not a Synapse ${what}.`,
      });
    }
  }
  if (p.jti !== undefined) decoded.recordId = String(p.jti);
  if (p.sub !== undefined) decoded.userId = String(p.sub);
  const issuedAt = epochSeconds(p.iat);
  if (issuedAt) decoded.issuedAt = issuedAt;
  const expiresAt = epochSeconds(p.exp);
  if (expiresAt) decoded.expiresAt = expiresAt;
  return decoded;
}

/** A JWT time claim (seconds since 1970) as ISO, or undefined when it is not a plausible one. */
function epochSeconds(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 253_402_300_799) return undefined;
  return new Date(Math.floor(v) * 1000).toISOString();
}

export const synapse = defineService({
  id: 'synapse',
  name: 'Synapse',
  kinds: { 'synapse-pat': 'Personal access token' },
  secretLabel: 'Personal access token',
  secretHint: 'Created at synapse.org under Account Settings → Personal Access Tokens. It starts with “eyJ”.',
  endpoints: [
    {
      key: 'synapseAuth',
      setting: 'synapseAuthEndpoint',
      variable: 'SYNVAULT_SYNAPSE_AUTH_ENDPOINT',
      production: 'https://auth-prod.prod.sagebase.org/auth/v1',
      label: 'Synapse auth service',
      name: 'Synapse sign-in address',
    },
    {
      key: 'synapseRepo',
      setting: 'synapseRepoEndpoint',
      variable: 'SYNVAULT_SYNAPSE_REPO_ENDPOINT',
      production: 'https://repo-prod.prod.sagebase.org/repo/v1',
      label: 'Synapse repository service',
      name: 'Synapse repository address',
    },
  ],
  // synapseclient reads it after ~/.synapseConfig (docs/services/synapse.md).
  execEnv: 'SYNAPSE_AUTH_TOKEN',
  normalise: (v) => v,
  check: checkSynapsePat,
  // A JWT: three base64url parts, the first a JSON header ("eyJ" is base64url for '{"').
  kindNotes: { 'synapse-pat': `A personal access token has no expiry date: Synapse marks it EXPIRED after ${EXPIRY_DAYS} days unused.` },
  shape: /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/,
  addFields: { username: text({ presence: 'absent-if-empty', what: 'A username', max: USERNAME_MAX }) },
  accountFields: {
    'synapse-pat': {
      name: 'username',
      label: 'Username (optional)',
      hint: "A hint to tell accounts apart until Verify asks Synapse whose token it is; the owner's user name then replaces it.",
      required: false,
    },
  },
  addMeta: (input) => (input.username ? { account: input.username } : {}),
  addOptions: [{ flag: 'username', field: 'username', help: 'optional --username' }],
});

