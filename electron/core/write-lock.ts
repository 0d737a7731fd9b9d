// @process: core
// Every change to the vault runs through one WriteLock: a queue inside the process, and a lock on
// the data folder shared by every process (the window, the CLI, a second window), so two writers
// never read the same catalog and save over each other. The cross-process lock is proper-lockfile
// (a directory made with mkdir, kept fresh while held, taken over when stale).
//
// proper-lockfile only recognises a dead holder by its lock going stale (10 s without a refresh).
// A CLI killed with SIGKILL would then make every other process wait those 10 s, so the holder
// also writes its pid beside the lock; a waiter on the same host whose holder's pid is gone takes
// the lock over at once. The takeover itself runs under a second short lock and checks that the
// lock directory is still the dead holder's (by inode), so two waiters cannot both take over.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { VaultError } from '../shared/errors';

export const LOCK_DIR = 'vault.lock';
const OWNER_FILE = 'vault.lock.owner';
const TAKEOVER_DIR = 'vault.lock.takeover';
/** A holder writes its record microseconds after making the lock; a lock this old without one was
 * left by a process that died in between. */
const ORPHAN_MS = 2000;

interface Owner {
  pid: number;
  host: string;
  /** Inode of the lock directory this owner made: proves the record is about the lock in place. */
  ino: number;
}

export interface WriteLockOptions {
  /** How long to wait for a live holder before giving up (ms). */
  waitMs?: number;
  /** Milliseconds without a refresh after which proper-lockfile calls a lock stale (min 2000). */
  staleMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly lockDir: string;
  private readonly ownerFile: string;
  private readonly waitMs: number;
  private readonly staleMs: number;

  constructor(private readonly dataDir: string, opts: WriteLockOptions = {}) {
    this.lockDir = path.join(dataDir, LOCK_DIR);
    this.ownerFile = path.join(dataDir, OWNER_FILE);
    this.waitMs = opts.waitMs ?? 60_000;
    this.staleMs = opts.staleMs ?? 10_000;
  }

  /** Runs fn alone: after every earlier call of this process, and while no other process writes. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(() => this.holding(fn));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async holding<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      fs.rmSync(this.ownerFile, { force: true });
      await release().catch(() => undefined);
    }
  }

  private async acquire(): Promise<() => Promise<void>> {
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const release = await lockfile.lock(this.dataDir, {
          lockfilePath: this.lockDir,
          realpath: false,
          stale: this.staleMs,
          retries: 0,
          // The default throws from a timer, which would take the process down. A compromised lock
          // (the event loop stalled past the stale time and another process took over) is a rare
          // overlap: the next write re-reads the catalog anyway.
          onCompromised: () => undefined,
        });
        this.writeOwner();
        return release;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
        else if (code !== 'ELOCKED') throw new VaultError('io', `Could not lock the vault folder ${this.dataDir} (${code ?? 'error'}). Nothing was changed.`);
        if (code === 'ELOCKED' && (await this.takeOverFromDeadHolder())) continue;
        if (Date.now() > deadline) {
          const owner = this.readOwner();
          throw new VaultError(
            'busy',
            `Another Synvault process${owner ? ` (pid ${owner.pid})` : ''} has been changing the vault for over ${Math.round(this.waitMs / 1000)} seconds, so nothing was changed. Wait for it to finish (it may be waiting for a keychain prompt), then try again.`,
          );
        }
        await sleep(Math.min(5 + attempt * 5, 100));
      }
    }
  }

  private writeOwner(): void {
    try {
      const owner: Owner = { pid: process.pid, host: os.hostname(), ino: fs.statSync(this.lockDir).ino };
      // Advisory, and rewritten on every acquire: no fsync (a torn record reads as none, and the
      // orphan rule covers it), which keeps the lock cheap for the common case.
      fs.writeFileSync(this.ownerFile, JSON.stringify(owner), { mode: 0o600 });
    } catch {
      /* Without the record a crash is still recovered, by staleness (slower). */
    }
  }

  private readOwner(): Owner | null {
    try {
      const o = JSON.parse(fs.readFileSync(this.ownerFile, 'utf8')) as Owner;
      return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.ino === 'number' ? o : null;
    } catch {
      return null;
    }
  }

  /** Whether the lock in place was left by a dead process: its record names a pid of this host
   * that no longer exists, or it has no record of its own and is older than ORPHAN_MS. */
  private orphaned(): { ino: number } | null {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.lockDir);
    } catch {
      return null;
    }
    const owner = this.readOwner();
    if (owner && owner.ino === st.ino) {
      return owner.host === os.hostname() && owner.pid !== process.pid && !alive(owner.pid) ? { ino: st.ino } : null;
    }
    return Date.now() - st.mtimeMs > ORPHAN_MS ? { ino: st.ino } : null;
  }

  /** True when a dead process's lock was removed (or was gone), so acquiring can be tried again. */
  private async takeOverFromDeadHolder(): Promise<boolean> {
    const seen = this.orphaned();
    if (!seen) return false;
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lockfile.lock(this.dataDir, { lockfilePath: path.join(this.dataDir, TAKEOVER_DIR), realpath: false, stale: 2000, retries: 0, onCompromised: () => undefined });
    } catch {
      return false; // another waiter is taking over; try again shortly
    }
    try {
      // Checked again under the takeover lock: the lock in place must still be the same orphan.
      const again = this.orphaned();
      if (!again || again.ino !== seen.ino) return !fs.existsSync(this.lockDir);
      fs.rmSync(this.ownerFile, { force: true });
      fs.rmSync(this.lockDir, { recursive: true, force: true });
      return true;
    } finally {
      await release().catch(() => undefined);
    }
  }
}
