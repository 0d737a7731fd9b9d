// @process: core
// The token store: the keychain holds secrets, the catalog holds everything else, and this is the
// only code that writes either. Every change runs under the WriteLock (one queue in the process,
// one lock across processes), re-reads the catalog inside it, and is journalled: `pending.json`
// names the change before the keychain is touched and is removed once the catalog agrees, so a
// crash at any point is finished or undone by the next process that opens the vault
// (docs/keychain.md). Finishing that change, and rebuilding a missing or damaged catalog, is the
// recovery's job (recovery.ts); the store calls it under the lock before it reads.
import { createHash, randomUUID } from 'node:crypto';
import { removeStaleTemps } from './atomic-file';
import { keychainAccountOf, patched, toSummary, withKeychainAccount, type Catalog, type CatalogRecord, type LoadResult } from './catalog';
import { hasLockedTemps, LOCKED_FILES } from './leftovers';
import type { Clock } from './clipboard';
import { VaultError } from '../shared/errors';
import { encodeAccount, KeychainUnavailable, type KeychainPort } from './keychain';
import type { Journal, Pending } from './journal';
import type { TokenSummary } from '../shared/model';
import { checkSecret, maskedPreview, type Decoded, type Service, type TokenKind } from '../shared/services';
import type { WriteLock } from './write-lock';

/** Metadata a use case supplies when it stores a secret. */
export type NewRecord = Omit<TokenSummary, 'id' | 'preview' | 'addedAt' | 'kind' | 'service'> & {
  service: Service;
  kind?: TokenKind;
};

/** What a catalog change may patch (id, service, preview and addedAt are the store's). */
export type RecordPatch = Partial<Omit<TokenSummary, 'id' | 'service' | 'preview' | 'addedAt'>>;

/** What a service reported about a token: its server state, and (Syncano) the flags that are on.
 * Patched in place; never moves a keychain entry. */
export type ReportedPatch = Pick<RecordPatch, 'server' | 'flags'>;

/** A server state belongs to a record of its own service; anything else is a bug in a use case. */
function checkServer(rec: CatalogRecord, patch: { server?: TokenSummary['server'] }): void {
  if (patch.server && patch.server.service !== rec.service) {
    throw new VaultError('internal', `Synvault tried to store ${patch.server.service} state on a ${rec.service} token. Nothing was changed.`);
  }
}

export const fingerprint = (secret: string) => createHash('sha256').update(`synvault-fp:${secret}`).digest('hex').slice(0, 16);

export { LOCKED_FILES, toSummary };

/** The record that already holds a secret: the same fingerprint, or a Synapse token with the same
 * record id (a token the vault holds under another value cannot be told apart otherwise). The one
 * rule for "already in the vault": store refuses by it, Scan reports by it. */
function holder(records: readonly CatalogRecord[], service: Service, secret: string, decoded: Decoded): CatalogRecord | undefined {
  const fp = fingerprint(secret);
  return records.find((r) => r.fingerprint === fp || (decoded.recordId && r.service === service && r.recordId === decoded.recordId));
}

export const byAdded = (a: CatalogRecord, b: CatalogRecord) => a.addedAt.localeCompare(b.addedAt) || a.label.localeCompare(b.label);

/** Saves the catalog under the lock (wrapping a failed write into the 'io' error). */
export type SaveCatalog = (records: CatalogRecord[]) => void;

/** What the store needs from recovery, under the lock, before it trusts the catalog on disk. */
export interface CatalogRecovery {
  /** Finishes or undoes the change a crashed process left in the journal. */
  finishJournal(save: SaveCatalog): Promise<void>;
  /** Rebuilds a missing or damaged catalog from the keychain; throws (files untouched) when the
   * keychain cannot be read. */
  rebuild(result: Exclude<LoadResult, { state: 'ok' }>, save: SaveCatalog): Promise<CatalogRecord[]>;
}

