// @process: core
// What a crash can leave in the data folder besides the journal: a temp file of a file written
// only under the write lock (between its write and its rename). The token store removes them
// under the lock; the CLI's fast path hands a folder that has any to the full command line.
import * as fs from 'node:fs';
import { CATALOG_FILE } from './catalog';
import { PENDING_FILE } from './journal';
import { SYNC_FILE } from './services/synapse/sync-file';

/** Files written only under the write lock, whose crash leftovers the lock holder may remove. */
export const LOCKED_FILES = [CATALOG_FILE, PENDING_FILE, 'vault.lock.owner', 'settings.json', SYNC_FILE];

/** Whether `dataDir` holds a temp file of one of LOCKED_FILES. */
export function hasLockedTemps(dataDir: string): boolean {
  try {
    return fs.readdirSync(dataDir).some((n) => n.endsWith('.tmp') && LOCKED_FILES.some((f) => n.startsWith(`.${f}.`)));
  } catch {
    return false;
  }
}
