// @process: core
// Synapse's last sync, kept so it survives a restart. What Synapse said about each token the vault
// holds is on its catalog record (TokenSummary.server, written by the token store's update path).
// The rest of a sync — per user, when it ran, why it could not list, and the tokens Synapse holds
// that the vault does not (names, ids, scopes, dates: what synapse.org shows, never a token) — is
// in synapse-sync.json beside the catalog, written under the data folder's write lock. The report
// the window shows is built from both (syncReport), so a revoke, a remove or a verify changes it
// at once, with no new sync, and its counts are always the rows it shows (docs/services/synapse.md,
// "Sync").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../atomic-file';
import type { WriteLock } from '../../write-lock';
import { VaultError } from '../../../shared/errors';
import { serverStateOf, type TokenSummary } from '../../../shared/model';
import type { SyncReport, SyncRow, SyncUser } from '../../../shared/contract/synapse';
import { daysLeft, NEAR_CAP, TOKEN_CAP } from '../../../shared/services/synapse';

import { SYNC_FILE } from './sync-file';
export { SYNC_FILE };
export const SYNC_VERSION = 1 as const;

const otherSchema = z.object({
  recordId: z.string(),
  name: z.string(),
  state: z.enum(['ACTIVE', 'EXPIRED']),
  scopes: z.array(z.string()),
  createdOn: z.string(),
  lastUsed: z.string().optional(),
});
const userSchema = z.object({
  userId: z.string(),
  username: z.string().optional(),
  /** Why the user's tokens could not be listed at `at` (none of the stored ones was accepted). */
  error: z.string().optional(),
  /** Tokens Synapse listed for this user that the vault does not hold, in the server's order. */
  others: z.array(otherSchema),
});
const fileSchema = z.object({ version: z.literal(SYNC_VERSION), at: z.string(), users: z.array(userSchema) });

export type StoredSync = z.infer<typeof fileSchema>;
export type StoredSyncUser = z.infer<typeof userSchema>;
export type StoredOther = z.infer<typeof otherSchema>;

export class SynapseSyncFile {
  readonly file: string;
  constructor(
    private readonly dataDir: string,
    private readonly lock: WriteLock,
  ) {
    this.file = path.join(dataDir, SYNC_FILE);
  }

  /** The last sync, or null: never synced, or a file this version cannot read (it is only a copy
   * of the server's answer; the next sync writes it again). */
  read(): StoredSync | null {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return null;
    }
    const parsed = fileSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  private write(sync: StoredSync): void {
    try {
      writeFileAtomic(this.file, JSON.stringify(sync, null, 2) + '\n');
    } catch (err) {
      throw new VaultError('io', `Could not save the Synapse sync in ${this.dataDir} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  }

  /** Replaces the last sync. */
  replace(sync: StoredSync): Promise<void> {
    return this.lock.run(async () => this.write(sync));
  }

  /** Drops a token Synapse no longer has (revoked from here, or a revoke found it gone) from every
   * user's list of tokens outside the vault; nothing to do when it is not there. */
  forget(recordId: string): Promise<void> {
    return this.lock.run(async () => {
      const sync = this.read();
      if (!sync || !sync.users.some((u) => u.others.some((o) => o.recordId === recordId))) return;
      this.write({ ...sync, users: sync.users.map((u) => ({ ...u, others: u.others.filter((o) => o.recordId !== recordId) })) });
    });
  }
}

/** The sync report as of the last sync: each user of that sync, the vault's tokens of that user
 * with what Synapse last said about them (their own records' state, which a later verify or
 * revoke may have changed), then the tokens outside the vault. `total` counts what Synapse's
 * 100-token cap counts — every token it holds for the user (ACTIVE and EXPIRED; revoked ones
 * are deleted) — which is exactly the rows not `gone`. Null when there was no sync. */
export function syncReport(tokens: readonly TokenSummary[], sync: StoredSync, now: number): SyncReport;
export function syncReport(tokens: readonly TokenSummary[], sync: StoredSync | null, now: number): SyncReport | null;
export function syncReport(tokens: readonly TokenSummary[], sync: StoredSync | null, now: number): SyncReport | null {
  if (!sync) return null;
  const users: SyncUser[] = [];
  const warnings: string[] = [];
  for (const u of sync.users) {
    const user: SyncUser = { userId: u.userId, total: null, nearCap: false, rows: [] };
    if (u.username) user.username = u.username;
    if (u.error) {
      user.error = u.error;
      users.push(user);
      continue;
    }
    for (const t of tokens) {
      if (t.service !== 'synapse' || (t.userId ?? '') !== u.userId) continue;
      const s = serverStateOf(t, 'synapse');
      // A token added since the sync has not been seen by Synapse yet: the next sync lists it.
      if (!s) continue;
      const row: SyncRow = { recordId: t.recordId ?? '', tokenId: t.id, label: t.label, inVault: true, state: s.state };
      if (s.state !== 'gone') Object.assign(row, listed({ state: s.state, name: s.name, createdOn: s.createdOn, lastUsed: s.lastUsed, scopes: t.scopes ?? [] }, now));
      user.rows.push(row);
    }
    for (const o of u.others) user.rows.push({ recordId: o.recordId, state: o.state, inVault: false, ...listed(o, now) });
    user.total = user.rows.filter((r) => r.state !== 'gone').length;
    user.nearCap = user.total >= NEAR_CAP;
    if (user.nearCap) {
      warnings.push(
        `${user.username ?? `User ${u.userId}`} has ${user.total} of at most ${TOKEN_CAP} tokens. Past that, Synapse deletes the least recently used one when a new one is created; revoke the ones you no longer need.`,
      );
    }
    users.push(user);
  }
  return { at: sync.at, users, warnings };
}

function listed(r: { state: 'ACTIVE' | 'EXPIRED'; name?: string | undefined; scopes: string[]; createdOn?: string | undefined; lastUsed?: string | undefined }, now: number): Partial<SyncRow> {
  const f: Partial<SyncRow> = { scopes: r.scopes, daysLeft: daysLeft(r, now) };
  if (r.name !== undefined) f.name = r.name;
  if (r.createdOn !== undefined) f.createdOn = r.createdOn;
  if (r.lastUsed !== undefined) f.lastUsed = r.lastUsed;
  return f;
}
