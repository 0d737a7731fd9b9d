// @process: core
// .synapseConfig read as the Synapse clients read it: Python's configparser.RawConfigParser with
// its defaults (delimiters "=" and ":", whole-line comments "#" and ";", no inline comments,
// lower-cased keys, case-sensitive section names, [DEFAULT] leaking into every section, indented
// lines continuing a value, strict=True so a duplicate section or key is an error). The parser
// keeps every line's bytes, so an edit (edit.ts) touches only the lines it must and everything
// else survives byte for byte. Nothing here logs, and no error message quotes a value from the
// file (docs/services/synapse.md).
import { VaultError } from '../../../../shared/errors';

/** configparser's default_section. */
const DEFAULTSECT = 'DEFAULT';

// --- Python's notion of whitespace --------------------------------------------------------------
// str.strip() and the re module's \s / \S use str.isspace(), which differs from JavaScript's \s
// (Python counts \x1c-\x1f and \x85, JavaScript counts \ufeff). Using JS's set would let a BOM or
// a file-separator character parse differently here than in the client.
export const WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP = new RegExp(`^[${WS}]+|[${WS}]+$`, 'gu');
const RSTRIP = new RegExp(`[${WS}]+$`, 'u');
const NONSPACE = new RegExp(`[^${WS}]`, 'u');
/** configparser.SECTCRE: `\[(?P<header>.+)\]` with re.match (anchored at the start only, greedy). */
export const SECTCRE = /^\[(.+)\]/su;
/** configparser's OPTCRE for delimiters ("=", ":"): the first delimiter splits key from value. */
export const OPTCRE = new RegExp(`^(.*?)[${WS}]*([=:])[${WS}]*(.*)$`, 'su');

export const pyStrip = (s: string) => s.replace(STRIP, '');
export const pyRstrip = (s: string) => s.replace(RSTRIP, '');
const indentOf = (s: string) => {
  const m = NONSPACE.exec(s);
  return m ? m.index : 0;
};

// --- the parsed document -----------------------------------------------------------------------

export interface Line {
  /** The line's characters without its line ending. */
  text: string;
  /** "\n", "\r\n", "\r", or "" for a last line without one. */
  eol: string;
}

export interface OptionEntry {
  /** Lower-cased, as configparser's optionxform makes it. */
  key: string;
  /** Index of the `key = value` line. */
  line: number;
  /** Indexes of indented lines that continue the value. */
  continuation: number[];
  /** The value as configparser returns it. */
  value: string;
}

export interface SectionEntry {
  name: string;
  headerLine: number;
  options: Map<string, OptionEntry>;
  /** Last line that belongs to an option of this section (or the header when it has none). */
  lastContentLine: number;
}

export interface ConfigDoc {
  lines: Line[];
  /** Ordinary sections, in file order. [DEFAULT] is not among them. */
  sections: SectionEntry[];
  /** [DEFAULT]'s options (configparser merges every [DEFAULT] header into one). */
  defaults: Map<string, OptionEntry>;
  /** The file's own line ending, used for lines we add. */
  eol: string;
}

export type SyntaxProblem = 'missing-section-header' | 'duplicate-section' | 'duplicate-option' | 'not-an-option' | 'empty-key';

/** A file configparser would reject (we refuse to write into it, so we never make it worse or
 * "fix" it in a way the person did not ask for). Carries the 1-based line number, never the text. */
export class ConfigSyntaxError extends VaultError {
  constructor(
    readonly problem: SyntaxProblem,
    readonly lineNumber: number,
    what: string,
  ) {
    super('invalid-input', `Line ${lineNumber}: ${what}`);
  }
}

export const PROBLEM_TEXT: Record<SyntaxProblem, string> = {
  'missing-section-header': 'a setting comes before any [section] header. configparser (used by synapseclient) rejects such a file; put it under [authentication].',
  'duplicate-section': 'this section appears a second time. configparser (strict) rejects a repeated section; merge the two.',
  'duplicate-option': 'this key appears a second time in its section (keys are case-insensitive, so authToken and authtoken are the same key). configparser (strict) rejects that; keep one.',
  'not-an-option': 'this line is neither a [section], a comment, nor a "key = value" / "key: value" setting. configparser rejects it.',
  'empty-key': 'this line has a value but no key before the "=" or ":". configparser rejects it.',
};

