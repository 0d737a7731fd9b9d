// @process: core
// Every file Synvault writes goes through here: a temp file in the same folder, fsync, rename,
// mode 0600 — so a crash leaves either the old file or the new one, never half of either.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** node:crypto, loaded at the first write rather than at start: loading it takes ~10 ms here, and
 * the CLI's fast path (read, exec, list) writes no file this way. */
const randomBytes = (n: number): Buffer => (require('node:crypto') as typeof import('node:crypto')).randomBytes(n);

export function writeFileAtomic(file: string, data: string | Buffer, opts: { beforeRename?: () => void } = {}): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    opts.beforeRename?.();
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  // fsync the folder so the rename itself survives a power cut (not supported on Windows).
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* directory fsync is best effort */
  }
}

export function appendPrivate(file: string, line: string): void {
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, line);
  } finally {
    fs.closeSync(fd);
  }
}

/** The temp name writeFileAtomic uses for `base`: a dot, the name, 12 hex digits, `.tmp`. */
const tempPattern = (base: string) => new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.tmp$`);

/** Removes temp files that a crash between write and rename left behind for the files named
 * `bases` (or whose names `bases` matches) in `dir`. They may hold a plaintext secret (a
 * .synapseConfig or its backup), so they must not outlive the next start or write. Only our own
 * exact pattern is touched. Returns the paths removed. */
export function removeStaleTemps(dir: string, bases: (string | RegExp)[]): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const patterns = bases.map((b) => (typeof b === 'string' ? tempPattern(b) : b));
  const removed: string[] = [];
  for (const name of names) {
    if (!patterns.some((p) => p.test(name))) continue;
    const p = path.join(dir, name);
    try {
      if (!fs.lstatSync(p).isFile()) continue;
      fs.rmSync(p, { force: true });
      removed.push(p);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}
