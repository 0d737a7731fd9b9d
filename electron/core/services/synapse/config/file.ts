// @process: core
// The .synapseConfig file on disk: reading it for a later write (symlinks written through, UTF-8
// only, no BOM, read-only respected), its version (to notice a change between preview and write),
// backups named as the client's own `synapse config` names them and bounded by a setting, and the
// temp files a crash may leave (each holds the whole file, token included). Every write is
// atomic (writeFileAtomic: temp file, fsync, rename) with mode 0600.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { removeStaleTemps } from '../../../atomic-file';
import { VaultError } from '../../../../shared/errors';
import { SYNAPSE_CONFIG_BACKUPS } from '../../../../shared/settings';
import { ConfigSyntaxError, getValue, parseConfig, type ConfigDoc } from './parser';

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

export function ioError(file: string, err: unknown, what: 'read' | 'write'): VaultError {
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

// its backups, so one set of names covers both.

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
export const occupied = (p: string) => fs.existsSync(p) || isLink(p);

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

/** File times come from a coarse kernel clock (a few milliseconds), so two exports in a row can
 * stamp their backups alike; the new one is moved just past the newest other so "oldest by mtime"
 * stays true. */
export function markNewest(file: string, backup: string): void {
  const newest = Math.max(-Infinity, ...listBackups(file).filter((b) => b.path !== backup).map((b) => b.mtimeMs));
  const st = fs.statSync(backup);
  if (st.mtimeMs <= newest) fs.utimesSync(backup, st.atime, new Date(Math.floor(newest) + 1));
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
