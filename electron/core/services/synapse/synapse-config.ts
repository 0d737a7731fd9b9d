// @process: core
// Read, merge and write ~/.synapseConfig the way the Synapse clients read it: Python's
// configparser.RawConfigParser with its defaults (delimiters "=" and ":", whole-line comments
// "#" and ";", no inline comments, lower-cased keys, case-sensitive section names, [DEFAULT]
// leaking into every section, indented lines continuing a value, strict=True so a duplicate
// section or key is an error). The parser keeps every line's bytes, so an edit touches only the
// lines it must and everything else survives byte for byte.
//
// Plain functions over a path, a token and a profile: the app and a command line call the same
// ones. Nothing here logs, and no error message quotes a value from the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { removeStaleTemps, writeFileAtomic } from '../../atomic-file';
import { VaultError } from '../../../shared/errors';
import { SYNAPSE_CONFIG_BACKUPS } from '../../../shared/settings';
import { checkSynapsePat, maskedPreview } from '../../token-kinds';

export const CONFIG_FILE_NAME = '.synapseConfig';
/** configparser's default_section. */
const DEFAULTSECT = 'DEFAULT';
/** Keys a client no longer reads (since v4.0) that still hold a plaintext secret. */
export const PLAINTEXT_KEYS = ['password', 'apikey'] as const;
const SECRET_KEYS = new Set(['authtoken', 'password', 'apikey']);

// --- Python's notion of whitespace --------------------------------------------------------------
// str.strip() and the re module's \s / \S use str.isspace(), which differs from JavaScript's \s
// (Python counts \x1c-\x1f and \x85, JavaScript counts \ufeff). Using JS's set would let a BOM or
// a file-separator character parse differently here than in the client.
const WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP = new RegExp(`^[${WS}]+|[${WS}]+$`, 'gu');
const RSTRIP = new RegExp(`[${WS}]+$`, 'u');
const NONSPACE = new RegExp(`[^${WS}]`, 'u');
/** configparser.SECTCRE: `\[(?P<header>.+)\]` with re.match (anchored at the start only, greedy). */
const SECTCRE = /^\[(.+)\]/su;
/** configparser's OPTCRE for delimiters ("=", ":"): the first delimiter splits key from value. */
const OPTCRE = new RegExp(`^(.*?)[${WS}]*([=:])[${WS}]*(.*)$`, 'su');

const pyStrip = (s: string) => s.replace(STRIP, '');
const pyRstrip = (s: string) => s.replace(RSTRIP, '');
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

