// @process: core
// Line-preserving edits of a parsed .synapseConfig: a key set in place (its indent, spelling,
// delimiter and spacing kept), a key dropped with its continuation lines, lines added after a
// section or at the end; every other line survives byte for byte. Also the masked view of lines
// and values the previews show (a secret never leaves the main process unmasked).
import { maskedPreview } from '../../../../shared/services';
import { OPTCRE, pyRstrip, pyStrip, SECTCRE, WS, type ConfigDoc, type SectionEntry } from './parser';
import { SECRET_KEYS } from './profiles';

export interface Edits {
  replace: Map<number, string>;
  drop: Set<number>;
  /** Lines inserted after the given index (-1 = at the very start). */
  after: Map<number, string[]>;
  /** Lines appended at the end of the file. */
  append: string[];
}

export const newEdits = (): Edits => ({ replace: new Map(), drop: new Set(), after: new Map(), append: [] });

/** The line with a new value, keeping its indent, key spelling, delimiter and spacing. */
export function withValue(text: string, value: string): string {
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

export function setKey(doc: ConfigDoc, s: SectionEntry, key: string, value: string, e: Edits, pending: string[]): void {
  const o = s.options.get(key);
  if (o) {
    e.replace.set(o.line, withValue(doc.lines[o.line]!.text, value));
    for (const c of o.continuation) e.drop.add(c);
  } else {
    pending.push(`${key} = ${value}`);
  }
}

export function dropKey(s: SectionEntry, key: string, e: Edits): boolean {
  const o = s.options.get(key);
  if (!o) return false;
  e.drop.add(o.line);
  for (const c of o.continuation) e.drop.add(c);
  return true;
}

export function render(doc: ConfigDoc, e: Edits): string {
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

/** One key the export changes: `before`/`after` are null when the key is absent, secrets masked. */
export interface KeyChange {
  key: string;
  before: string | null;
  after: string | null;
}

export function maskLine(text: string): string {
  const stripped = pyStrip(text);
  const m = OPTCRE.exec(stripped);
  if (!m || stripped.startsWith('#') || stripped.startsWith(';') || SECTCRE.test(stripped)) return text;
  const key = pyRstrip(m[1]!).toLowerCase();
  if (!SECRET_KEYS.has(key) || !m[3]) return text;
  return withValue(text, key === 'authtoken' ? maskedPreview(pyStrip(m[3])) : '••••');
}

/** A value as the preview may show it: secrets masked, an empty value named. */
export function shownValue(key: string, value: string): string {
  if (value === '') return '(empty)';
  if (key === 'authtoken') return maskedPreview(value);
  return SECRET_KEYS.has(key) ? '••••' : value;
}

/** Every key whose own value differs between a section before and after the write. */
export function keyChanges(before: SectionEntry | undefined, after: SectionEntry): KeyChange[] {
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
