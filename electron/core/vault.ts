// @process: core
// The vault's use cases. The keychain holds secrets, the catalog holds everything else.
// Every change runs under the WriteLock (one queue in the process, one lock across processes),
// re-reads the catalog inside it, and is journalled: a `pending.json` names the change before the
// keychain is touched and is removed once the catalog agrees, so a crash at any point is finished
// or undone by the next process that opens the vault (docs/keychain.md).
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActivityLog } from './activity-log';
import { ensurePrivateDir, removeStaleTemps } from './atomic-file';
import { Catalog, CATALOG_FILE, type CatalogRecord, type LoadResult } from './catalog';
import { ClipboardGuard, type Clock } from './clipboard';
import type { Config } from './config';
import { VaultError } from '../shared/errors';
import { decodeAccount, encodeAccount, KeychainUnavailable, type KeychainEntry, type KeychainPort } from './keychain';
import type { ActivityAction, ActivityEntry, CopyReceipt, KeychainProblem, RevealedSecret, TokenSummary, VaultStatus } from '../shared/model';
import { SettingsStore } from './settings-store';
import type { Settings } from '../shared/settings';
import { CHECKS, maskedPreview, normaliseSecret, SERVICES, type Decoded, type Service, type TokenKind } from './token-kinds';
import type { ParsedInput } from '../shared/contract';
import { WriteLock } from './write-lock';

export interface VaultDeps {
  config: Config;
  keychain: KeychainPort;
  clipboard: ClipboardGuard;
  clock: Clock;
  source: 'app' | 'cli';
  platform?: NodeJS.Platform;
}

/** Metadata a service use case supplies when it stores a secret it obtained itself. */
export type NewRecord = Omit<TokenSummary, 'id' | 'preview' | 'addedAt' | 'kind' | 'service'> & {
  service: Service;
  kind?: TokenKind;
};

type StoredRecord = CatalogRecord;

/** A change in flight. Holds account names and metadata, never a secret. */
type Pending =
  | { op: 'add'; record: StoredRecord }
  | { op: 'remove'; record: StoredRecord }
  /** A rename: the secret was copied to `to`; `from` is deleted once the catalog points at `to`. */
  | { op: 'move'; id: string; from: string; to: string }
  | { op: 'replace'; id: string; account: string };

const PENDING_FILE = 'pending.json';
/** Files written only under the write lock, whose crash leftovers the lock holder may remove. */
const LOCKED_FILES = [CATALOG_FILE, PENDING_FILE, 'vault.lock.owner', 'settings.json'];

const fingerprint = (secret: string) => createHash('sha256').update(`synvault-fp:${secret}`).digest('hex').slice(0, 16);

function toSummary(r: StoredRecord): TokenSummary {
  const { keychainAccount: _k, fingerprint: _f, ...summary } = r;
  return summary;
}

