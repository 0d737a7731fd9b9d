// @process: core
// The client's profile and credential rules: which section synapseclient reads a token from for a
// profile (>= 4.9, and the legacy clients that read only [authentication]), what it then does
// with SYNAPSE_AUTH_TOKEN, which keys hold secrets, and whether `synvault exec` may hand a token
// over past a given file (docs/services/synapse.md, "Which token synapseclient logs in with").
import * as fs from 'node:fs';
import { VaultError } from '../../../../shared/errors';
import { PROFILE_NAME, PROFILE_NAME_WORDING } from '../../../../shared/services/synapse';
import { ConfigSyntaxError, findSection, parseConfig, PROBLEM_TEXT, sectionItems, type ConfigDoc } from './parser';

/** Keys a client no longer reads (since v4.0) that still hold a plaintext secret. */
export const PLAINTEXT_KEYS = ['password', 'apikey'] as const;
export const SECRET_KEYS = new Set(['authtoken', 'password', 'apikey']);

/** The sections a client reads credentials from: those that belong to a profile. */
export const CREDENTIAL_SECTION = (name: string) => profileOf(name) !== null;

/** The file the clients read, in the home folder. */
export const CONFIG_FILE_NAME = '.synapseConfig';

export const DEFAULT_PROFILE = 'default';

export function profileSection(profile: string): string {
  return profile === DEFAULT_PROFILE ? 'default' : `profile ${profile}`;
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

export function validateProfile(profile: string): string {
  const p = profile.trim();
  if (p === DEFAULT_PROFILE) return p;
  if (!PROFILE_NAME.test(p)) {
    throw new VaultError('invalid-input', PROFILE_NAME_WORDING, {
      fields: { profile: 'Use letters, digits, ".", "-" or "_".' },
    });
  }
  return p;
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
