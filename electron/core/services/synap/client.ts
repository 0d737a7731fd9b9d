// @process: core
// The Synap API V3 client (docs/services/synap.md): JSON:API over HTTPS, every call authorised
// with `Authorization: Bearer <PAT>`. Synap publishes no PAT list/revoke call and no Subject-User
// header name, so this client only knows how to send one GET and read the JSON:API answer; the
// caller decides what the answer means.
import { send } from '../../http';

export const JSON_API = 'application/vnd.api+json';

/** One entry of a JSON:API `errors` array, reduced to what we show. */
export interface JsonApiError {
  status?: string;
  title?: string;
  detail?: string;
}

export interface SynapAnswer {
  status: number;
  /** The `errors` array when the body was a JSON:API error document. */
  errors: JsonApiError[] | null;
  /** The primary `data` resource when the body was a JSON:API document with a single resource;
   * `portalId` is its `relationships.portal.data.id` (as in the PortalUsage document). */
  data: { type: string; id: string; attributes: Record<string, unknown>; portalId?: string } | null;
}

const text = (v: unknown, max = 300): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

function parseDocument(status: number, body: string): SynapAnswer {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return { status, errors: null, data: null };
  }
  if (typeof doc !== 'object' || doc === null) return { status, errors: null, data: null };
  const d = doc as { errors?: unknown; data?: unknown };
  let errors: JsonApiError[] | null = null;
  if (Array.isArray(d.errors)) {
    errors = d.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => {
        const out: JsonApiError = {};
        // JSON:API says status is a string; accept a number too rather than lose it.
        const s = typeof e.status === 'number' ? String(e.status) : text(e.status, 10);
        if (s) out.status = s;
        const title = text(e.title);
        if (title) out.title = title;
        const detail = text(e.detail);
        if (detail) out.detail = detail;
        return out;
      });
  }
  let data: SynapAnswer['data'] = null;
  if (typeof d.data === 'object' && d.data !== null && !Array.isArray(d.data)) {
    const r = d.data as { type?: unknown; id?: unknown; attributes?: unknown; relationships?: unknown };
    if (typeof r.type === 'string' && (typeof r.id === 'string' || typeof r.id === 'number')) {
      const attributes = typeof r.attributes === 'object' && r.attributes !== null ? (r.attributes as Record<string, unknown>) : {};
      data = { type: r.type, id: String(r.id), attributes };
      const portal = (r.relationships as { portal?: { data?: { id?: unknown } } } | undefined)?.portal?.data?.id;
      const portalId = typeof portal === 'number' ? String(portal) : text(portal, 200);
      if (portalId) data.portalId = portalId;
    }
  }
  return { status, errors, data };
}

/** GET `url` with the PAT. Resolves with any HTTP answer; rejects only when there is none. */
export async function synapGet(url: string, token: string): Promise<SynapAnswer> {
  const { status, text } = await send(
    url,
    { method: 'GET', headers: { Accept: JSON_API, Authorization: `Bearer ${token}` }, redirect: 'manual' },
    { service: 'Synap', hint: 'Check your internet connection and the Synap API address in Settings.' },
  );
  return parseDocument(status, text);
}

/** "title — detail" of the first JSON:API error, or null. */
export function describeErrors(errors: JsonApiError[] | null): string | null {
  const first = errors?.[0];
  if (!first) return null;
  const parts = [first.title, first.detail].filter((p): p is string => !!p);
  return parts.length ? parts.join(' — ') : null;
}
