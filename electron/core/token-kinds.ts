// @process: core
// The one place that knows what each service's secret looks like and what can be learnt from it
// locally. Every check returns a message that names exactly what is wrong and never quotes the
// value itself.
import { invalid } from '../shared/errors';
import type { Service, TokenKind } from '../shared/kinds';

export { SERVICES, TOKEN_KINDS, SERVICE_NAMES, KIND_NAMES, KIND_SERVICE, type Service, type TokenKind } from '../shared/kinds';

/** What a secret tells about itself, decoded locally with no network call. */
export interface Decoded {
  kind: TokenKind;
  scopes?: string[];
  /** Synapse: the token's record id (`jti`). */
  recordId?: string;
  /** Synapse: the owner's user id (`sub`). */
  userId?: string;
}

const base64url = /^[A-Za-z0-9_-]+$/;

function decodeBase64UrlJson(part: string): unknown {
  const json = Buffer.from(part, 'base64url').toString('utf8');
  return JSON.parse(json);
}

export function checkSynapsePat(value: string): Decoded {
  if (value === '') throw invalid('The token is empty. Paste the personal access token Synapse showed you.', { secret: 'Required.' });
  const parts = value.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '' || !base64url.test(p))) {
    throw invalid('This is not a Synapse personal access token: it must be a JWT — three base64url parts separated by dots.', {
      secret: 'Expected three base64url parts separated by dots.',
    });
  }
  let payload: unknown;
  try {
    payload = decodeBase64UrlJson(parts[1]!);
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
  const decoded: Decoded = { kind: 'synapse-pat', scopes };
  if (typeof p.jti === 'string' || typeof p.jti === 'number') decoded.recordId = String(p.jti);
  if (typeof p.sub === 'string' || typeof p.sub === 'number') decoded.userId = String(p.sub);
  return decoded;
}

export function checkSynapPat(value: string): Decoded {
  if (value === '') throw invalid('The token is empty. Paste the personal access token the Synap Portal showed you.', { secret: 'Required.' });
  if (!value.startsWith('p:')) {
    throw invalid('This is not a Synap personal access token: it must start with "p:".', { secret: 'Must start with "p:".' });
  }
  if (value.length < 10) throw invalid('This Synap token is too short to be a personal access token.', { secret: 'Too short.' });
  if (/\s/.test(value)) throw invalid('This Synap token contains spaces or line breaks inside it. Paste it again as one piece.', { secret: 'Contains whitespace.' });
  return { kind: 'synap-pat' };
}

export function checkSyncanoKey(value: string): Decoded {
  if (value === '') throw invalid('The key is empty. Paste the 40-character Syncano key.', { secret: 'Required.' });
  if (value.length !== 40) {
    throw invalid(`A Syncano key has exactly 40 hexadecimal characters; this one has ${value.length}.`, { secret: `Expected 40 characters, got ${value.length}.` });
  }
  if (!/^[0-9a-fA-F]{40}$/.test(value)) {
    throw invalid('A Syncano key holds only hexadecimal characters (0-9, a-f); this one has others.', { secret: 'Only 0-9 and a-f allowed.' });
  }
  // The last hex digit's parity tells the kind (reference/syncano.md).
  const last = parseInt(value.slice(-1), 16);
  return { kind: last % 2 === 0 ? 'syncano-account-key' : 'syncano-api-key' };
}

export const CHECKS: Record<Service, (value: string) => Decoded> = {
  synapse: checkSynapsePat,
  synap: checkSynapPat,
  syncano: checkSyncanoKey,
};

/** What a pasted value becomes before it is checked and stored, per service. Syncano issues its
 * keys as lower-case hex and looks a key up by its exact value, while accepting either case in the
 * format check, so an upper-cased paste would be refused as "No such API Key." (docs/services/
 * syncano.md): the key is stored lower-cased, which is the value the server issued. */
const NORMALISE: Record<Service, (value: string) => string> = {
  synapse: (v) => v,
  synap: (v) => v,
  syncano: (v) => v.toLowerCase(),
};

/** Whitespace around a pasted value is trimmed; whitespace inside it is an error of the format. */
export function normaliseSecret(service: Service, raw: string): { secret: string; decoded: Decoded } {
  const secret = NORMALISE[service](raw.trim());
  return { secret, decoded: CHECKS[service](secret) };
}

/** First 4 and last 4 characters at most; shorter secrets show less so the preview never
 * reveals more than half of the value. */
export function maskedPreview(secret: string): string {
  const n = secret.length >= 16 ? 4 : Math.floor(secret.length / 4);
  if (n === 0) return '••••';
  return `${secret.slice(0, n)}…${secret.slice(-n)}`;
}
