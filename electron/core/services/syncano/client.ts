// @process: core
// The HTTP client for Syncano's API v1.1 (docs/services/syncano.md). Keys go in the X-API-KEY
// header and nowhere else; a list is followed page by page through `next`, but only on the origin
// the person configured, so a key is never sent to a host a server response names.
import { VaultError } from '../../../shared/errors';
import { DEFAULT_TIMEOUT_MS, send } from '../../http';
import type { SyncanoFlag, SyncanoFlags } from '../../../shared/services/syncano';

export const SYNCANO_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;
/** A stop for a server whose `next` never ends (100 per page makes this 100 000 objects). */
const MAX_PAGES = 1000;

export interface SyncanoAccount {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  is_active?: boolean;
  has_password?: boolean;
  metadata?: unknown;
}

export type SyncanoAccountWithKey = SyncanoAccount & { account_key: string };

export interface SyncanoInstanceObject {
  name: string;
  description?: string;
  owner?: unknown;
  created_at?: string;
  updated_at?: string;
  role?: string;
  location?: string;
  metadata?: unknown;
  links?: Record<string, string>;
}

export interface SyncanoApiKeyObject extends SyncanoFlags {
  id: number;
  description: string;
  api_key: string;
  created_at: string;
  links?: Record<string, string>;
}

export type ApiKeyFields = Partial<Pick<SyncanoApiKeyObject, 'description' | SyncanoFlag>>;

interface Page<T> {
  objects: T[];
  next: string | null;
  prev?: string | null;
}

export interface SyncanoClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const FIELD_NAMES: Record<string, string> = { email: 'E-mail', password: 'Password', description: 'Description' };

/** Server text is shown to the person, so it is bounded and kept to one line. */
const tidy = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 300);

/** Turns a Syncano error body ({"detail"} or {"field": [...]}) into a VaultError. */
export function syncanoError(status: number, body: unknown): VaultError {
  const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  const detail = obj && typeof obj.detail === 'string' ? tidy(obj.detail) : null;
  const fields: Record<string, string> = {};
  if (obj) {
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'detail') continue;
      const msgs = Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string') : typeof v === 'string' ? [v] : [];
      if (msgs.length) fields[k] = tidy(msgs.join(' '));
    }
  }
  const fieldText = Object.entries(fields)
    .map(([k, m]) => `${FIELD_NAMES[k] ?? k}: ${m}`)
    .join(' ');
  const said = detail ?? (fieldText || null);
  if (status === 429) {
    const why = said ? `: ${said.replace(/[.!]$/, '')}` : '';
    return new VaultError('service', `Syncano is limiting requests (429)${why}. Wait a little and try again.`, { status });
  }
  const text = said ? `Syncano: ${said}` : `Syncano answered with status ${status} and no message.`;
  const extra = { status, ...(Object.keys(fields).length ? { fields } : {}) };
  if (status === 400) return new VaultError('invalid-input', text, extra);
  if (status === 401) return new VaultError('unauthorized', text, extra);
  if (status === 403) return new VaultError('forbidden', text, extra);
  return new VaultError('service', text, extra);
}

