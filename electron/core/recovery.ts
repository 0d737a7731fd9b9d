// @process: core
// Bringing the catalog and the keychain back into agreement (docs/keychain.md): a change a crash
// cut short is finished or undone from the journal; a missing or damaged catalog is rebuilt from
// the keychain's account names; once per process the catalog is compared with the keychain, strays
// are added back and records whose secret is gone are marked. Runs only under the token store's
// lock (the store calls it, or hands it the records through `exclusive`), and says what it did in
// notices the status shows.
import type { ActivityLog } from './activity-log';
import { keychainAccountOf, type Catalog, type CatalogRecord, type LoadResult } from './catalog';
import type { Clock } from './clipboard';
import { decodeAccount, KeychainUnavailable, type KeychainEntry, type KeychainPort } from './keychain';
import type { Journal } from './journal';
import { byAdded, fingerprint, type CatalogRecovery, type SaveCatalog, type TokenStore } from './token-store';
import { checkSecret, maskedPreview, SERVICES, type Decoded, type Service } from '../shared/services';

/** A catalog record rebuilt from a keychain entry alone (its account name carries the metadata). */
export function recordFromEntry({ account, secret }: KeychainEntry): CatalogRecord | null {
  const meta = decodeAccount(account);
  if (!meta || !(SERVICES as readonly string[]).includes(meta.service)) return null;
  const service = meta.service as Service;
  let decoded: Decoded;
  try {
    decoded = checkSecret(service, secret);
  } catch {
    return null;
  }
  const rec: CatalogRecord = {
    id: meta.id,
    service,
    kind: decoded.kind,
    label: meta.label,
    preview: maskedPreview(secret),
    addedAt: meta.addedAt,
    keychainAccount: account,
    fingerprint: fingerprint(secret),
  };
  if (meta.account) rec.account = meta.account;
  if (decoded.scopes) rec.scopes = decoded.scopes;
  if (decoded.recordId) rec.recordId = decoded.recordId;
  if (decoded.userId) rec.userId = decoded.userId;
  return rec;
}

export interface RecoveryDeps {
  catalog: Catalog;
  keychain: KeychainPort;
  journal: Journal;
  activity: ActivityLog;
  clock: Pick<Clock, 'now'>;
}

export class Recovery implements CatalogRecovery {
  private readonly notes: string[] = [];
  /** Whether this process has compared the catalog with the keychain since it started. */
  private reconciled = false;

  constructor(private readonly deps: RecoveryDeps) {}

  /** What recovery (or a failed read) did that the person should know, in the order it happened. */
  notices(): string[] {
    return [...this.notes];
  }

