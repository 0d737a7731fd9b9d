// @process: core
// Import: find every token the client would read from the file (scanFile), and take tokens out of
// it once the vault holds them (removeTokens) so the client goes on to SYNAPSE_AUTH_TOKEN — with
// what that means for each profile touched (describeRemoval). No backup: it would be the
// plaintext copy the removal takes away.
import { writeFileAtomic } from '../../../atomic-file';
import { VaultError } from '../../../../shared/errors';
import { dropKey, newEdits, render } from './edit';
import { cleanConfigTemps, ioError, parseFile, readConfigFile, type ConfigFile } from './file';
import type { WriteOptions } from './export';
import { findSection, getValue, parseConfig, type ConfigDoc } from './parser';
import { CREDENTIAL_SECTION, DEFAULT_PROFILE, profileOf, profileOutcome, type ProfileOutcome } from './profiles';

export interface FoundToken {
  /** The sections whose credentials resolve to this token, in file order. */
  sections: string[];
  token: string;
  username?: string;
  /** True when the value comes from [DEFAULT] rather than the section itself. */
  fromDefaults: boolean;
}

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