export class SyncanoClient {
  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, opts: SyncanoClientOptions = {}) {
    this.base = new URL(baseUrl.replace(/\/+$/, '') + '/');
    this.fetchImpl = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? SYNCANO_TIMEOUT_MS;
  }

  get origin(): string {
    return this.base.origin;
  }

  /** A path such as /v1.1/account/ below the configured base (which may carry a path prefix). */
  private url(path: string): URL {
    return new URL(path.replace(/^\/+/, ''), this.base);
  }

  private async request<T>(method: string, url: URL, key: string | null, body?: unknown): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // Syncano issues keys as lower-case hex and looks them up by exact value; a key kept in upper
    // case by an earlier version would be "No such API Key.", so it is sent as issued.
    if (key !== null) headers['x-api-key'] = key.toLowerCase();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await send(
      url,
      { method, headers, body: body === undefined ? null : JSON.stringify(body), redirect: 'error' },
      { service: 'Syncano', timeoutMs: this.timeoutMs, fetchImpl: this.fetchImpl, hint: 'Check your network connection and the Syncano address in Settings.' },
    );
    const data = answer.json === undefined ? null : answer.json;
    const res = { ok: answer.status >= 200 && answer.status < 300, status: answer.status };
    if (!res.ok) throw syncanoError(res.status, data);
    if (res.status !== 204 && (data === null || typeof data !== 'object')) {
      throw new VaultError('service', `Syncano at ${this.origin} answered with status ${res.status} but not with JSON. Check the Syncano address in Settings.`, { status: res.status });
    }
    return { status: res.status, data: data as T };
  }

  /** Where a `next` link leads. The platform builds it from Django's request.path, so it is a
   * root-relative path (/v1.1/...?direction=1&last_pk=...). Behind a reverse proxy that mounts the
   * API under a prefix and strips it (the platform's own nginx/uwsgi setup passes no SCRIPT_NAME),
   * that path lacks the prefix, so the configured base path is put back in front of it. When the
   * deployment does tell Django its prefix, request.path already starts with it and is used as
   * it is. An absolute link (no Syncano server sends one) is taken as it is. */
  nextUrl(next: string, current: URL): URL {
    if (next.startsWith('/') && !next.startsWith('//')) {
      const prefix = this.base.pathname.replace(/\/+$/, '');
      const path = next.split(/[?#]/, 1)[0]!;
      const hasPrefix = prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
      return new URL(hasPrefix ? next : prefix + next, this.base.origin);
    }
    return new URL(next, current);
  }

  /** Follows `next` to the end; a link to another origin is refused, because following it would
   * hand the key to that host. */
  private async all<T>(path: string, key: string): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let url: URL | null = this.url(path);
    for (let pages = 0; url; pages++) {
      if (pages >= MAX_PAGES || seen.has(url.href)) {
        throw new VaultError('service', `Syncano's list at ${this.origin} did not end (its pages loop). Nothing was changed.`);
      }
      seen.add(url.href);
      const { data } = await this.request<Page<T>>('GET', url, key);
      if (!Array.isArray(data.objects)) throw new VaultError('service', `Syncano at ${this.origin} answered a list without "objects". Check the Syncano address in Settings.`);
      out.push(...data.objects);
      if (typeof data.next !== 'string' || data.next === '') {
        url = null;
        continue;
      }
      let next: URL;
      try {
        next = this.nextUrl(data.next, url);
      } catch {
        throw new VaultError('service', `Syncano's list at ${this.origin} gave an unreadable link to its next page.`);
      }
      if (next.origin !== this.base.origin) {
        throw new VaultError(
          'service',
          `Syncano's list at ${this.origin} pointed its next page at another site (${next.host}); Synvault stopped rather than send your key there.`,
        );
      }
      url = next;
    }
    return out;
  }

  async signIn(email: string, password: string): Promise<SyncanoAccountWithKey> {
    const body: Record<string, string> = {};
    // An empty field is left out so the server reports it as missing, in its own words.
    if (email !== '') body.email = email;
    if (password !== '') body.password = password;
    return (await this.request<SyncanoAccountWithKey>('POST', this.url('/v1.1/account/auth/'), null, body)).data;
  }

  async account(key: string): Promise<SyncanoAccount> {
    return (await this.request<SyncanoAccount>('GET', this.url('/v1.1/account/'), key)).data;
  }

  async resetAccountKey(key: string): Promise<SyncanoAccountWithKey> {
    return (await this.request<SyncanoAccountWithKey>('POST', this.url('/v1.1/account/reset_key/'), key)).data;
  }

  instances(key: string): Promise<SyncanoInstanceObject[]> {
    return this.all<SyncanoInstanceObject>('/v1.1/instances/', key);
  }

  private keysPath(instance: string, id?: number): string {
    const base = `/v1.1/instances/${encodeURIComponent(instance)}/api_keys/`;
    return id === undefined ? base : `${base}${encodeURIComponent(String(id))}/`;
  }

  apiKeys(key: string, instance: string): Promise<SyncanoApiKeyObject[]> {
    return this.all<SyncanoApiKeyObject>(this.keysPath(instance), key);
  }

  /** One key, with its value (`api_key` is a read-only field of the object Syncano answers). */
  async apiKey(key: string, instance: string, id: number): Promise<SyncanoApiKeyObject> {
    return (await this.request<SyncanoApiKeyObject>('GET', this.url(this.keysPath(instance, id)), key)).data;
  }

  async createApiKey(key: string, instance: string, fields: ApiKeyFields): Promise<SyncanoApiKeyObject> {
    return (await this.request<SyncanoApiKeyObject>('POST', this.url(this.keysPath(instance)), key, fields)).data;
  }

  async updateApiKey(key: string, instance: string, id: number, fields: ApiKeyFields): Promise<SyncanoApiKeyObject> {
    return (await this.request<SyncanoApiKeyObject>('PATCH', this.url(this.keysPath(instance, id)), key, fields)).data;
  }

  async resetApiKey(key: string, instance: string, id: number): Promise<SyncanoApiKeyObject> {
    return (await this.request<SyncanoApiKeyObject>('POST', this.url(`${this.keysPath(instance, id)}reset_key/`), key)).data;
  }

  async deleteApiKey(key: string, instance: string, id: number): Promise<void> {
    await this.request<null>('DELETE', this.url(this.keysPath(instance, id)), key);
  }
}
