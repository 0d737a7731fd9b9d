// @process: core
// Export: work out what writing a token into a profile's section(s) would do (planExport — the
// preview shows exactly that, secrets masked), then write that plan (writeExport): back up the old
// file, write atomically, read back and check that the profile resolves to the token, else put the
// old file back. A plan holds the token (newText); it stays in the main process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../atomic-file';
import type { ExportPreview } from '../../../../shared/contract/synapse';
import { fieldError, VaultError } from '../../../../shared/errors';
import { checkSynapsePat } from '../../../../shared/services/synapse';
import { dropKey, keyChanges, maskLine, newEdits, render, setKey, type KeyChange } from './edit';
import { cleanConfigTemps, ioError, markNewest, parseFile, planBackups, readConfigFile } from './file';
import { findSection, parseConfig, pyStrip, type SectionEntry } from './parser';
import { DEFAULT_PROFILE, PLAINTEXT_KEYS, profileSection, resolveProfile, validateProfile } from './profiles';

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

/** What an export will do. The fields the window sees are typed once, by the contract's
 * ExportPreview; the rest (the new text and backup, which hold the token) stay in the main process. */
export interface ExportPlan
  extends Pick<ExportPreview, 'realPath' | 'symlink' | 'exists' | 'version' | 'username' | 'backupPath' | 'backupLimit' | 'backupsRemoved' | 'warnings' | 'needsClient49'> {
  file: string;
  sections: SectionPlan[];
  /** The file's new text. Holds the token: never send a plan across the contract as is. */
  readonly newText: string;
  /** What the backup holds when it is not the old file byte for byte (removePlaintext left the
   * plaintext keys out of it too), else null. */
  readonly backupText: string | null;
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
  if (refusals.length) throw fieldError('synapseExportPreview', 'conflict', `${refusals.join(' ')} Nothing was changed.`, { replaceOtherUser: 'This section holds another user\'s credentials.' });
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

/** Plan and write in one go (for a command line that already showed or skipped a preview). */
export function exportToken(req: ExportRequest, opts: WriteOptions = {}): ExportResult {
  return writeExport(req, planExport(req), opts);
}