const PROBLEM_TEXT: Record<SyntaxProblem, string> = {
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

// --- profiles ------------------------------------------------------------------------------------

export const DEFAULT_PROFILE = 'default';
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function profileSection(profile: string): string {
  return profile === DEFAULT_PROFILE ? 'default' : `profile ${profile}`;
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

export interface Resolved {
  /** The section the client reads credentials from, or null when it reads none (no
   * [authentication] to fall back to). */
  section: string | null;
  authtoken?: string;
  username?: string;
  /** The token comes from [DEFAULT], which configparser applies to every section. */
  tokenFromDefaults?: boolean;
  /** A named profile the client treats as absent (no [profile NAME], or one with no key at all,
   * [DEFAULT]'s included): it raises "Profile 'NAME' does not exist in the configuration file."
   * and never goes on to SYNAPSE_AUTH_TOKEN. */
  missingProfile?: true;
}

/** What synapseclient reads for a profile, as its get_config_authentication and
 * ConfigFileCredentialsProvider do (synapseclient >= 4.9): the profile's own section ([default]
 * for "default", [profile NAME] otherwise) when configparser gives it at least one key, [DEFAULT]'s
 * included; otherwise [authentication]. A named profile that fell back is an error, not a
 * fallback. `legacy` = clients before 4.9 and synapser, which read only [authentication]. */
export function resolveProfile(doc: ConfigDoc, profile: string, legacy = false): Resolved {
  let section: string | null;
  let items: Map<string, string> | null;
  let sectionName: string;
  const ownName = profileSection(profile);
  const own = legacy ? null : sectionItems(doc, ownName);
  if (own && own.size > 0) {
    section = ownName;
    items = own;
    sectionName = profile;
  } else {
    items = sectionItems(doc, 'authentication');
    section = items ? 'authentication' : null;
    sectionName = 'authentication';
  }
  // The client builds {"section_name": ..., **items}, so a key of that name in the file wins.
  sectionName = items?.get('section_name') ?? sectionName;
  if (!legacy && profile !== DEFAULT_PROFILE && profile !== sectionName) return { section: own && own.size > 0 ? ownName : null, missingProfile: true };
  const r: Resolved = { section };
  if (!section || !items) return r;
  const token = items.get('authtoken');
  const user = items.get('username');
  if (token !== undefined) {
    r.authtoken = token;
    if (!findSection(doc, section)!.options.has('authtoken')) r.tokenFromDefaults = true;
  }
  if (user !== undefined) r.username = user;
  return r;
}

/** What the client does with the file for a profile when a token also waits in SYNAPSE_AUTH_TOKEN:
 * - env: the file supplies no token, so the client goes on to the variable;
 * - file: a token from the file wins (the variable is never read);
 * - empty: `authtoken =` — the client sends no token at all, and never reads the variable;
 * - missing: a named profile the client treats as absent — it raises an error. */
export type ProfileOutcome =
  | { kind: 'env'; section: string | null }
  | { kind: 'file'; section: string; fromDefaults: boolean; username?: string }
  | { kind: 'empty'; section: string; fromDefaults: boolean }
  | { kind: 'missing'; section: string };

export function profileOutcome(doc: ConfigDoc, profile: string, legacy = false): ProfileOutcome {
  const r = resolveProfile(doc, profile, legacy);
  if (r.missingProfile) return { kind: 'missing', section: profileSection(profile) };
  if (r.authtoken === undefined || !r.section) return { kind: 'env', section: r.section };
  if (r.authtoken === '') return { kind: 'empty', section: r.section, fromDefaults: !!r.tokenFromDefaults };
  const out: ProfileOutcome = { kind: 'file', section: r.section, fromDefaults: !!r.tokenFromDefaults };
  if (r.username !== undefined) out.username = r.username;
  return out;
}

/** The profile a credential section serves: [default] and [authentication] serve "default",
 * [profile NAME] serves NAME; null for any other section. */
export function profileOf(section: string): string | null {
  if (section === 'default' || section === 'authentication') return DEFAULT_PROFILE;
  return section.startsWith('profile ') ? section.slice('profile '.length) : null;
}

// --- reading the file -----------------------------------------------------------------------------

export interface ConfigFile {
  /** The path the caller named. */
  path: string;
  /** Where the bytes really are (a symlink's target). */
  realPath: string;
  symlink: boolean;
  exists: boolean;
  bytes: Buffer;
  text: string;
  /** Short hash of the bytes, to notice a file changed between preview and write. */
  version: string;
}

const versionOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Reads a config file for a later write, refusing (with the file untouched) what we cannot
 * safely rewrite: not UTF-8, a byte-order mark, a folder, a dangling link, a read-only file. */
export function readConfigFile(file: string, opts: { forWrite?: boolean } = {}): ConfigFile {
  let lst: fs.Stats | null = null;
  try {
    lst = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(file, err, 'read');
  }
  if (!lst) {
    const dir = path.dirname(file);
    if (!fs.existsSync(dir)) throw new VaultError('not-found', `The folder ${dir} does not exist, so ${file} cannot be created there.`);
    const empty = Buffer.alloc(0);
    return { path: file, realPath: file, symlink: false, exists: false, bytes: empty, text: '', version: versionOf(empty) };
  }
  let realPath = file;
  const symlink = lst.isSymbolicLink();
  if (symlink) {
    // A dotfile manager (stow, chezmoi, a dotfiles repo) links ~/.synapseConfig elsewhere;
    // replacing the link with a plain file would silently detach it, so we write through to
    // the target instead.
    try {
      realPath = fs.realpathSync(file);
    } catch {
      throw new VaultError('not-found', `${file} is a symbolic link to a file that does not exist. Fix or remove the link, then try again. Nothing was changed.`);
    }
  }
  const st = fs.statSync(realPath);
  if (!st.isFile()) throw new VaultError('invalid-input', `${file} is not a regular file. Nothing was changed.`);
  if (opts.forWrite && (st.mode & 0o222) === 0) {
    // Checked on the mode bits, not access(): root may write anything, and an atomic rename
    // would replace a read-only file anyway — the person made it read-only for a reason.
    throw new VaultError('forbidden', `${file} is read-only (mode ${(st.mode & 0o777).toString(8)}). Synvault will not change a file you made read-only; make it writable (chmod u+w) if you want it updated. Nothing was changed.`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(realPath);
  } catch (err) {
    throw ioError(file, err, 'read');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new VaultError('invalid-input', `${file} is not UTF-8 text, so it cannot be read the way synapseclient reads it and Synvault will not rewrite it. Convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8) or choose another file. Nothing was changed.`);
  }
  if (text.startsWith('\ufeff')) {
    throw new VaultError('invalid-input', `${file} starts with a byte-order mark; configparser reads that as text before the first [section] and rejects the file. Save it as UTF-8 without BOM. Nothing was changed.`);
  }
  return { path: file, realPath, symlink, exists: true, bytes, text, version: versionOf(bytes) };
}

function ioError(file: string, err: unknown, what: 'read' | 'write'): VaultError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new VaultError('io', `Could not ${what} ${file} (${code}). Nothing was changed.`);
}

/** Parses a read file, refusing what configparser refuses. */
export function parseFile(f: ConfigFile): ConfigDoc {
  try {
    return parseConfig(f.text);
  } catch (err) {
    if (err instanceof ConfigSyntaxError) {
      throw new ConfigSyntaxError(err.problem, err.lineNumber, `${f.path} — ${err.message.replace(/^Line (\d+): /, 'line $1: ')} Synvault writes only into files configparser accepts. Nothing was changed.`);
    }
    throw err;
  }
}

// --- editing ------------------------------------------------------------------------------------

interface Edits {
  replace: Map<number, string>;
  drop: Set<number>;
  /** Lines inserted after the given index (-1 = at the very start). */
  after: Map<number, string[]>;
  /** Lines appended at the end of the file. */
  append: string[];
}

const newEdits = (): Edits => ({ replace: new Map(), drop: new Set(), after: new Map(), append: [] });

/** The line with a new value, keeping its indent, key spelling, delimiter and spacing. */
function withValue(text: string, value: string): string {
  const lead = text.length - text.replace(new RegExp(`^[${WS}]+`, 'u'), '').length;
  const stripped = pyStrip(text);
  const m = OPTCRE.exec(stripped)!;
  // The key holds no delimiter, so the first delimiter after it is the one that matched.
  const delimAt = lead + stripped.indexOf(m[2]!, m[1]!.length);
  const rest = text.slice(delimAt + 1);
  const space = rest.length - rest.replace(new RegExp(`^[${WS}]+`, 'u'), '').length;
  let head = text.slice(0, delimAt + 1 + space);
  if (value === '') return pyRstrip(head);
  if (space === 0 && /[ \t]$/.test(text.slice(0, delimAt))) head += ' ';
  return head + value;
}

function setKey(doc: ConfigDoc, s: SectionEntry, key: string, value: string, e: Edits, pending: string[]): void {
  const o = s.options.get(key);
  if (o) {
    e.replace.set(o.line, withValue(doc.lines[o.line]!.text, value));
    for (const c of o.continuation) e.drop.add(c);
  } else {
    pending.push(`${key} = ${value}`);
  }
}

function dropKey(s: SectionEntry, key: string, e: Edits): boolean {
  const o = s.options.get(key);
  if (!o) return false;
  e.drop.add(o.line);
  for (const c of o.continuation) e.drop.add(c);
  return true;
}

function render(doc: ConfigDoc, e: Edits): string {
  const out: string[] = [];
  const eol = doc.eol;
  const lines = doc.lines.map((l) => ({ ...l }));
  // A last line without a line ending gets one if anything follows it.
  const needsTail = e.append.length > 0 || e.after.has(lines.length - 1);
  if (needsTail && lines.length && lines[lines.length - 1]!.eol === '') lines[lines.length - 1]!.eol = eol;
  for (const add of e.after.get(-1) ?? []) out.push(add + eol);
  lines.forEach((l, i) => {
    if (!e.drop.has(i)) out.push((e.replace.get(i) ?? l.text) + l.eol);
    for (const add of e.after.get(i) ?? []) out.push(add + eol);
  });
  if (e.append.length) {
    const last = lines[lines.length - 1];
    if (last && pyStrip(last.text) !== '') out.push(eol);
    for (const add of e.append) out.push(add + eol);
  }
  return out.join('');
}

// --- export -------------------------------------------------------------------------------------

export interface ExportRequest {
  /** The file to write (e.g. ~/.synapseConfig). */
  file: string;
  token: string;
  /** "default" or a named profile. */
  profile: string;
  /** The token owner's userName, when known; otherwise `username` is removed, never left stale. */
  owner?: string;
  /** The owner's e-mails, when known: the client accepts any of them as `username` too. */
  ownerEmails?: string[];
  /** Write over a section whose `username` names someone else (or anyone, when the owner is not
   * known): that user's username, password and apikey go with it. Refused without this. */
  replaceOtherUser?: boolean;
  /** Remove `password` / `apikey` from the sections written (ignored by clients since 4.0). The
   * backup this write makes leaves them out too. */
  removePlaintext?: boolean;
  /** How many backups to keep (0-10, the synapseConfigBackups setting); 3 when not given. */
  backups?: number;
}

/** One key the export changes: `before`/`after` are null when the key is absent, secrets masked. */
export interface KeyChange {
  key: string;
  before: string | null;
  after: string | null;
}

export interface SectionPlan {
  name: string;
  created: boolean;
  /** The section as it will read, secrets masked. */
  preview: string[];
  /** Plaintext keys found there (password, apikey), as spelt lower-case. */
  plaintext: string[];
  /** Every key the write changes in this section, in the order written. */
  changes: KeyChange[];
  /** The `username` the section had when it names someone other than the token's owner (or
   * anyone, when the owner is not known). */
  otherUser?: string;
}

export interface ExportPlan {
  file: string;
  realPath: string;
  symlink: boolean;
  exists: boolean;
  /** Version of the file the plan was made from. */
  version: string;
  sections: SectionPlan[];
  username: { action: 'set'; value: string } | { action: 'removed' } | { action: 'none' };
  /** Where the previous file will be kept, or null when there is none (no file yet, or a limit of 0). */
  backupPath: string | null;
  /** How many backups are kept at most. */
  backupLimit: number;
  /** Older backups the write removes to stay within the limit, oldest first. */
  backupsRemoved: string[];
  warnings: string[];
  /** Named profiles are read by synapseclient 4.9 and later only. */
  needsClient49: boolean;
  /** The file's new text. Holds the token: never send a plan across the contract as is. */
  readonly newText: string;
  /** What the backup holds when it is not the old file byte for byte (removePlaintext left the
   * plaintext keys out of it too), else null. */
  readonly backupText: string | null;
}

export function validateProfile(profile: string): string {
  const p = profile.trim();
  if (p === DEFAULT_PROFILE) return p;
  if (!PROFILE_NAME.test(p)) {
    throw new VaultError('invalid-input', 'A profile name is "default" or 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit.', {
      fields: { profile: 'Use letters, digits, ".", "-" or "_".' },
    });
  }
  return p;
}

// --- backups and leftovers ----------------------------------------------------------------------
// A backup is a full plaintext copy of the old file, token included, so there are never more than
// the person allows (synapseConfigBackups), named the way the client's own `synapse config` names
// its backups, so one set of names covers both.

/** The n-th name the Synapse client's `synapse config` uses: .backup, .backup2, .backup3, … (no .backup1). */
export const backupName = (file: string, n: number): string => `${file}.backup${n > 1 ? n : ''}`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** .backup and .backupN — .backup1 included: earlier Synvault versions wrote it, and it is a plaintext copy all the same. */
const backupNameRe = (base: string) => new RegExp(`^${escapeRe(base)}\\.backup([1-9][0-9]*)?$`);
/** writeFileAtomic's temp file for any of those backups. */
const backupTempRe = (base: string) => new RegExp(`^\\.${escapeRe(base)}\\.backup([1-9][0-9]*)?\\.[0-9a-f]{12}\\.tmp$`);

const isLink = (p: string) => {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};
const occupied = (p: string) => fs.existsSync(p) || isLink(p);

/** The first free backup name, as the Synapse client's `synapse config` picks it. `taken` says
 * which names count as used (default: whatever is on disk, a link included). */
export function backupPathFor(file: string, taken: (candidate: string) => boolean = occupied): string {
  let n = 1;
  while (taken(backupName(file, n))) n++;
  return backupName(file, n);
}

export interface BackupFile {
  path: string;
  mtimeMs: number;
}

/** The backups of `file` in its folder, oldest first. Only regular files: a link or a folder of
 * that name is not ours to remove. */
export function listBackups(file: string): BackupFile[] {
  const dir = path.dirname(file);
  const re = backupNameRe(path.basename(file));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<BackupFile & { n: number }> = [];
  for (const name of names) {
    const m = re.exec(name);
    if (!m) continue;
    try {
      const st = fs.lstatSync(path.join(dir, name));
      if (st.isFile()) out.push({ path: path.join(dir, name), mtimeMs: st.mtimeMs, n: m[1] ? Number(m[1]) : 1 });
    } catch {
      /* gone meanwhile */
    }
  }
  return out.sort((a, b) => a.mtimeMs - b.mtimeMs || a.n - b.n).map(({ path: p, mtimeMs }) => ({ path: p, mtimeMs }));
}

export interface BackupPlan {
  /** The backup the write makes, or null (no old file, or a limit of 0). */
  path: string | null;
  /** Older backups removed first so that, with the new one, at most `limit` remain. */
  remove: string[];
  limit: number;
}

const backupLimit = (n: number | undefined) => (n === undefined || !Number.isInteger(n) ? SYNAPSE_CONFIG_BACKUPS.default : Math.min(SYNAPSE_CONFIG_BACKUPS.max, Math.max(SYNAPSE_CONFIG_BACKUPS.min, n)));

/** Which backups a write of `file` removes and which name its own backup gets. */
export function planBackups(file: string, limit: number | undefined, fileExists: boolean): BackupPlan {
  const max = backupLimit(limit);
  const makes = fileExists && max > 0;
  const all = listBackups(file);
  const keep = makes ? max - 1 : max;
  const remove = all.slice(0, Math.max(0, all.length - keep)).map((b) => b.path);
  const gone = new Set(remove);
  return { path: makes ? backupPathFor(file, (c) => !gone.has(c) && occupied(c)) : null, remove, limit: max };
}

/** Removes what a crash between a temp write and its rename left of `file` and its backups: such
 * a temp file holds the whole config, token included. Cheap (a readdir, two for a symlink), so it
 * runs at start and before every write. Returns the paths removed. */
export function cleanConfigTemps(file: string): string[] {
  const base = path.basename(file);
  const removed = removeStaleTemps(path.dirname(file), [base, backupTempRe(base)]);
  if (isLink(file)) {
    // The file itself is written through the link, so its temp file sits next to the target.
    try {
      const real = fs.realpathSync(file);
      removed.push(...removeStaleTemps(path.dirname(real), [path.basename(real)]));
    } catch {
      /* a dangling link has no target folder to clean */
    }
  }
  return removed;
}

function maskLine(text: string): string {
  const stripped = pyStrip(text);
  const m = OPTCRE.exec(stripped);
  if (!m || stripped.startsWith('#') || stripped.startsWith(';') || SECTCRE.test(stripped)) return text;
  const key = pyRstrip(m[1]!).toLowerCase();
  if (!SECRET_KEYS.has(key) || !m[3]) return text;
  return withValue(text, key === 'authtoken' ? maskedPreview(pyStrip(m[3])) : '••••');
}

/** A value as the preview may show it: secrets masked, an empty value named. */
function shownValue(key: string, value: string): string {
  if (value === '') return '(empty)';
  if (key === 'authtoken') return maskedPreview(value);
  return SECRET_KEYS.has(key) ? '••••' : value;
}

/** Every key whose own value differs between a section before and after the write. */
function keyChanges(before: SectionEntry | undefined, after: SectionEntry): KeyChange[] {
  const changes: KeyChange[] = [];
  const was = (k: string) => before?.options.get(k)?.value;
  for (const [k, o] of after.options) {
    const old = was(k);
    if (old !== o.value) changes.push({ key: k, before: old === undefined ? null : shownValue(k, old), after: shownValue(k, o.value) });
  }
  for (const [k, o] of before?.options ?? []) {
    if (!after.options.has(k)) changes.push({ key: k, before: shownValue(k, o.value), after: null });
  }
  return changes;
}

/** Synapse's sign-in matches a user name or e-mail ignoring case and anything not a letter or
 * digit, so names equal that way are one account (the client's own check is exact; the export
 * writes the exact userName, which mends it). */
const sameAccountName = (a: string, b: string) => a.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') === b.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The section's own `username` when it names someone other than the token's owner — or anyone,
 * when the owner is not known, since then nobody can tell. */
function otherUserIn(s: SectionEntry, req: ExportRequest): string | undefined {
  const u = s.options.get('username')?.value;
  if (u === undefined || u === '') return undefined;
  if (req.owner === undefined) return u;
  if (u === req.owner || sameAccountName(u, req.owner)) return undefined;
  if ((req.ownerEmails ?? []).some((m) => m === u || sameAccountName(m, u))) return undefined;
  return u;
}

function otherUserRefusal(section: string, user: string, plaintext: string[], owner: string | undefined): string {
  const secrets = plaintext.length ? `, with ${plaintext.join(' and ')}` : '';
  const whose = owner === undefined ? `this token's owner is not known (verify the token to learn it), so Synvault cannot tell whether it is ${user}` : `this token belongs to ${owner}`;
  return `[${section}] holds the credentials of ${user} (username = ${user}${secrets}), and ${whose}. Writing there would replace ${user}'s login for everything that reads that section. Export to another profile, or choose to replace that section's credentials (${user}'s username, password and apikey are then removed with the old token).`;
}

/** Works out what an export would write, without writing. Throws (file untouched) on anything
 * we refuse. */
export function planExport(req: ExportRequest): ExportPlan {
  const profile = validateProfile(req.profile);
  const token = req.token.trim();
  const decoded = checkSynapsePat(token);
  if (!decoded.scopes?.includes('view')) {
    throw new VaultError('invalid-input', 'This token lacks the "view" scope, and synapseclient refuses a token without it. Create one with View checked.');
  }
  if (req.owner !== undefined && (/[\r\n]/.test(req.owner) || pyStrip(req.owner) !== req.owner || req.owner === '')) {
    throw new VaultError('invalid-input', 'The owner username cannot be written: it is empty, has line breaks, or starts/ends with spaces.');
  }
  const f = readConfigFile(req.file, { forWrite: true });
  const doc = parseFile(f);
  const e = newEdits();
  /** The same removals, alone: applied to the old file they give the backup. */
  const backupEdits = newEdits();
  const warnings: string[] = [];
  const targets = profile === DEFAULT_PROFILE ? ['authentication', ...(findSection(doc, 'default') ? ['default'] : [])] : [profileSection(profile)];
  const plans: SectionPlan[] = [];
  const newSections: string[][] = [];
  const refusals: string[] = [];
  for (const name of targets) {
    const s = findSection(doc, name);
    const pending: string[] = [];
    const plaintext = s ? PLAINTEXT_KEYS.filter((k) => s.options.has(k)) : [];
    const other = s ? otherUserIn(s, req) : undefined;
    if (other !== undefined && !req.replaceOtherUser) refusals.push(otherUserRefusal(name, other, plaintext, req.owner));
    if (s) {
      if (req.owner !== undefined) setKey(doc, s, 'username', req.owner, e, pending);
      else dropKey(s, 'username', e);
      setKey(doc, s, 'authtoken', token, e, pending);
      // Another user's plaintext secrets go with their username; a backup is then made without
      // them too, as for removePlaintext.
      if (req.removePlaintext || other !== undefined) {
        for (const k of plaintext) {
          dropKey(s, k, e);
          dropKey(s, k, backupEdits);
        }
      }
      if (pending.length) {
        const at = s.lastContentLine;
        e.after.set(at, [...(e.after.get(at) ?? []), ...pending]);
      }
    } else {
      const lines = [`[${name}]`];
      if (req.owner !== undefined) lines.push(`username = ${req.owner}`);
      lines.push(`authtoken = ${token}`);
      newSections.push(lines);
    }
    const plan: SectionPlan = { name, created: !s, preview: [], plaintext, changes: [] };
    if (other !== undefined) plan.otherUser = other;
    plans.push(plan);
  }
  if (refusals.length) throw new VaultError('conflict', `${refusals.join(' ')} Nothing was changed.`, { fields: { replaceOtherUser: 'This section holds another user\'s credentials.' } });
  newSections.forEach((lines, n) => {
    if (n > 0) e.append.push('');
    e.append.push(...lines);
  });
  const newText = render(doc, e);

  // Preview from the result itself, so it shows exactly what will be on disk.
  const after = parseConfig(newText);
  for (const p of plans) {
    const s = findSection(after, p.name)!;
    const next = after.sections[after.sections.indexOf(s) + 1];
    const end = next ? next.headerLine - 1 : after.lines.length - 1;
    let last = end;
    while (last > s.headerLine && pyStrip(after.lines[last]!.text) === '') last--;
    p.preview = after.lines.slice(s.headerLine, last + 1).map((l) => maskLine(l.text));
    p.changes = keyChanges(findSection(doc, p.name), s);
    if (p.plaintext.length && !req.removePlaintext && p.otherUser === undefined) {
      warnings.push(`[${p.name}] holds ${p.plaintext.join(' and ')} in plain text. Clients ignore ${p.plaintext.length > 1 ? 'them' : 'it'} since synapseclient 4.0, so ${p.plaintext.length > 1 ? 'they protect' : 'it protects'} nothing and only exposes a secret; you can remove ${p.plaintext.length > 1 ? 'them' : 'it'}.`);
    }
  }
  if (req.owner === undefined && doc.defaults.has('username')) {
    warnings.push('[DEFAULT] sets a username, which configparser applies to every section; if it is not this token\'s owner, the client will refuse to log in.');
  }
  if (req.owner === undefined) warnings.push('The token\'s owner is not known (verify it first to learn it), so username is left out of the section.');
  const backups = planBackups(f.path, req.backups, f.exists);
  if (backups.remove.length) {
    const n = backups.remove.length;
    const names = backups.remove.slice(-5).map((p) => path.basename(p)).join(', ') + (n > 5 ? ` and ${n - 5} older` : '');
    warnings.push(
      backups.limit === 0
        ? `No backup of this file is kept (the synapseConfigBackups setting is 0), so writing removes ${n === 1 ? 'the one' : `the ${n}`} already there: ${names}.`
        : `Synvault keeps at most ${backups.limit} backup${backups.limit === 1 ? '' : 's'} of this file (each is a plaintext copy with its token), so writing removes ${n === 1 ? 'the oldest' : `the ${n} oldest`}: ${names}.`,
    );
  }
  const needsClient49 = profile !== DEFAULT_PROFILE;
  if (needsClient49) warnings.push(`Profile "${profile}" is read by synapseclient 4.9 or later (login(profile="${profile}") or SYNAPSE_PROFILE); synapser and older clients read only [authentication].`);
  const plan: ExportPlan = {
    file: f.path,
    realPath: f.realPath,
    symlink: f.symlink,
    exists: f.exists,
    version: f.version,
    sections: plans,
    username: req.owner !== undefined ? { action: 'set', value: req.owner } : targets.some((t) => findSection(doc, t)?.options.has('username')) ? { action: 'removed' } : { action: 'none' },
    backupPath: backups.path,
    backupLimit: backups.limit,
    backupsRemoved: backups.remove,
    warnings,
    needsClient49,
    newText,
    backupText: backupEdits.drop.size ? render(doc, backupEdits) : null,
  };
  Object.defineProperty(plan, 'newText', { enumerable: false });
  Object.defineProperty(plan, 'backupText', { enumerable: false });
  return plan;
}

export interface WriteOptions {
  /** Refuse if the file changed since the plan was made (the version the preview showed). */
  expectVersion?: string;
  /** Test hook passed to writeFileAtomic (a crash between write and rename). */
  beforeRename?: () => void;
  /** The same, for the backup's write. */
  beforeBackupRename?: () => void;
}

export interface ExportResult {
  file: string;
  realPath: string;
  backupPath: string | null;
  backupLimit: number;
  /** Older backups removed to stay within the limit. */
  backupsRemoved: string[];
  sections: string[];
  /** The profile read back from disk with configparser's rules resolves to the token. */
  verified: true;
}

/** Writes a plan: back up the old file, write atomically (0600), read back and check. */
export function writeExport(req: ExportRequest, plan: ExportPlan, opts: WriteOptions = {}): ExportResult {
  cleanConfigTemps(plan.file);
  const current = readConfigFile(plan.file, { forWrite: true });
  if (current.version !== plan.version || (opts.expectVersion && opts.expectVersion !== current.version)) {
    throw new VaultError('conflict', `${plan.file} changed since the preview was made. Review the preview again. Nothing was changed.`);
  }
  // Planned again: another export may have added a backup since the preview.
  const backups = planBackups(plan.file, req.backups, current.exists);
  for (const old of backups.remove) {
    try {
      fs.rmSync(old, { force: true });
    } catch (err) {
      throw new VaultError('io', `Could not remove the old backup ${old} (${(err as NodeJS.ErrnoException).code ?? 'error'}), so ${plan.file} was not changed.`);
    }
  }
  if (backups.path) {
    try {
      writeFileAtomic(backups.path, plan.backupText ?? current.bytes, opts.beforeBackupRename ? { beforeRename: opts.beforeBackupRename } : {});
      markNewest(plan.file, backups.path);
    } catch (err) {
      throw ioError(backups.path, err, 'write');
    }
  }
  try {
    writeFileAtomic(current.realPath, plan.newText, opts.beforeRename ? { beforeRename: opts.beforeRename } : {});
  } catch (err) {
    throw ioError(plan.file, err, 'write');
  }
  const profile = validateProfile(req.profile);
  const check = () => {
    const back = parseConfig(readConfigFile(plan.file).text);
    const modern = resolveProfile(back, profile);
    const ok = modern.authtoken === req.token.trim() && (profile !== DEFAULT_PROFILE || resolveProfile(back, profile, true).authtoken === req.token.trim());
    const userOk = req.owner === undefined || modern.username === req.owner;
    return ok && userOk;
  };
  let verified = false;
  try {
    verified = check();
  } catch {
    verified = false;
  }
  if (!verified) {
    if (current.exists) writeFileAtomic(current.realPath, current.bytes);
    else fs.rmSync(current.realPath, { force: true });
    throw new VaultError('internal', `After writing, ${plan.file} did not read back with the chosen profile resolving to the token, so the previous file was put back. Please report this.`);
  }
  return {
    file: plan.file,
    realPath: current.realPath,
    backupPath: backups.path,
    backupLimit: backups.limit,
    backupsRemoved: backups.remove,
    sections: plan.sections.map((s) => s.name),
    verified: true,
  };
}

/** File times come from a coarse kernel clock (a few milliseconds), so two exports in a row can
 * stamp their backups alike; the new one is moved just past the newest other so "oldest by mtime"
 * stays true. */
function markNewest(file: string, backup: string): void {
  const newest = Math.max(-Infinity, ...listBackups(file).filter((b) => b.path !== backup).map((b) => b.mtimeMs));
  const st = fs.statSync(backup);
  if (st.mtimeMs <= newest) fs.utimesSync(backup, st.atime, new Date(Math.floor(newest) + 1));
}

/** Plan and write in one go (for a command line that already showed or skipped a preview). */
export function exportToken(req: ExportRequest, opts: WriteOptions = {}): ExportResult {
  return writeExport(req, planExport(req), opts);
}

// --- import -------------------------------------------------------------------------------------

export interface FoundToken {
  /** The sections whose credentials resolve to this token, in file order. */
  sections: string[];
  token: string;
  username?: string;
  /** True when the value comes from [DEFAULT] rather than the section itself. */
  fromDefaults: boolean;
}

const CREDENTIAL_SECTION = (name: string) => name === 'authentication' || name === 'default' || name.startsWith('profile ');

/** Every authtoken that [authentication], [default] or [profile *] resolves to (deduplicated). */
export function findTokens(doc: ConfigDoc): FoundToken[] {
  const found: FoundToken[] = [];
  for (const s of doc.sections) {
    if (!CREDENTIAL_SECTION(s.name)) continue;
    const token = getValue(doc, s.name, 'authtoken');
    if (!token) continue;
    const same = found.find((f) => f.token === token);
    if (same) {
      same.sections.push(s.name);
      continue;
    }
    const entry: FoundToken = { sections: [s.name], token, fromDefaults: !s.options.has('authtoken') };
    const user = getValue(doc, s.name, 'username');
    if (user) entry.username = user;
    found.push(entry);
  }
  return found;
}

export function scanFile(file: string): { file: ConfigFile; tokens: FoundToken[]; emptyTokens: string[] } {
  const f = readConfigFile(file);
  if (!f.exists) return { file: f, tokens: [], emptyTokens: [] };
  const doc = parseFile(f);
  return { file: f, tokens: findTokens(doc), emptyTokens: emptyTokenSections(doc) };
}

/** Sections with an own `authtoken =` line and nothing after it (what earlier Synvault versions'
 * "blank" left): the client then sends no token at all and never reads SYNAPSE_AUTH_TOKEN. */
export function emptyTokenSections(doc: ConfigDoc): string[] {
  return doc.sections.filter((s) => CREDENTIAL_SECTION(s.name) && s.options.get('authtoken')?.value === '').map((s) => s.name);
}

export interface RemovalResult {
  /** Sections whose `authtoken` line was deleted. */
  removed: string[];
  /** Sections whose `username` line was kept because it is the last key that makes the client
   * read the section at all (see removeTokens). */
  keptUsername: string[];
  /** For each profile the removal touched, what the client now does with the file. */
  outcomes: Array<{ profile: string; legacy: boolean; outcome: ProfileOutcome }>;
}

/** Deletes the `authtoken` line (and its continuation lines) in the given sections, so that the
 * client, finding no token there, goes on to SYNAPSE_AUTH_TOKEN. An empty `authtoken =` would
 * not do: the client would send no token and never read the variable. The section's `username`
 * goes too — except when it is the section's last key and the section is [default] or
 * [profile NAME]: the client treats a section with no key as absent, so an emptied
 * [profile NAME] makes it raise "Profile 'NAME' does not exist", and an emptied [default] sends
 * it to [authentication]. A username with no token beside it is never checked (the client
 * compares it only with a token from the same section), so keeping it is harmless.
 *
 * A token that comes from [DEFAULT] is left alone: configparser applies it to every section, so
 * the caller reports it (see `outcomes`). `alsoEmpty` deletes `authtoken =` lines too.
 * No backup is kept — it would be another plaintext copy, which is what this removes. */
export function removeTokens(file: string, sections: string[], opts: WriteOptions & { alsoEmpty?: boolean } = {}): RemovalResult {
  cleanConfigTemps(file);
  const f = readConfigFile(file, { forWrite: true });
  if (opts.expectVersion && opts.expectVersion !== f.version) {
    throw new VaultError('conflict', `${file} changed since it was read. Scan it again. Nothing was changed.`);
  }
  const doc = parseFile(f);
  const e = newEdits();
  const result: RemovalResult = { removed: [], keptUsername: [], outcomes: [] };
  const wanted = new Set(sections);
  if (opts.alsoEmpty) for (const name of emptyTokenSections(doc)) wanted.add(name);
  for (const name of wanted) {
    const s = findSection(doc, name);
    if (!s || !s.options.has('authtoken')) continue;
    dropKey(s, 'authtoken', e);
    result.removed.push(name);
    if (!s.options.has('username')) continue;
    const othersLeft = [...s.options.keys()].some((k) => k !== 'authtoken' && k !== 'username') || doc.defaults.size > 0;
    if (!othersLeft && name !== 'authentication') result.keptUsername.push(name);
    else dropKey(s, 'username', e);
  }
  if (!result.removed.length) return result;
  const text = render(doc, e);
  try {
    writeFileAtomic(f.realPath, text, opts.beforeRename ? { beforeRename: opts.beforeRename } : {});
  } catch (err) {
    throw ioError(file, err, 'write');
  }
  const after = parseConfig(text);
  const profiles = new Set(result.removed.map(profileOf).filter((p): p is string => p !== null));
  for (const profile of profiles) result.outcomes.push({ profile, legacy: false, outcome: profileOutcome(after, profile) });
  if (result.removed.includes('authentication')) result.outcomes.push({ profile: DEFAULT_PROFILE, legacy: true, outcome: profileOutcome(after, DEFAULT_PROFILE, true) });
  return result;
}

const profileWords = (profile: string) => (profile === DEFAULT_PROFILE ? 'Profile "default"' : `Profile "${profile}" (SYNAPSE_PROFILE=${profile})`);

/** What a removal means for the person's scripts, profile by profile: a sentence that says
 * SYNAPSE_AUTH_TOKEN supplies the token only where the client will really reach it; `warnings`
 * for every profile where it will not. */
export function describeRemoval(r: RemovalResult): { note: string; warnings: string[] } {
  const notes: string[] = [];
  const warnings: string[] = [];
  for (const { profile, legacy, outcome: o } of r.outcomes) {
    if (o.kind === 'env') {
      if (legacy) notes.push('Clients before synapseclient 4.9, and synapser, read [authentication], which holds no token now: they too use SYNAPSE_AUTH_TOKEN.');
      else notes.push(`${profileWords(profile)} now finds no token in the file${o.section ? ` ([${o.section}])` : ''}, so synapseclient uses SYNAPSE_AUTH_TOKEN — synvault exec puts the token there.`);
    } else if (o.kind === 'file') {
      const why = o.fromDefaults
        ? `[${o.section}] inherits an authtoken from [DEFAULT], which configparser applies to every section; delete that line under [DEFAULT] if no section needs it`
        : `[${o.section}] still holds a token; import it too with removal, or delete its authtoken line`;
      warnings.push(`${legacy ? 'Clients before synapseclient 4.9 (and synapser)' : profileWords(profile)} still get${legacy ? '' : 's'} a token from the file and never read SYNAPSE_AUTH_TOKEN: ${why}.`);
    } else if (o.kind === 'empty') {
      warnings.push(`${profileWords(profile)}: [${o.section}] has an empty authtoken${o.fromDefaults ? ' (from [DEFAULT])' : ''}, so synapseclient sends no token at all and never reads SYNAPSE_AUTH_TOKEN; delete that line.`);
    } else {
      warnings.push(
        `[${o.section}] is now empty, and synapseclient treats an empty profile as missing: with SYNAPSE_PROFILE=${profile} (or login(profile="${profile}")) it raises "Profile '${profile}' does not exist in the configuration file." instead of reading SYNAPSE_AUTH_TOKEN. Add a line "username = <your Synapse user name>" under [${o.section}] to keep the profile, or use the default profile.`,
      );
    }
  }
  for (const name of r.keptUsername) {
    notes.push(`The username line in [${name}] was kept: it is that section's last key, and the client treats a section with no key as absent. With no token beside it the client never checks it.`);
  }
  return { note: `Removed the token from [${r.removed.join('], [')}]; the keychain keeps it. ${notes.join(' ')}`.trim(), warnings };
}

export type HandOverCheck =
  | { ok: true; file: string; profile: string; section: string | null; exists: boolean }
  | { ok: false; file: string; profile: string; outcome: Exclude<ProfileOutcome, { kind: 'env' }>; exists: boolean }
  | { ok: false; file: string; profile: string; unreadable: string; exists: true };

/** Whether synapseclient, run with `profile`, would reach SYNAPSE_AUTH_TOKEN past `file` — read the
 * way the client reads it: configparser's read() skips a file it cannot open (missing, a folder,
 * no permission) as if there were none, and raises on one it cannot parse. A named profile is
 * checked even without a file: the client raises for it all the same. */
export function checkHandOver(file: string, profile: string): HandOverCheck {
  let bytes: Buffer | null = null;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    bytes = null;
  }
  let doc: ConfigDoc;
  if (bytes === null) doc = parseConfig('');
  else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return { ok: false, file, profile, unreadable: 'it is not UTF-8 text', exists: true };
    }
    if (text.startsWith('\ufeff')) return { ok: false, file, profile, unreadable: 'it starts with a byte-order mark, which configparser reads as text before the first [section]', exists: true };
    try {
      doc = parseConfig(text);
    } catch (err) {
      if (!(err instanceof ConfigSyntaxError)) throw err;
      return { ok: false, file, profile, unreadable: `line ${err.lineNumber}: ${PROBLEM_TEXT[err.problem]}`, exists: true };
    }
  }
  const outcome = profileOutcome(doc, profile);
  const exists = bytes !== null;
  if (outcome.kind === 'env') return { ok: true, file, profile, section: outcome.section, exists };
  return { ok: false, file, profile, outcome, exists };
}

/** [endpoints] authEndpoint / repoEndpoint, when the file has them (null otherwise, or when the
 * file cannot be read: a broken file must not block the app from reaching Synapse). */
export function configEndpoints(file: string): { auth?: string; repo?: string } {
  try {
    const f = readConfigFile(file);
    if (!f.exists) return {};
    const doc = parseConfig(f.text);
    const out: { auth?: string; repo?: string } = {};
    const auth = getValue(doc, 'endpoints', 'authendpoint');
    const repo = getValue(doc, 'endpoints', 'repoendpoint');
    if (auth) out.auth = auth;
    if (repo) out.repo = repo;
    return out;
  } catch {
    return {};
  }
}
