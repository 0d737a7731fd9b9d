// @process: core
// The token store's journal, `pending.json`: names a change before the keychain is touched and
// goes once the catalog agrees, so the next process that opens the vault can finish or undo a
// change a crash cut short (docs/keychain.md, "Crash safety: the journal").
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogRecord } from './catalog';

export const PENDING_FILE = 'pending.json';

/** A change in flight. Holds account names and metadata, never a secret. */
export type Pending =
  | { op: 'add'; record: CatalogRecord }
  | { op: 'remove'; record: CatalogRecord }
  /** A rename: the secret was copied to `to`; `from` is deleted once the catalog points at `to`. */
  | { op: 'move'; id: string; from: string; to: string }
  | { op: 'replace'; id: string; account: string };

export class Journal {
  readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, PENDING_FILE);
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** One small write() (no temp file, no fsync): a killed process cannot tear it, and if a power
   * cut loses it the entry it names is a stray the next window start adds back. */
  set(p: Pending): void {
    fs.writeFileSync(this.file, JSON.stringify(p), { mode: 0o600 });
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }

  /** The change left by a crash, or null. A torn or unreadable journal means nothing was started
   * (the keychain is touched only after it is written), so it is dropped. */
  read(): Pending | null {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Pending;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.clear();
      return null;
    }
  }
}