function splitLines(text: string): Line[] {
  // Python reads the file in text mode with universal newlines: \r\n, \r and \n all end a line.
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** Parses text exactly as RawConfigParser._read does (Python 3.11), keeping line positions. */
export function parseConfig(text: string): ConfigDoc {
  const lines = splitLines(text);
  const sections: SectionEntry[] = [];
  const byName = new Map<string, SectionEntry>();
  const defaults = new Map<string, OptionEntry>();
  let cur: { name: string; options: Map<string, OptionEntry>; entry: SectionEntry | null } | null = null;
  let opt: OptionEntry | null = null;
  /** Raw value parts of the current option, joined at the end like _join_multiline_values. */
  const parts = new Map<OptionEntry, string[]>();
  let indentLevel = 0;
  let firstError: ConfigSyntaxError | null = null;
  const fail = (problem: SyntaxProblem, i: number) => new ConfigSyntaxError(problem, i + 1, PROBLEM_TEXT[problem]);

  lines.forEach((line, i) => {
    const stripped = pyStrip(line.text);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      // empty_lines_in_values=True: a blank (not comment) line is part of the current value.
      if (!isComment && cur && opt) parts.get(opt)!.push('');
      return;
    }
    const curIndent = indentOf(line.text);
    if (cur && opt && curIndent > indentLevel) {
      parts.get(opt)!.push(value);
      opt.continuation.push(i);
      if (cur.entry) cur.entry.lastContentLine = i;
      return;
    }
    indentLevel = curIndent;
    const sect = SECTCRE.exec(value);
    if (sect) {
      const name = sect[1]!;
      if (byName.has(name)) throw fail('duplicate-section', i);
      if (name === DEFAULTSECT) {
        cur = { name, options: defaults, entry: null };
      } else {
        const entry: SectionEntry = { name, headerLine: i, options: new Map(), lastContentLine: i };
        sections.push(entry);
        byName.set(name, entry);
        cur = { name, options: entry.options, entry };
      }
      opt = null;
      return;
    }
    if (!cur) throw fail('missing-section-header', i);
    const m = OPTCRE.exec(value);
    if (!m) {
      // configparser collects these and raises a ParsingError at the end of the file.
      firstError ??= fail('not-an-option', i);
      return;
    }
    if (!m[1]) {
      firstError ??= fail('empty-key', i);
    }
    const key = pyRstrip(m[1]!).toLowerCase();
    if (cur.options.has(key)) throw fail('duplicate-option', i);
    opt = { key, line: i, continuation: [], value: '' };
    parts.set(opt, [pyStrip(m[3]!)]);
    cur.options.set(key, opt);
    if (cur.entry) cur.entry.lastContentLine = i;
  });
  if (firstError) throw firstError;
  for (const [o, p] of parts) o.value = pyRstrip(p.join('\n'));
  const eol = lines.find((l) => l.eol)?.eol ?? '\n';
  return { lines, sections, defaults, eol };
}

export function findSection(doc: ConfigDoc, name: string): SectionEntry | undefined {
  return doc.sections.find((s) => s.name === name);
}

/** configparser's get(section, key): the section's own value, else [DEFAULT]'s. */
export function getValue(doc: ConfigDoc, section: string, key: string): string | undefined {
  const s = findSection(doc, section);
  if (!s) return undefined;
  return s.options.get(key)?.value ?? doc.defaults.get(key)?.value;
}

/** configparser's items(section): the section's own keys and [DEFAULT]'s, or null when there is
 * no such section. */
export function sectionItems(doc: ConfigDoc, name: string): Map<string, string> | null {
  const s = findSection(doc, name);
  if (!s) return null;
  const items = new Map<string, string>();
  for (const [k, o] of doc.defaults) items.set(k, o.value);
  for (const [k, o] of s.options) items.set(k, o.value);
  return items;
}
