// @process: core
// Finding tokens in text. Three patterns pull out what could be a token — a JWT, a `p:` value, a
// run of 40 hex digits — and the shared recogniser decides what each one is (one source of truth
// with pasting); what needs the file around the value is decided here:
// - a 40-hex value is a Syncano key only in a Syncano context (SYNCANO_CONTEXT below) within
//   SYNCANO_CONTEXT_LINES lines (in a history, on its own line) — a bare git SHA has the same
//   shape; and a line about git (GIT_LINE) counts only its own words, not its neighbours';
// - a `p:` value is taken for a Synap PAT only with at least SYNAP_MIN_CHARS characters after the
//   `p:` — prose and code have short ones (`p:q` slices, "p: 5").
// Lines are counted from 1; `\r\n` endings count once.
import { identify, type Identified } from './identify';

/** "Nearby" for the Syncano rule: the value's own line and this many lines above and below. Keys
 * are set on the line that names them (`api_key = "…"`, `-H "X-API-KEY: …"`) or a line or two
 * under an `import syncano` / `syncano.connect(` — further away the words are about something else. */
export const SYNCANO_CONTEXT_LINES = 2;

/** What makes a 40-hex value a Syncano key: the service's name in any form (`syncano`,
 * `SYNCANO_API_KEY`, `syncano.connect`, an `api.syncano.io` address), the header the key is sent
 * in (`X-API-KEY`), or the names its clients give it (`api_key`, `apiKey`, `account_key`). */
export const SYNCANO_CONTEXT = /syncano|x-api-key|api[_-]?key|account[_-]?key/i;

/** A line that names git or a commit holds a SHA: its neighbours' words do not make that a key. */
export const GIT_LINE = /\bgit\b|\bcommit\b/i;

/** Synap publishes only that a PAT is "a long string that starts p:" (docs/services/synap.md); in
 * a file, shorter than this after the `p:` is taken for prose or code, not a token. */
export const SYNAP_MIN_CHARS = 16;

/** A file full of generated keys stops here; the rest of the file is not reported one by one. */
export const MAX_FINDINGS_PER_FILE = 1000;

// A JWT: three base64url parts, the first two JSON objects (so they start "eyJ", base64 of `{"`).
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,20000}\.eyJ[A-Za-z0-9_-]{4,20000}\.[A-Za-z0-9_-]{1,20000}/g;
// `p:` at the start of a word (not the end of "http:"), then the characters a token may hold: no
// whitespace, quote, bracket or separator, so it ends where the string or argument ends.
const SYNAP = new RegExp(`(?<![A-Za-z0-9_])p:[A-Za-z0-9._~+/=-]{${SYNAP_MIN_CHARS},2000}(?![A-Za-z0-9._~+/=-])`, 'g');
const HEX40 = /(?<![A-Za-z0-9])[0-9A-Fa-f]{40}(?![A-Za-z0-9])/g;

export interface Found extends Identified {
  line: number;
  /** Where the value starts in the text. */
  offset: number;
}

/** Where each line starts, found once per text that has a match. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** The text of lines from..to (1-based, clamped). */
  span(from: number, to: number): string {
    const a = this.starts[Math.max(1, from) - 1]!;
    const last = Math.min(to, this.starts.length);
    const b = last < this.starts.length ? this.starts[last]! : this.text.length;
    return this.text.slice(a, b);
  }
}

export interface FindOptions {
  /** Lines above and below that count as nearby (SYNCANO_CONTEXT_LINES by default; 0 in a history). */
  contextLines?: number;
  /** Text that counts as near every line for the Syncano rule (a notebook output's cell source). */
  extraContext?: string;
  /** Stop after this many findings. */
  max?: number;
}

/** Every token in `text`, in order, each (value, line) once. */
export function findTokens(text: string, opts: FindOptions = {}): Found[] {
  const max = opts.max ?? MAX_FINDINGS_PER_FILE;
  // Cheap tests first: most files hold none of the three shapes.
  const maybeJwt = text.includes('eyJ');
  const maybeSynap = text.includes('p:');
  if (!maybeJwt && !maybeSynap && !/[0-9a-fA-F]{40}/.test(text)) return [];
  let lines: Lines | null = null;
  const lineOf = (offset: number) => (lines ??= new Lines(text)).lineOf(offset);
  const out: Found[] = [];
  const seen = new Set<string>();
  const add = (value: string, at: number, shape: 'jwt' | 'synap' | 'hex') => {
    const id = identify(value, shape);
    if (!id) return;
    const line = lineOf(at);
    const key = `${line}\u0000${id.secret}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...id, line, offset: at });
  };
  if (maybeJwt) for (const m of text.matchAll(JWT)) add(m[0], m.index, 'jwt');
  if (maybeSynap) for (const m of text.matchAll(SYNAP)) add(m[0], m.index, 'synap');
  const extra = opts.extraContext !== undefined && SYNCANO_CONTEXT.test(opts.extraContext);
  const near = opts.contextLines ?? SYNCANO_CONTEXT_LINES;
  for (const m of text.matchAll(HEX40)) {
    const line = lineOf(m.index);
    const own = lines!.span(line, line);
    const context = SYNCANO_CONTEXT.test(own) || (!GIT_LINE.test(own) && (extra || (near > 0 && SYNCANO_CONTEXT.test(lines!.span(line - near, line + near)))));
    if (context) add(m[0], m.index, 'hex');
  }
  out.sort((a, b) => a.offset - b.offset);
  return out.slice(0, max);
}