/** How a secret a service has just issued is named in the "shown only this once" error. */
export interface Issued {
  /** e.g. 'Syncano created API key #12', 'Synapse created the token "laptop"'. */
  issued: string;
  /** A sentence after the rescue advice, e.g. where else the secret can be revoked. */
  otherwise?: string;
}

/** The one rescue path: a service issued a secret and the keychain (or the catalog) refused it.
 * The secret exists nowhere else and is never shown again, so the error carries it once. */
function rescueError(err: unknown, secret: string, how: Issued): VaultError {
  // Only what happened: a locked keychain's fix says "then press Retry", a button on the banner,
  // not beside a value shown once, and "your tokens are safe in it" is untrue of this one.
  const why = err instanceof KeychainUnavailable ? err.headline : err instanceof VaultError ? err.message : 'The keychain refused the write.';
  return new VaultError(
    err instanceof VaultError ? err.code : 'keychain-unavailable',
    `${how.issued} but it could not be saved in the keychain: ${why} Store it somewhere safe now — it is shown only this once.${how.otherwise ? ` ${how.otherwise}` : ''}`,
    { rescueSecret: secret },
  );
}

export interface TokenStoreDeps {
  dataDir: string;
  catalog: Catalog;
  keychain: KeychainPort;
  lock: WriteLock;
  journal: Journal;
  clock: Pick<Clock, 'now'>;
  recovery: CatalogRecovery;
}

export type ChangeListener = () => void;

export class TokenStore {
  private records: CatalogRecord[] | null = null;
  /** The catalog file's identity when `records` was read or written: the window and the CLI
   * share the file, so a change by the other is picked up instead of overwritten. */
  private stamp: string | null = null;
  /** Ids whose secret the keychain (known to be unlocked) does not hold. */
  private missing = new Set<string>();
  private readonly listeners = new Set<ChangeListener>();
  /** Set when the catalog changed (here, or in another process) since listeners were told. */
  private changed = false;

  constructor(private readonly deps: TokenStoreDeps) {}

  /** The catalog file (tests damage it on purpose; nothing else writes it). */
  get catalogFile(): string {
    return this.deps.catalog.file;
  }

