// @process: core
// A Jupyter notebook is JSON: its cells' sources and their outputs are strings inside it, a source
// often split into one string per line. Read as JSON, each source and each output is searched as
// the person sees it in Jupyter (lines joined, escapes decoded), a finding is placed by cell
// ("cell 4, output") and by its line in the file, and image data is skipped. An output counts its
// own cell's source as nearby for the Syncano rule: `print(key)` under `syncano.connect(...)`.
// A file that is not valid JSON is searched as plain text instead.
import { findTokens, type Found } from './candidates';

type Key = string | number;

interface Leaf {
  path: Key[];
  text: string;
  /** 1-based line of the file the string literal sits on (JSON strings hold no raw line breaks). */
  line: number;
}

/** Deeper nesting than any notebook has; past it the file is read as plain text. */
const MAX_JSON_DEPTH = 200;

/** Thrown inside the parser when the text is not JSON: one shared value, no stack to capture. */
const NOT_JSON = { notJson: true } as const;

/** Every string value in a JSON document with its path and line, in file order; null when the
 * text is not JSON (or nests deeper than MAX_JSON_DEPTH). */
export function jsonStrings(raw: string): Leaf[] | null {
  const leaves: Leaf[] = [];
  let i = 0;
  let line = 1;
  const ws = () => {
    for (;;) {
      const c = raw.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      const c = raw.charCodeAt(i);
      if (Number.isNaN(c) || c === 10) throw NOT_JSON;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      i++;
      if (c === 34) break;
    }
    const lit = raw.slice(start, i);
    if (!escaped) return lit.slice(1, -1);
    try {
      return JSON.parse(lit) as string;
    } catch {
      throw NOT_JSON;
    }
  };
  const value = (path: Key[], depth: number): void => {
    if (depth > MAX_JSON_DEPTH) throw NOT_JSON;
    ws();
    const c = raw[i];
    if (c === '"') {
      const at = line;
      leaves.push({ path, text: str(), line: at });
    } else if (c === '{') {
      i++;
      ws();
      if (raw[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (raw[i] !== '"') throw NOT_JSON;
        const key = str();
        ws();
        if (raw[i++] !== ':') throw NOT_JSON;
        value([...path, key], depth + 1);
        ws();
        const sep = raw[i++];
        if (sep === '}') return;
        if (sep !== ',') throw NOT_JSON;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (raw[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value([...path, n], depth + 1);
        ws();
        const sep = raw[i++];
        if (sep === ']') return;
        if (sep !== ',') throw NOT_JSON;
      }
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(raw.slice(i, i + 400));
      if (!m) throw NOT_JSON;
      i += m[0].length;
    }
  };
  try {
    value([], 0);
    ws();
    if (i !== raw.length) return null;
  } catch (err) {
    if (err === NOT_JSON || err instanceof RangeError) return null;
    throw err;
  }
  return leaves;
}

/** Output and attachment data that is not text (plots, PDFs): base64, never a pasted token. */
const BINARY_MIME = /^(?:image|audio|video|font)\/|^application\/(?:pdf|octet-stream|zip)$/;

export interface NotebookFound extends Found {
  /** Where in the notebook, as Jupyter shows it: "cell 4", "cell 4, output", "notebook metadata". */
  where: string;
}

/** The cell a path is in (0-based) and what part of it, for nbformat 4 (`cells`) and 3
 * (`worksheets[].cells`). */
function place(path: readonly Key[]): { cell: number | null; part: string } {
  const k = path.indexOf('cells');
  const cell = k >= 0 && typeof path[k + 1] === 'number' ? (path[k + 1] as number) : null;
  if (cell === null) return { cell: null, part: 'metadata' };
  const part = path[k + 2];
  return { cell, part: part === 'source' || part === 'input' ? 'source' : part === 'outputs' ? 'output' : typeof part === 'string' ? part : 'source' };
}

const describe = (p: { cell: number | null; part: string }) =>
  p.cell === null ? 'notebook metadata' : p.part === 'source' ? `cell ${p.cell + 1}` : `cell ${p.cell + 1}, ${p.part}`;

/** Every token in a notebook, or null when it is not JSON (search it as text then). */
export function findInNotebook(raw: string, max: number): NotebookFound[] | null {
  const leaves = jsonStrings(raw);
  if (!leaves) return null;
  // A list of strings (a source, a stream's text, a traceback) is one text, joined as Jupyter shows it.
  const groups = new Map<string, Leaf[]>();
  for (const leaf of leaves) {
    if (leaf.path.some((k, n) => typeof k === 'string' && BINARY_MIME.test(k) && (leaf.path[n - 1] === 'data' || leaf.path[n - 2] === 'attachments'))) continue;
    const parent = typeof leaf.path.at(-1) === 'number' ? leaf.path.slice(0, -1) : leaf.path;
    const key = JSON.stringify(parent);
    const g = groups.get(key);
    if (g) g.push(leaf);
    else groups.set(key, [leaf]);
  }
  const sourceOf = new Map<number, string>();
  for (const g of groups.values()) {
    const p = place(g[0]!.path);
    if (p.cell !== null && p.part === 'source') sourceOf.set(p.cell, (sourceOf.get(p.cell) ?? '') + g.map((l) => l.text).join(''));
  }
  const out: NotebookFound[] = [];
  for (const g of groups.values()) {
    if (out.length >= max) break;
    const p = place(g[0]!.path);
    const starts: number[] = [];
    let text = '';
    for (const l of g) {
      starts.push(text.length);
      text += l.text;
    }
    const extra = p.cell !== null && p.part !== 'source' ? sourceOf.get(p.cell) : undefined;
    for (const f of findTokens(text, { max: max - out.length, ...(extra !== undefined ? { extraContext: extra } : {}) })) {
      let n = starts.length - 1;
      while (n > 0 && starts[n]! > f.offset) n--;
      out.push({ ...f, line: g[n]!.line, where: describe(p) });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
