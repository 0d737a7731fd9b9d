// @process: core
// The HTTP plumbing every service client shares: a timeout on each call, a body read once, JSON
// parsed when it is JSON, and a failure to connect turned into one 'network' error whose words
// come from the error's code — never from the request, which carries a token.
//
// It is also the last line of defence for where a token may go: whatever address a caller built,
// a request to one that is not https (plain http only to this machine) is refused here, before
// fetch is called, and a redirect is never followed, so no server can move a token or a password
// off https either.
import { VaultError } from '../shared/errors';
import { addressProblem, shownAddress } from '../shared/settings';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface Answer {
  status: number;
  /** The body as text ('' when empty or unreadable). */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface SendOptions {
  /** The service's name as a person knows it ("Synapse"). */
  service: string;
  /** What to check when there is no answer, e.g. "Check the Syncano address in Settings." */
  hint: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export function hostOf(url: string | URL): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured address';
  }
}

/** Why a request got no answer, in words that cannot contain the request. */
export function networkCause(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs / 1000} seconds`;
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was dropped';
  if (typeof code === 'string' && /CERT|SSL|TLS|UNABLE_TO|SELF_SIGNED|DEPTH_ZERO/.test(code)) return 'its TLS certificate was not accepted';
  return 'the connection failed';
}

/** A request refused because its address may not carry a token. */
export class InsecureAddressError extends VaultError {
  constructor(
    readonly address: string | null,
    service: string,
    hint: string,
  ) {
    super(
      'invalid-input',
      address
        ? `Synvault did not contact ${service} at ${address}: it only sends tokens over https (plain http only to this machine). ${hint}`
        : `Synvault did not contact ${service}: its address is not a web address it can use (it must start with https://). ${hint}`,
    );
    this.name = 'InsecureAddressError';
  }
}

/** Sends one request. Resolves with any HTTP answer; rejects (with a 'network' VaultError) only
 * when there is none. */
export async function send(url: string | URL, init: RequestInit, opts: SendOptions): Promise<Answer> {
  if (addressProblem(String(url))) throw new InsecureAddressError(shownAddress(String(url)), opts.service, opts.hint);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const noAnswer = (err: unknown) =>
    new VaultError('network', `Could not reach ${opts.service} at ${hostOf(url)} (${networkCause(err, timeoutMs)}). ${opts.hint}`);
  let res: Response;
  try {
    // 'error' stays 'error'; anything else becomes 'manual': a 3xx comes back as an answer.
    const redirect: RequestInit['redirect'] = init.redirect === 'error' ? 'error' : 'manual';
    res = await (opts.fetchImpl ?? globalThis.fetch)(url, { ...init, redirect, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw noAnswer(err);
  }
  let text = '';
  try {
    text = await res.text();
  } catch (err) {
    throw noAnswer(err);
  }
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, text, json };
}