  /** Calls `listener` after the list changed: a change made here (add, remove, rename, a new
   * secret, a recovery), or a change by another process that a read noticed. Returns an
   * unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(): void {
    if (!this.changed) return;
    this.changed = false;
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        /* a listener's failure is its own; the change is made */
      }
    }
  }

  // --- reading ---------------------------------------------------------------------------------

  /** A crash left a change half-done, or a temp file behind: the next reader finishes it. */
  private needsRecovery(): boolean {
    return this.deps.journal.exists() || hasLockedTemps(this.deps.dataDir);
  }

  /** The catalog's records: from memory while the file is unchanged, else from disk; rebuilt from
   * the keychain (under the lock) when missing or corrupt. */
  private async load(): Promise<CatalogRecord[]> {
    if (this.needsRecovery()) return this.locked(() => this.freshLocked('read'));
    const stamp = this.deps.catalog.stamp();
    if (this.records && stamp === this.stamp) return this.records;
    if (this.records) this.changed = true; // another process changed the file
    const result = this.deps.catalog.load();
    if (result.state === 'ok') {
      this.remember(result.records);
      this.tell();
      return result.records;
    }
    return this.locked(() => this.freshLocked('read'));
  }

  private remember(records: CatalogRecord[]): CatalogRecord[] {
    this.records = records;
    this.stamp = this.deps.catalog.stamp();
    return records;
  }

  /** Runs under the lock, then tells the listeners if the catalog changed. */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.deps.lock.run(fn);
    } finally {
      this.tell();
    }
  }

  /** Under the lock: finish a crashed change, drop crash leftovers, read the catalog from disk. */
  private async freshLocked(mode: 'read' | 'write'): Promise<CatalogRecord[]> {
    removeStaleTemps(this.deps.dataDir, LOCKED_FILES);
    try {
      await this.deps.recovery.finishJournal(this.save);
    } catch (err) {
      // A locked keychain cannot finish the change; reading from the catalog is still right.
      if (mode === 'write' || !(err instanceof KeychainUnavailable)) throw err;
    }
    const result = this.deps.catalog.load();
    if (result.state === 'ok') return this.remember(result.records);
    try {
      return this.remember(await this.deps.recovery.rebuild(result, this.save));
    } catch (err) {
      this.records = null;
      throw err;
    }
  }

  private readonly save: SaveCatalog = (records) => {
    try {
      this.deps.catalog.save(records);
    } catch (err) {
      throw new VaultError('io', `Could not write the catalog in ${this.deps.dataDir} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Nothing was changed.`);
    }
    this.changed = true;
    this.remember(records);
  };

  private find(records: CatalogRecord[], id: string): CatalogRecord {
    const rec = records.find((r) => r.id === id);
    if (!rec) throw new VaultError('not-found', 'That token is no longer in the vault. Refresh the list.');
    return rec;
  }

  private summary(r: CatalogRecord): TokenSummary {
    const s = toSummary(r);
    if (this.missing.has(r.id)) s.secretMissing = true;
    return s;
  }

  /** Reads the catalog (finishing a crashed change or rebuilding first when needed). */
  async ensureLoaded(): Promise<void> {
    await this.load();
  }

  async list(): Promise<TokenSummary[]> {
    return (await this.load()).map((r) => this.summary(r));
  }

  async get(id: string): Promise<TokenSummary> {
    return this.summary(this.find(await this.load(), id));
  }

  private async secretOf(rec: CatalogRecord): Promise<string> {
    // The port answers null only when the keychain is known to be unlocked; a locked one throws.
    const secret = await this.deps.keychain.get(keychainAccountOf(rec));
    if (secret === null) {
      this.missing.add(rec.id);
      throw new VaultError('not-found', `The keychain is unlocked but holds no secret for "${rec.label}" (it was deleted outside Synvault). Remove it from the vault and add the token again.`);
    }
    return secret;
  }

  /** The secret, for a use case that sends it to its own service, copies or reveals it. Never
   * crosses the contract except through Reveal. */
  async secret(id: string): Promise<string> {
    return this.secretOf(this.find(await this.load(), id));
  }

  /** A token and its secret in one read of the catalog. */
  async withSecret(id: string): Promise<{ token: TokenSummary; secret: string }> {
    const rec = this.find(await this.load(), id);
    return { token: this.summary(rec), secret: await this.secretOf(rec) };
  }

  /** For each secret, the vault entry that already holds it (store's duplicate rule), or null.
   * Reads the catalog only, never the keychain. */
  async holders(items: ReadonlyArray<{ service: Service; secret: string; decoded: Decoded }>): Promise<Array<TokenSummary | null>> {
    const records = await this.load();
    return items.map((i) => {
      const r = holder(records, i.service, i.secret, i.decoded);
      return r ? this.summary(r) : null;
    });
  }

  // --- writing ---------------------------------------------------------------------------------

  /** Runs a change alone (queue + cross-process lock) on the catalog as it is on disk now. For
   * recovery's reconcile; every other change is one of the methods below. */
  exclusive<T>(fn: (records: CatalogRecord[], save: SaveCatalog) => Promise<T>): Promise<T> {
    return this.locked(async () => fn(await this.freshLocked('write'), this.save));
  }

  /** Marks the records whose secret the unlocked keychain was found not to hold. A different set
   * changes the list (its "secret missing" marks), so the listeners are told: the window loads
   * the list without waiting for the status whose check this is, and loads it again then. */
  markMissing(ids: Iterable<string>): void {
    const next = new Set(ids);
    if (next.size !== this.missing.size || [...next].some((id) => !this.missing.has(id))) this.changed = true;
    this.missing = next;
  }

  /** Journal, keychain `set`, then the catalog. A failed catalog write takes the new entry back; if
   * even that fails the journal stays, and the next start finishes the change instead of
   * stranding the secret. The caller clears the journal once its change is whole. */
  private async setThenSave(pending: Pending, account: string, secret: string, save: () => void): Promise<void> {
    const { journal, keychain } = this.deps;
    journal.set(pending);
    try {
      await keychain.set(account, secret);
    } catch (err) {
      journal.clear();
      throw err;
    }
    try {
      save();
    } catch (err) {
      if (await keychain.delete(account).catch(() => false)) journal.clear();
      throw err;
    }
  }

  /** Stores a secret the person pasted. */
  async store(meta: NewRecord, secret: string, decoded: Decoded = checkSecret(meta.service, secret)): Promise<TokenSummary> {
    return this.locked(async () => {
      const records = await this.freshLocked('write');
      const fp = fingerprint(secret);
      const dup = holder(records, meta.service, secret, decoded);
      if (dup) throw new VaultError('conflict', `This token is already in the vault as "${dup.label}".`);
      const id = randomUUID();
      const addedAt = new Date(this.deps.clock.now()).toISOString();
      const rec: CatalogRecord = {
        ...meta,
        id,
        service: meta.service,
        kind: meta.kind ?? decoded.kind,
        preview: maskedPreview(secret),
        addedAt,
        fingerprint: fp,
      };
      // The usual name for its entry (catalog.ts, keychainAccountOf), so the record need not carry it.
      const account = encodeAccount({ id, service: meta.service, label: meta.label, account: meta.account, addedAt });
      if (decoded.scopes && !rec.scopes) rec.scopes = decoded.scopes;
      if (decoded.recordId && !rec.recordId) rec.recordId = decoded.recordId;
      if (decoded.userId && !rec.userId) rec.userId = decoded.userId;
      await this.setThenSave({ op: 'add', record: rec }, account, secret, () => this.save([...records, rec]));
      this.deps.journal.clear();
      return toSummary(rec);
    });
  }

  /** Stores a secret a service has just issued. If it cannot be stored, the error carries it so
   * it is shown once and not lost (the same words for every service). */
  async storeIssued(meta: NewRecord, secret: string, how: Issued, decoded?: Decoded): Promise<TokenSummary> {
    try {
      return await this.store(meta, secret, decoded);
    } catch (err) {
      throw rescueError(err, secret, how);
    }
  }

  /** Replaces the secret of an entry with one a service has just issued (a reset, a new sign-in).
   * If the keychain refuses the write, the error carries the new secret so it can be shown once. */
  async replaceIssued(id: string, secret: string, how: Issued, patch: Partial<NewRecord> = {}): Promise<TokenSummary> {
    return this.locked(async () => {
      const records = await this.freshLocked('write');
      const rec = this.find(records, id);
      const decoded = checkSecret(rec.service, secret);
      const { journal, keychain } = this.deps;
      const account = keychainAccountOf(rec);
      journal.set({ op: 'replace', id, account });
      try {
        await keychain.set(account, secret);
      } catch (err) {
        journal.clear();
        throw rescueError(err, secret, how);
      }
      checkServer(rec, patch);
      const next: CatalogRecord = { ...patched(rec, patch), kind: decoded.kind, preview: maskedPreview(secret), fingerprint: fingerprint(secret) };
      delete next.verification;
      delete next.verifiedAt;
      // What the service said was about the old secret, unless the patch is its answer now.
      if (!patch.server) delete next.server;
      this.save(records.map((r) => (r.id === id ? next : r)));
      journal.clear();
      this.missing.delete(id);
      return toSummary(next);
    });
  }

  async update(id: string, patch: RecordPatch): Promise<TokenSummary> {
    return this.locked(async () => {
      const records = await this.freshLocked('write');
      const rec = this.find(records, id);
      checkServer(rec, patch);
      let next = patched(rec, patch);
      const replace = () => this.save(records.map((r) => (r.id === id ? next : r)));
      if ((patch.label === undefined || patch.label === rec.label) && (patch.account === undefined || patch.account === rec.account)) {
        replace();
        return toSummary(next);
      }
      // The account name carries the label, so a rename moves the keychain entry: copy, point the
      // catalog at the copy, then delete the old one.
      const from = keychainAccountOf(rec);
      const to = encodeAccount({ id, service: rec.service, label: next.label, account: next.account, addedAt: rec.addedAt });
      next = withKeychainAccount(next, to);
      // Back to the name the entry already has (a label changed at a sign-in without a move, then
      // renamed back): nothing to move, and deleting `from` would delete the secret.
      if (from === to) {
        replace();
        return toSummary(next);
      }
      const secret = await this.secretOf(rec);
      await this.setThenSave({ op: 'move', id, from, to }, to, secret, replace);
      // If the old entry cannot be deleted now, the journal stays and the next writer deletes it.
      if (await this.deps.keychain.delete(from).then(() => true, () => false)) this.deps.journal.clear();
      return toSummary(next);
    });
  }

  /** Records what a service reported about several tokens (a sync's list) in one catalog write
   * under the lock, on the catalog as it is on disk now. Ids removed meanwhile are skipped (a
   * remove is never undone); answers the records that were written. */
  async updateReported(reports: ReadonlyMap<string, ReportedPatch>): Promise<TokenSummary[]> {
    if (reports.size === 0) return [];
    return this.locked(async () => {
      const records = await this.freshLocked('write');
      const written: CatalogRecord[] = [];
      const next = records.map((rec) => {
        const patch = reports.get(rec.id);
        if (!patch) return rec;
        checkServer(rec, patch);
        const updated = patched(rec, patch);
        written.push(updated);
        return updated;
      });
      if (written.length) this.save(next);
      return written.map(toSummary);
    });
  }

  /** Patches several records in one catalog write under the lock, computed from the catalog as it
   * is on disk now — for a change that depends on other records (where-used.ts moves a place from
   * the token that held it to the one written there). A patch may not rename (that moves a
   * keychain entry: `update`). Ids removed meanwhile are skipped; answers the records written. */
  async updateRecords(compute: (records: readonly TokenSummary[]) => ReadonlyMap<string, RecordPatch>): Promise<TokenSummary[]> {
    return this.locked(async () => {
      const records = await this.freshLocked('write');
      const patches = compute(records.map(toSummary));
      const written: CatalogRecord[] = [];
      const next = records.map((rec) => {
        const patch = patches.get(rec.id);
        if (!patch) return rec;
        if ((patch.label !== undefined && patch.label !== rec.label) || (patch.account !== undefined && patch.account !== rec.account)) {
          throw new VaultError('internal', 'Synvault tried to rename a token without moving its keychain entry. Nothing was changed.');
        }
        checkServer(rec, patch);
        const updated = patched(rec, patch);
        written.push(updated);
        return updated;
      });
      if (written.length) this.save(next);
      return written.map(toSummary);
    });
  }

  /** The fingerprint each record's secret had when it was stored (fingerprint(), never the
   * secret), by token id — to tell which token a file holds without reading the keychain. A record
   * from before fingerprints were kept has none. */
  async fingerprints(): Promise<ReadonlyMap<string, string>> {
    const out = new Map<string, string>();
    for (const r of await this.load()) if (r.fingerprint) out.set(r.id, r.fingerprint);
    return out;
  }

  /** Removes from the vault only: keychain first, then the catalog. A keychain that refuses (or
   * is locked) fails the call and the token stays listed. Returns the removed record. */
  async remove(id: string): Promise<TokenSummary> {
    return this.locked(async () => {
      const records = await this.freshLocked('write');
      const rec = this.find(records, id);
      const { journal, keychain } = this.deps;
      journal.set({ op: 'remove', record: rec });
      try {
        // false: the unlocked keychain had no such entry — removing the record is still what was asked.
        await keychain.delete(keychainAccountOf(rec));
      } catch (err) {
        journal.clear();
        throw err;
      }
      this.save(records.filter((r) => r.id !== id));
      journal.clear();
      this.missing.delete(id);
      return toSummary(rec);
    });
  }
}
