// @process: core
// One section of a .synapseConfig as a place a token lives (docs/architecture.md, "Where used"):
// what it holds, told by fingerprint (the token store's, never the value leaving this module);
// every section that holds a given token; and a rotation's rewrite of exactly those sections'
// `authtoken` — each value replaced in place, every other line kept byte for byte, read back.
import { writeFileAtomic } from '../../../atomic-file';
import { fingerprint } from '../../../token-store';
import { VaultError } from '../../../../shared/errors';
import { newEdits, render, withValue } from './edit';
import { cleanConfigTemps, ioError, parseFile, readConfigFile, type ConfigFile } from './file';
import { findSection, parseConfig, type ConfigDoc, type OptionEntry } from './parser';
import { CREDENTIAL_SECTION } from './profiles';
import type { PlaceState } from '../../../../shared/contract/rotate';

/** configparser's defaults section: its keys leak into every section, so a token there is read
 * for every profile that has none of its own. Named like this in a place. */
export const DEFAULT_SECTION = 'DEFAULT';

/** What a place holds: a token (by fingerprint), or why there is none. */
export type PlaceRead = { state: 'token'; fingerprint: string } | { state: Exclude<PlaceState, 'holds-this' | 'holds-other'>; detail?: string };

const optionsOf = (doc: ConfigDoc, section: string): Map<string, OptionEntry> | undefined =>
  section === DEFAULT_SECTION ? doc.defaults : findSection(doc, section)?.options;

function readDoc(file: string): { f: ConfigFile; doc: ConfigDoc } | Exclude<PlaceRead, { state: 'token' }> {
  let f: ConfigFile;
  try {
    f = readConfigFile(file);
  } catch (err) {
    // A missing folder or a dangling link: the file is gone all the same.
    if (err instanceof VaultError && err.code === 'not-found') return { state: 'file-gone' };
    return { state: 'unreadable', detail: err instanceof VaultError ? err.message : `${file} could not be read.` };
  }
  if (!f.exists) return { state: 'file-gone' };
  try {
    return { f, doc: parseFile(f) };
  } catch (err) {
    return { state: 'unreadable', detail: err instanceof VaultError ? err.message : `${file} could not be parsed.` };
  }
}

/** What the section's own `authtoken` holds now (a value inherited from [DEFAULT] is not the
 * section's: the vault never wrote it there). */
export function readSection(file: string, section: string): PlaceRead {
  const r = readDoc(file);
  if (!('doc' in r)) return r;
  const options = optionsOf(r.doc, section);
  if (!options) return { state: 'section-gone' };
  const value = options.get('authtoken')?.value;
  if (!value) return { state: 'no-token' };
  return { state: 'token', fingerprint: fingerprint(value) };
}

/** Every credential section (and [DEFAULT]) whose own `authtoken` is the token with this
 * fingerprint — where a rotation must write the successor even if the vault did not put it there.
 * A file that is missing or cannot be read holds none we can know of. */
export function sectionsHolding(file: string, fp: string): string[] {
  const r = readDoc(file);
  if (!('doc' in r)) return [];
  const out: string[] = [];
  const own = (o: Map<string, OptionEntry>) => {
    const v = o.get('authtoken')?.value;
    return !!v && fingerprint(v) === fp;
  };
  if (own(r.doc.defaults)) out.push(DEFAULT_SECTION);
  for (const s of r.doc.sections) if (CREDENTIAL_SECTION(s.name) && own(s.options)) out.push(s.name);
  return out;
}

export interface ReplaceResult {
  /** Sections whose authtoken now holds the new token. */
  replaced: string[];
  /** Sections asked for that did not hold the old token when the file was read (left alone). */
  left: Array<{ section: string; read: Exclude<PlaceRead, { state: 'token' }> | { state: 'holds-other' } }>;
}

/** Rewrites `authtoken` in those of `sections` that hold the token with fingerprint `oldFp`, with
 * `newToken`: the value replaced in its own line (indent, spelling and delimiter kept), nothing
 * else changed, written atomically (0600) and read back; a read-back that disagrees puts the old
 * file back. No backup is made: the only change is the token, and a backup would be one more
 * plaintext copy of a token about to be revoked (docs/rotate.md). Throws, file untouched, on what
 * an export refuses too (read-only, not UTF-8, a file configparser rejects). */
export function replaceToken(file: string, sections: string[], oldFp: string, newToken: string): ReplaceResult {
  cleanConfigTemps(file);
  const result: ReplaceResult = { replaced: [], left: [] };
  const f = readConfigFile(file, { forWrite: true });
  if (!f.exists) {
    for (const section of sections) result.left.push({ section, read: { state: 'file-gone' } });
    return result;
  }
  const doc = parseFile(f);
  const e = newEdits();
  for (const section of sections) {
    const options = optionsOf(doc, section);
    const o = options?.get('authtoken');
    if (!options) result.left.push({ section, read: { state: 'section-gone' } });
    else if (!o || o.value === '') result.left.push({ section, read: { state: 'no-token' } });
    else if (fingerprint(o.value) !== oldFp) result.left.push({ section, read: { state: 'holds-other' } });
    else {
      e.replace.set(o.line, withValue(doc.lines[o.line]!.text, newToken));
      for (const c of o.continuation) e.drop.add(c);
      result.replaced.push(section);
    }
  }
  if (!result.replaced.length) return result;
  const text = render(doc, e);
  try {
    writeFileAtomic(f.realPath, text);
  } catch (err) {
    throw ioError(file, err, 'write');
  }
  let ok = false;
  try {
    const back = parseConfig(readConfigFile(file).text);
    ok = result.replaced.every((s) => optionsOf(back, s)?.get('authtoken')?.value === newToken);
  } catch {
    ok = false;
  }
  if (!ok) {
    writeFileAtomic(f.realPath, f.bytes);
    throw new VaultError('internal', `After writing, ${file} did not read back with the new token in [${result.replaced.join('], [')}], so the previous file was put back. Please report this.`);
  }
  return result;
}