  notice(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  get needsReconcile(): boolean {
    return !this.reconciled;
  }

  /** Finishes or undoes the change a crashed process left in pending.json, so the catalog and the
   * keychain agree again. */
  async finishJournal(save: SaveCatalog): Promise<void> {
    const { journal, keychain: kc, catalog } = this.deps;
    const p = journal.read();
    if (!p) return;
    const loaded = catalog.load();
    // Without a readable catalog the rebuild from the keychain restores agreement by itself.
    const records = loaded.state === 'ok' ? loaded.records : null;
    if (records && p.op === 'add') {
      const inKeychain = (await kc.get(keychainAccountOf(p.record))) !== null;
      if (inKeychain && !records.some((r) => r.id === p.record.id)) {
        save([...records, p.record]);
        this.notice(`"${p.record.label}" was being added when Synvault stopped; it is in the keychain, so it was added to the list.`);
      }
    } else if (records && p.op === 'remove') {
      const inKeychain = (await kc.get(keychainAccountOf(p.record))) !== null;
      if (!inKeychain && records.some((r) => r.id === p.record.id)) {
        save(records.filter((r) => r.id !== p.record.id));
        this.deps.activity.record('removed', p.record, 'finished after an interruption');
      }
    } else if (p.op === 'move') {
      const rec = records?.find((r) => r.id === p.id);
      // Keep whichever entry the catalog points at; without a catalog keep both (the rebuild
      // then lists the token under one of its names).
      // A move to the name it had is no move (TokenStore.update does not journal one; an older
      // journal might): never delete the one entry there is.
      if (p.from === p.to) {
        /* nothing to finish */
      } else if (rec && keychainAccountOf(rec) === p.to) await kc.delete(p.from);
      else if (rec) await kc.delete(p.to);
    } else if (records && p.op === 'replace') {
      const rec = records.find((r) => r.id === p.id);
      const secret = await kc.get(p.account);
      if (rec && secret !== null && fingerprint(secret) !== rec.fingerprint) {
        const next: CatalogRecord = { ...rec, kind: checkSecret(rec.service, secret).kind, preview: maskedPreview(secret), fingerprint: fingerprint(secret) };
        delete next.verification;
        delete next.verifiedAt;
        delete next.server;
        save(records.map((r) => (r.id === p.id ? next : r)));
      }
    }
    journal.clear();
  }

  /** Rebuilds a missing or corrupt catalog from the keychain. Throws (and leaves every file as it
   * was) when the keychain cannot be read: an empty list would say "no tokens", which nobody knows. */
  async rebuild(result: Exclude<LoadResult, { state: 'ok' }>, save: SaveCatalog): Promise<CatalogRecord[]> {
    let entries: KeychainEntry[];
    try {
      entries = await this.deps.keychain.findAll();
    } catch (err) {
      if (err instanceof KeychainUnavailable && result.state === 'corrupt') {
        this.notice(`The catalog file is damaged (${result.reason}) and the keychain cannot be read to rebuild it. It was left untouched; unlock the keychain and press Retry.`);
      }
      throw err;
    }
    const rebuilt = entries.map(recordFromEntry).filter((r): r is CatalogRecord => r !== null).sort(byAdded);
    if (result.state === 'corrupt') {
      const aside = this.deps.catalog.setAside(new Date(this.deps.clock.now()));
      this.notice(
        `The catalog file was damaged (${result.reason}); it was kept as ${aside} and ${rebuilt.length} token(s) were recovered from the keychain. Labels survive; verification dates and notes do not.`,
      );
    } else if (rebuilt.length > 0) {
      this.notice(`The catalog file was missing; ${rebuilt.length} token(s) were recovered from the keychain.`);
    }
    if (result.state === 'corrupt' || rebuilt.length > 0) {
      save(rebuilt);
      this.deps.activity.record('catalog-rebuilt', undefined, `${rebuilt.length} token(s) recovered`);
      this.reconciled = true;
    }
    return rebuilt;
  }

  /** Compares the catalog with the keychain once per process (at the window's start, once the
   * keychain is known to be unlocked): entries of our service that the list lacks are added back
   * (their account names carry the metadata), and records whose secret is gone are marked.
   * The keychain is read before taking the write lock — reading every entry takes long on a big
   * keyring, and the CLI must not wait on it. What another process changes meanwhile shows in the
   * catalog read under the lock, and every difference the early read suggests (a stray, a missing
   * secret) is read again under the lock before anything is added or marked. */
  async reconcile(tokens: TokenStore): Promise<void> {
    const entries = await this.deps.keychain.findAll();
    const accounts = new Set(entries.map((e) => e.account));
    await tokens.exclusive(async (records, save) => {
      const known = new Set(records.map(keychainAccountOf));
      const ids = new Set(records.map((r) => r.id));
      // An entry whose id is listed under another name is a rename's leftover, not a lost token.
      const strays = entries.filter((e) => !known.has(e.account) && !ids.has(decodeAccount(e.account)?.id ?? ''));
      // Read again under the lock: a remove that ran after the early read must not come back.
      const adopted: CatalogRecord[] = [];
      for (const e of strays) {
        const secret = await this.deps.keychain.get(e.account);
        const rec = secret === null ? null : recordFromEntry({ account: e.account, secret });
        if (rec) adopted.push(rec);
      }
      const fps = new Set(records.map((r) => r.fingerprint));
      const fresh = adopted.filter((r) => !fps.has(r.fingerprint));
      const missing: string[] = [];
      for (const r of records) {
        const account = keychainAccountOf(r);
        if (!accounts.has(account) && (await this.deps.keychain.get(account)) === null) missing.push(r.id);
      }
      tokens.markMissing(missing);
      if (fresh.length) {
        save([...records, ...fresh].sort(byAdded));
        this.notice(`${fresh.length} token(s) were in the keychain but missing from the list (left by an interrupted change); they were added back: ${fresh.map((r) => `"${r.label}"`).join(', ')}.`);
        this.deps.activity.record('catalog-rebuilt', undefined, `${fresh.length} token(s) found in the keychain and added back`);
      }
      if (missing.length) {
        this.notice(`The keychain holds no secret for ${missing.length} token(s) in the list (marked "secret missing"). Remove them, or add the token again.`);
      }
    });
    this.reconciled = true;
  }
}