/** A catalog record rebuilt from a keychain entry alone (its account name carries the metadata). */
function recordFromEntry({ account, secret }: KeychainEntry): StoredRecord | null {
  const meta = decodeAccount(account);
  if (!meta || !(SERVICES as readonly string[]).includes(meta.service)) return null;
  const service = meta.service as Service;
  let decoded: Decoded;
  try {
    decoded = CHECKS[service](secret);
  } catch {
    return null;
  }
  const rec: StoredRecord = {
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

const byAdded = (a: StoredRecord, b: StoredRecord) => a.addedAt.localeCompare(b.addedAt) || a.label.localeCompare(b.label);

export class Vault {
  readonly catalog: Catalog;
  readonly log: ActivityLog;
  readonly settings: SettingsStore;
  private readonly lock: WriteLock;
  private readonly pendingFile: string;
  private records: StoredRecord[] | null = null;
  /** The catalog file's identity when `records` was read or written: the window and the CLI
   * share the file, so a change by the other is picked up instead of overwritten. */
  private stamp: string | null = null;
  private notices: string[] = [];
  /** Ids whose secret the keychain (known to be unlocked) does not hold. */
  private missing = new Set<string>();
  /** Whether this process has compared the catalog with the keychain since it started. */
  private reconciled = false;

  constructor(private readonly deps: VaultDeps) {
    ensurePrivateDir(deps.config.dataDir);
    this.catalog = new Catalog(deps.config.dataDir);
    this.log = new ActivityLog(deps.config.dataDir);
    this.settings = new SettingsStore(deps.config.dataDir);
    this.lock = new WriteLock(deps.config.dataDir);
    this.pendingFile = path.join(deps.config.dataDir, PENDING_FILE);
  }

  get config(): Config {
    return this.deps.config;
  }

  private now(): Date {
    return new Date(this.deps.clock.now());
  }

  private notice(text: string): void {
    if (!this.notices.includes(text)) this.notices.push(text);
  }

  record(action: ActivityAction, rec?: Pick<TokenSummary, 'id' | 'label' | 'service'>, detail?: string): void {
    const entry: ActivityEntry = { at: this.now().toISOString(), action, source: this.deps.source };
    if (rec) {
      entry.tokenId = rec.id;
      entry.label = rec.label;
      entry.service = rec.service;
    }
    if (detail) entry.detail = detail;
    this.log.append(entry);
  }

  // --- reading ---------------------------------------------------------------------------------

  /** A crash left a change half-done, or a temp file behind: the next reader finishes it. */
  private needsRecovery(): boolean {
    if (fs.existsSync(this.pendingFile)) return true;
    try {
      return fs.readdirSync(this.deps.config.dataDir).some((n) => n.endsWith('.tmp') && LOCKED_FILES.some((f) => n.startsWith(`.${f}.`)));
    } catch {
      return false;
    }
  }

  /** The catalog's records: from memory while the file is unchanged, else from disk; rebuilt from
   * the keychain (under the lock) when missing or corrupt. */
  private async load(): Promise<StoredRecord[]> {
    if (this.needsRecovery()) return this.lock.run(() => this.freshLocked('read'));
    if (this.records && this.catalog.stamp() === this.stamp) return this.records;
    const result = this.catalog.load();
    if (result.state === 'ok') return this.remember(result.records);
    return this.lock.run(() => this.freshLocked('read'));
  }

  private remember(records: StoredRecord[]): StoredRecord[] {
    this.records = records;
    this.stamp = this.catalog.stamp();
    return records;
  }

  /** Under the lock: finish a crashed change, drop crash leftovers, read the catalog from disk. */
  private async freshLocked(mode: 'read' | 'write'): Promise<StoredRecord[]> {
    removeStaleTemps(this.deps.config.dataDir, LOCKED_FILES);
    try {
      await this.recoverPending();
    } catch (err) {
      // A locked keychain cannot finish the change; reading from the catalog is still right.
      if (mode === 'write' || !(err instanceof KeychainUnavailable)) throw err;
    }
    const result = this.catalog.load();
    if (result.state === 'ok') return this.remember(result.records);
    return this.rebuild(result);
  }

  /** Rebuilds a missing or corrupt catalog from the keychain. Throws (and leaves every file as it
   * was) when the keychain cannot be read: an empty list would say "no tokens", which nobody knows. */
  private async rebuild(result: Exclude<LoadResult, { state: 'ok' }>): Promise<StoredRecord[]> {
    let entries: KeychainEntry[];
    try {
      entries = await this.deps.keychain.findAll();
    } catch (err) {
      if (err instanceof KeychainUnavailable && result.state === 'corrupt') {
        this.notice(`The catalog file is damaged (${result.reason}) and the keychain cannot be read to rebuild it. It was left untouched; unlock the keychain and press Retry.`);
      }
      this.records = null;
      throw err;
    }
    const rebuilt = entries.map(recordFromEntry).filter((r): r is StoredRecord => r !== null).sort(byAdded);
    if (result.state === 'corrupt') {
      const aside = this.catalog.setAside(this.now());
      this.notice(
        `The catalog file was damaged (${result.reason}); it was kept as ${aside} and ${rebuilt.length} token(s) were recovered from the keychain. Labels survive; verification dates and notes do not.`,
      );
    } else if (rebuilt.length > 0) {
      this.notice(`The catalog file was missing; ${rebuilt.length} token(s) were recovered from the keychain.`);
    }
    if (result.state === 'corrupt' || rebuilt.length > 0) {
      this.save(rebuilt);
      this.record('catalog-rebuilt', undefined, `${rebuilt.length} token(s) recovered`);
      this.reconciled = true;
    }
    return this.remember(rebuilt);
  }

  private save(records: StoredRecord[]): void {
    try {
      this.catalog.save(records);
    } catch (err) {
      throw new VaultError('io', `Could not write the catalog in ${this.deps.config.dataDir} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Nothing was changed.`);
    }
    this.remember(records);
  }

  private find(records: StoredRecord[], id: string): StoredRecord {
    const rec = records.find((r) => r.id === id);
    if (!rec) throw new VaultError('not-found', 'That token is no longer in the vault. Refresh the list.');
    return rec;
  }

  private summary(r: StoredRecord): TokenSummary {
    const s = toSummary(r);
    if (this.missing.has(r.id)) s.secretMissing = true;
    return s;
  }

  // --- writing ---------------------------------------------------------------------------------

  /** Runs a change alone (queue + cross-process lock) on the catalog as it is on disk now. */
  private write<T>(fn: (records: StoredRecord[]) => Promise<T>): Promise<T> {
    return this.lock.run(async () => fn(await this.freshLocked('write')));
  }

  /** One small write() (no temp file, no fsync): a killed process cannot tear it, and if a power
   * cut loses it the entry it names is a stray the next window start adds back. */
  private setPending(p: Pending): void {
    fs.writeFileSync(this.pendingFile, JSON.stringify(p), { mode: 0o600 });
  }

  private clearPending(): void {
    fs.rmSync(this.pendingFile, { force: true });
  }

  /** Finishes or undoes the change a crashed process left in pending.json, so the catalog and the
   * keychain agree again. Runs under the lock. */
  private async recoverPending(): Promise<void> {
    let p: Pending;
    try {
      p = JSON.parse(fs.readFileSync(this.pendingFile, 'utf8')) as Pending;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.clearPending(); // torn: nothing was started
      return;
    }
    const loaded = this.catalog.load();
    // Without a readable catalog the rebuild from the keychain restores agreement by itself.
    const records = loaded.state === 'ok' ? loaded.records : null;
    const kc = this.deps.keychain;
    if (records && p.op === 'add') {
      const inKeychain = (await kc.get(p.record.keychainAccount)) !== null;
      if (inKeychain && !records.some((r) => r.id === p.record.id)) {
        this.save([...records, p.record]);
        this.notice(`"${p.record.label}" was being added when Synvault stopped; it is in the keychain, so it was added to the list.`);
      }
    } else if (records && p.op === 'remove') {
      const inKeychain = (await kc.get(p.record.keychainAccount)) !== null;
      if (!inKeychain && records.some((r) => r.id === p.record.id)) {
        this.save(records.filter((r) => r.id !== p.record.id));
        this.record('removed', p.record, 'finished after an interruption');
      }
    } else if (p.op === 'move') {
      const rec = records?.find((r) => r.id === p.id);
      // Keep whichever entry the catalog points at; without a catalog keep both (the rebuild
      // then lists the token under one of its names).
      if (rec?.keychainAccount === p.to) await kc.delete(p.from);
      else if (rec) await kc.delete(p.to);
    } else if (records && p.op === 'replace') {
      const rec = records.find((r) => r.id === p.id);
      const secret = await kc.get(p.account);
      if (rec && secret !== null && fingerprint(secret) !== rec.fingerprint) {
        const next: StoredRecord = { ...rec, kind: CHECKS[rec.service](secret).kind, preview: maskedPreview(secret), fingerprint: fingerprint(secret) };
        delete next.verification;
        delete next.verifiedAt;
        this.save(records.map((r) => (r.id === p.id ? next : r)));
      }
    }
    this.clearPending();
  }

  /** Compares the catalog with the keychain once per process (at the window's start, once the
   * keychain is known to be unlocked): entries of our service that the list lacks are added back
   * (their account names carry the metadata), and records whose secret is gone are marked. */
  private async reconcile(): Promise<void> {
    await this.write(async (records) => {
      const entries = await this.deps.keychain.findAll();
      const accounts = new Set(entries.map((e) => e.account));
      const known = new Set(records.map((r) => r.keychainAccount));
      const ids = new Set(records.map((r) => r.id));
      // An entry whose id is listed under another name is a rename's leftover, not a lost token.
      const strays = entries.filter((e) => !known.has(e.account) && !ids.has(decodeAccount(e.account)?.id ?? ''));
      const adopted = strays.map(recordFromEntry).filter((r): r is StoredRecord => r !== null);
      const fps = new Set(records.map((r) => r.fingerprint));
      const fresh = adopted.filter((r) => !fps.has(r.fingerprint));
      this.missing = new Set(records.filter((r) => !accounts.has(r.keychainAccount)).map((r) => r.id));
      if (fresh.length) {
        this.save([...records, ...fresh].sort(byAdded));
        this.notice(`${fresh.length} token(s) were in the keychain but missing from the list (left by an interrupted change); they were added back: ${fresh.map((r) => `"${r.label}"`).join(', ')}.`);
        this.record('catalog-rebuilt', undefined, `${fresh.length} token(s) found in the keychain and added back`);
      }
      if (this.missing.size) {
        this.notice(`The keychain holds no secret for ${this.missing.size} token(s) in the list (marked "secret missing"). Remove them, or add the token again.`);
      }
    });
    this.reconciled = true;
  }

  async status(): Promise<VaultStatus> {
    let problem: KeychainProblem | null = null;
    try {
      // A write and read of a marker: the only check that tells a locked keychain from an empty
      // one without calling anything that crashes on a locked collection.
      await this.deps.keychain.probe();
    } catch (err) {
      if (!(err instanceof KeychainUnavailable)) throw err;
      problem = err.problem;
    }
    try {
      await this.load();
      if (!problem && !this.reconciled) await this.reconcile();
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      if (err instanceof KeychainUnavailable) problem ??= err.problem;
      else this.notice(err.message);
    }
    return {
      keychain: problem ? { ok: false, ...problem } : { ok: true },
      notices: [...this.notices],
      keychainService: this.deps.config.keychainService,
      dataDir: this.deps.config.dataDir,
    };
  }

  async list(): Promise<TokenSummary[]> {
    return (await this.load()).map((r) => this.summary(r));
  }

  async get(id: string): Promise<TokenSummary> {
    return this.summary(this.find(await this.load(), id));
  }

  /** Adds a pasted secret after checking its format. */
  async add(input: ParsedInput<'addToken'>): Promise<TokenSummary> {
    const { secret, decoded } = normaliseSecret(input.service, input.secret);
    const meta: NewRecord = { service: input.service, label: input.label };
    if (input.service === 'synapse' && input.username) meta.account = input.username;
    if (input.service === 'syncano' && input.instance) meta.account = input.instance;
    if (input.service === 'synap') {
      meta.account = input.portal;
      if (input.portalUrl) meta.portalUrl = input.portalUrl;
      if (input.issuedBy) meta.issuedBy = input.issuedBy;
      if (input.subjectUsers.length) meta.subjectUsers = input.subjectUsers;
    }
    const rec = await this.store(meta, secret, decoded);
    this.record('added', rec);
    return rec;
  }

  /** Journal, keychain `set`, then the catalog. A failed catalog write takes the new entry back; if
   * even that fails the journal stays, and the next start finishes the change instead of
   * stranding the secret. The caller clears the journal once its change is whole. */
  private async setThenSave(pending: Pending, account: string, secret: string, save: () => void): Promise<void> {
    this.setPending(pending);
    try {
      await this.deps.keychain.set(account, secret);
    } catch (err) {
      this.clearPending();
      throw err;
    }
    try {
      save();
    } catch (err) {
      if (await this.deps.keychain.delete(account).catch(() => false)) this.clearPending();
      throw err;
    }
  }

  /** Stores a secret the person pasted or a service issued. */
  async store(meta: NewRecord, secret: string, decoded: Decoded = CHECKS[meta.service](secret)): Promise<TokenSummary> {
    return this.write(async (records) => {
      const fp = fingerprint(secret);
      const dup = records.find((r) => r.fingerprint === fp || (decoded.recordId && r.service === meta.service && r.recordId === decoded.recordId));
      if (dup) throw new VaultError('conflict', `This token is already in the vault as "${dup.label}".`);
      const id = randomUUID();
      const addedAt = this.now().toISOString();
      const rec: StoredRecord = {
        ...meta,
        id,
        service: meta.service,
        kind: meta.kind ?? decoded.kind,
        preview: maskedPreview(secret),
        addedAt,
        keychainAccount: encodeAccount({ id, service: meta.service, label: meta.label, account: meta.account, addedAt }),
        fingerprint: fp,
      };
      if (decoded.scopes && !rec.scopes) rec.scopes = decoded.scopes;
      if (decoded.recordId && !rec.recordId) rec.recordId = decoded.recordId;
      if (decoded.userId && !rec.userId) rec.userId = decoded.userId;
      await this.setThenSave({ op: 'add', record: rec }, rec.keychainAccount, secret, () => this.save([...records, rec]));
      this.clearPending();
      return toSummary(rec);
    });
  }

  /** Replaces the secret of an entry (a reset at the service). If the keychain write fails the
   * caller's error carries the new secret so it can be shown once and not lost. */
  async replaceSecret(id: string, secret: string, patch: Partial<NewRecord> = {}): Promise<TokenSummary> {
    return this.write(async (records) => {
      const rec = this.find(records, id);
      const decoded = CHECKS[rec.service](secret);
      this.setPending({ op: 'replace', id, account: rec.keychainAccount });
      try {
        await this.deps.keychain.set(rec.keychainAccount, secret);
      } catch (err) {
        this.clearPending();
        const info = err instanceof VaultError ? err.message : 'The keychain refused the write.';
        throw new VaultError(err instanceof VaultError ? err.code : 'keychain-unavailable', `The new value could not be saved in the keychain: ${info} Store it somewhere safe now — it is shown only this once.`, {
          rescueSecret: secret,
        });
      }
      const next: StoredRecord = { ...rec, ...patch, kind: decoded.kind, preview: maskedPreview(secret), fingerprint: fingerprint(secret) };
      delete next.verification;
      delete next.verifiedAt;
      this.save(records.map((r) => (r.id === id ? next : r)));
      this.clearPending();
      this.missing.delete(id);
      return toSummary(next);
    });
  }

  async update(id: string, patch: Partial<Omit<TokenSummary, 'id' | 'service' | 'preview' | 'addedAt'>>): Promise<TokenSummary> {
    return this.write(async (records) => {
      const rec = this.find(records, id);
      const next: StoredRecord = { ...rec, ...patch };
      const replace = () => this.save(records.map((r) => (r.id === id ? next : r)));
      if ((patch.label === undefined || patch.label === rec.label) && (patch.account === undefined || patch.account === rec.account)) {
        replace();
        return toSummary(next);
      }
      // The account name carries the label, so a rename moves the keychain entry: copy, point the
      // catalog at the copy, then delete the old one.
      const secret = await this.secretOf(rec);
      next.keychainAccount = encodeAccount({ id, service: rec.service, label: next.label, account: next.account, addedAt: rec.addedAt });
      await this.setThenSave({ op: 'move', id, from: rec.keychainAccount, to: next.keychainAccount }, next.keychainAccount, secret, replace);
      // If the old entry cannot be deleted now, the journal stays and the next writer deletes it.
      if (await this.deps.keychain.delete(rec.keychainAccount).then(() => true, () => false)) this.clearPending();
      return toSummary(next);
    });
  }

  private async secretOf(rec: StoredRecord): Promise<string> {
    // The port answers null only when the keychain is known to be unlocked; a locked one throws.
    const secret = await this.deps.keychain.get(rec.keychainAccount);
    if (secret === null) {
      this.missing.add(rec.id);
      throw new VaultError('not-found', `The keychain is unlocked but holds no secret for "${rec.label}" (it was deleted outside Synvault). Remove it from the vault and add the token again.`);
    }
    return secret;
  }

  /** For use cases that send the token to its own service (verify, sync). Never crosses the contract. */
  async secret(id: string): Promise<string> {
    return this.secretOf(this.find(await this.load(), id));
  }

  async copy(id: string): Promise<CopyReceipt> {
    const rec = this.find(await this.load(), id);
    const receipt = await this.copyText(await this.secretOf(rec));
    this.record('copied', rec);
    return receipt;
  }

  /** Puts text derived from a secret (e.g. a curl command) on the clipboard, cleared like any copy. */
  async copyText(text: string): Promise<CopyReceipt> {
    const seconds = this.settings.get().clipboardClearSeconds;
    const at = await this.deps.clipboard.copy(text, seconds);
    return { clearsAt: at === null ? null : new Date(at).toISOString(), seconds };
  }

  async reveal(id: string): Promise<RevealedSecret> {
    const rec = this.find(await this.load(), id);
    const secret = await this.secretOf(rec);
    this.record('revealed', rec);
    return { secret, hideAfterMs: this.settings.get().revealSeconds * 1000 };
  }

  /** Removes from the vault only: keychain first, then the catalog. A keychain that refuses (or
   * is locked) fails the call and the token stays listed. */
  async remove(id: string, action: ActivityAction = 'removed', detail?: string): Promise<{ id: string }> {
    return this.write(async (records) => {
      const rec = this.find(records, id);
      this.setPending({ op: 'remove', record: rec });
      try {
        // false: the unlocked keychain had no such entry — removing the record is still what was asked.
        await this.deps.keychain.delete(rec.keychainAccount);
      } catch (err) {
        this.clearPending();
        throw err;
      }
      this.save(records.filter((r) => r.id !== id));
      this.clearPending();
      this.missing.delete(id);
      this.record(action, rec, detail);
      return { id };
    });
  }

  activity(limit: number): ActivityEntry[] {
    return this.log.list(limit);
  }

  getSettings(): Settings {
    return this.settings.get();
  }

  /** Under the write lock, on the file as it is now: the window and the CLI share it. */
  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.lock.run(async () => {
      try {
        this.settings.reload();
        return this.settings.update(patch);
      } catch (err) {
        if (err instanceof VaultError) throw err;
        throw new VaultError('io', `Could not save settings in ${this.deps.config.dataDir}. Nothing was changed.`);
      }
    });
  }

  async clearClipboardIfOurs(): Promise<boolean> {
    return this.deps.clipboard.clearIfOurs();
  }
}
