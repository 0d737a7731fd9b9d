// @process: shared
// What a pasted value is, told from the value alone: each service's own format check (its module
// in ./services) is run on it, and every check that accepts it is one recognition, with what the
// value says about itself decoded locally — a Synapse PAT's claims, a Syncano key's kind from its
// last digit. No network, no Node, no DOM: the add form, the core's add path (paste.ts) and a file
// scanner all use this one module (docs/paste-recognition.md). A recognition never holds the
// value: only its service, kind and non-secret facts.
import { KIND_NAMES, KIND_SERVICE, normaliseSecret, REGISTRY, SERVICE_NAMES, serviceFacts, type Decoded, type Service, type TokenKind } from './services';
import { LABEL_MAX, SECRET_MAX } from './services/define';

export interface Recognised {
  service: Service;
  kind: TokenKind;
  /** How a sentence names it: "a Synapse personal access token", "a Syncano account key". */
  what: string;
  /** What the value says about itself (scopes, ids, dates): never the value. */
  decoded: Decoded;
  /** A label to offer until the person types one. */
  label: string;
  /** One sentence about this kind (how it was told, what it lacks), when its service has one. */
  note: string | null;
}

/** One decoded fact, as a form or a scan report lists it. */
export interface Fact {
  term: string;
  detail: string;
  /** When the fact is a moment: ISO, for a view that formats dates its own way. */
  at?: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "a Syncano instance API key" (every service name starts with a consonant, so "a"). */
export const kindPhrase = (kind: TokenKind): string => `a ${SERVICE_NAMES[KIND_SERVICE[kind]]} ${lowerFirst(KIND_NAMES[kind])}`;

/** What a service's secret is called in a sentence: "a Syncano key", "a Synap personal access token". */
export const secretPhrase = (service: Service): string => `a ${SERVICE_NAMES[service]} ${lowerFirst(serviceFacts(service).secretLabel)}`;

/** The label offered for a recognised value: service, kind and, where there is one, its id. */
export function suggestLabel(decoded: Decoded): string {
  const service = SERVICE_NAMES[KIND_SERVICE[decoded.kind]];
  return `${service} ${lowerFirst(KIND_NAMES[decoded.kind])}${decoded.recordId ? ` #${decoded.recordId}` : ''}`.slice(0, LABEL_MAX);
}

/** `label`, or `label (2)`, `label (3)`… — the first that no token in `taken` has. */
export function uniqueLabel(label: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(label)) return label;
  for (let n = 2; n < 1000; n++) {
    const suffix = ` (${n})`;
    const next = `${label.slice(0, LABEL_MAX - suffix.length)}${suffix}`;
    if (!used.has(next)) return next;
  }
  return label;
}

/** Every service whose format check accepts the value (after trimming), with what it decodes.
 * Today's formats do not overlap (a JWT, "p:…", 40 hex digits), so this is one recognition or
 * none; a caller that gets several asks the person which one is meant, never picks. */
export function recognise(value: string): Recognised[] {
  const v = value.trim();
  if (v === '' || v.length > SECRET_MAX) return [];
  const found: Recognised[] = [];
  for (const s of REGISTRY) {
    let decoded: Decoded;
    try {
      ({ decoded } = normaliseSecret(s.id, v));
    } catch {
      continue; // not this service's: its refusal is not this function's to tell
    }
    const notes = serviceFacts(s.id).kindNotes;
    found.push({ service: s.id, kind: decoded.kind, what: kindPhrase(decoded.kind), decoded, label: suggestLabel(decoded), note: notes?.[decoded.kind] ?? null });
  }
  return found;
}

/** The first word of a free text — a label, an account, a description — that is a token or key
 * any service would take, or null. Such a text is stored in the catalog and the activity log and
 * shown in the list, all in plain text, so a secret pasted into it (the key itself in its label,
 * a common slip) must be refused, never kept (docs/paste-recognition.md). */
export function secretIn(text: string): Recognised | null {
  for (const candidate of secretCandidates(text)) {
    const r = recognise(candidate)[0];
    if (r) return r;
  }
  return null;
}

/** The shortest word worth checking: no token any service issues is shorter (a Syncano key is 40
 * characters); Synap's "p:" + anything would otherwise make "p:drive-backup" a token. */
const SHORTEST_SECRET = 20;

/** The pieces of a free text that could be a token: each word, without the punctuation around it
 * ("key:<hex>.", “p:…”), from a "p:" inside it ("PAT:p:…"), every run of hex digits and every
 * JWT inside it — in the text as written and, when it holds %-escapes, URL-decoded. */
function secretCandidates(text: string): Set<string> {
  const out = new Set<string>();
  let decoded = '';
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      decoded = decodeURIComponent(text);
    } catch {
      /* not %-encoded after all */
    }
  }
  for (const word of `${text} ${decoded}`.split(/[\s"'`=,;()<>[\]{}|\u201c\u201d\u2018\u2019\u00ab\u00bb]+/)) {
    if (word.length < SHORTEST_SECRET) continue;
    const trimmed = word.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    for (const w of [word, trimmed]) {
      out.add(w);
      // A "p:" that starts a piece of the word ("PAT:p:…", "/p:…"), never one inside a word: the
      // "p:" of "http://…" is no Synap token.
      for (const m of w.matchAll(/(?<![A-Za-z0-9])p:/g)) if (m.index > 0) out.add(w.slice(m.index));
    }
    for (const m of word.matchAll(/[0-9a-fA-F]{32,}/g)) out.add(m[0]);
    for (const m of word.matchAll(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g)) out.add(m[0]);
  }
  for (const c of out) if (c.length < SHORTEST_SECRET) out.delete(c);
  return out;
}

/** What a field holding a secret is told: `what` names the field as its refusals do ("A label"). */
export const secretInFieldWords = (what: string, r: Pick<Recognised, 'what'>): string =>
  `${what} is stored and shown in plain text, and this holds what looks like ${r.what}. Write a name instead: the secret goes only in the token field, which the keychain keeps.`;

/** The services whose values this one looks like, loosely (their modules' `shape`), whether or not
 * their check accepts it: for saying which service a refused value seems to belong to. */
export function resembles(value: string): Service[] {
  const v = value.trim();
  if (v === '' || v.length > SECRET_MAX) return [];
  return REGISTRY.filter((s) => s.shape.test(v)).map((s) => s.id);
}

/** The decoded facts of a recognition, in the order a person reads them. */
export function facts(r: Pick<Recognised, 'decoded'>): Fact[] {
  const d = r.decoded;
  const out: Fact[] = [];
  if (d.userId) out.push({ term: 'User id', detail: d.userId });
  if (d.recordId) out.push({ term: 'Token id', detail: d.recordId });
  if (d.scopes) out.push({ term: 'Scopes', detail: d.scopes.length ? d.scopes.join(', ') : 'none listed' });
  if (d.issuedAt) out.push({ term: 'Issued', detail: d.issuedAt.slice(0, 10), at: d.issuedAt });
  if (d.expiresAt) out.push({ term: 'Expires', detail: d.expiresAt.slice(0, 10), at: d.expiresAt });
  return out;
}
