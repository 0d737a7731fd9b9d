// @process: core
// The vault's use cases. The keychain holds secrets, the catalog holds everything else; every
// change is ordered so that a failure half-way loses nothing.
import { createHash, randomUUID } from 'node:crypto';
import { ActivityLog } from './activity-log';
import { ensurePrivateDir } from './atomic-file';
import { Catalog, type CatalogRecord } from './catalog';
import { ClipboardGuard, type Clock } from './clipboard';
import type { Config } from './config';
import { VaultError } from './errors';
import { decodeAccount, encodeAccount, KeychainUnavailable, type KeychainPort } from './keychain';
import type { ActivityAction, ActivityEntry, CopyReceipt, KeychainProblem, RevealedSecret, TokenSummary, VaultStatus } from './model';
import { SettingsStore } from './settings-store';
import type { Settings } from './settings';
import { CHECKS, maskedPreview, normaliseSecret, SERVICES, type Decoded, type Service, type TokenKind } from './token-kinds';
import type { ParsedInput } from './contract';

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

type StoredRecord = CatalogRecord & { fingerprint?: string };

const fingerprint = (secret: string) => createHash('sha256').update(`synvault-fp:${secret}`).digest('hex').slice(0, 16);

function toSummary(r: StoredRecord): TokenSummary {
  const { keychainAccount: _k, fingerprint: _f, ...summary } = r;
  return summary;
}

export class Vault {
  readonly catalog: Catalog;
  readonly log: ActivityLog;
  readonly settings: SettingsStore;
  private records: StoredRecord[] | null = null;
  /** The catalog file's identity when `records` was read or written: the window and the CLI
   * share the file, so a change by the other is picked up instead of overwritten. */
  private stamp: string | null = null;
  private notices: string[] = [];
  private keychainProblem: KeychainProblem | null = null;

  constructor(private readonly deps: VaultDeps) {
    ensurePrivateDir(deps.config.dataDir);
    this.catalog = new Catalog(deps.config.dataDir);
    this.log = new ActivityLog(deps.config.dataDir);
    this.settings = new SettingsStore(deps.config.dataDir);
  }

  get config(): Config {
    return this.deps.config;
  }

  private now(): Date {
    return new Date(this.deps.clock.now());
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

  /** Loads the catalog (again only if the file changed); rebuilds it from the keychain if it is
   * missing or corrupt. */
  private async load(): Promise<StoredRecord[]> {
    if (this.records && this.catalog.stamp() === this.stamp) return this.records;
    this.records = null;
    const result = this.catalog.load();
    if (result.state === 'ok') {
      this.records = result.records;
      this.stamp = this.catalog.stamp();
      return this.records;
    }
    let entries;
    try {
      entries = await this.deps.keychain.findAll();
    } catch (err) {
      if (err instanceof KeychainUnavailable) {
        this.keychainProblem = err.problem;
        if (result.state === 'corrupt') {
          this.notices.push(`The catalog file is damaged (${result.reason}) and the keychain cannot be read to rebuild it. It was left untouched.`);
        }
        this.records = [];
        this.stamp = this.catalog.stamp();
        return this.records;
      }
      throw err;
    }
    const rebuilt: StoredRecord[] = [];
    for (const { account, secret } of entries) {
      const meta = decodeAccount(account);
      if (!meta || !(SERVICES as readonly string[]).includes(meta.service)) continue;
      const service = meta.service as Service;
      let decoded: Decoded;
      try {
        decoded = CHECKS[service](secret);
      } catch {
        continue;
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
      rebuilt.push(rec);
    }
    rebuilt.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.label.localeCompare(b.label));
    if (result.state === 'corrupt') {
      const aside = this.catalog.setAside(this.now());
      this.notices.push(
        `The catalog file was damaged (${result.reason}); it was kept as ${aside} and ${rebuilt.length} token(s) were recovered from the keychain. Labels survive; verification dates and notes do not.`,
      );
    } else if (rebuilt.length > 0) {
      this.notices.push(`The catalog file was missing; ${rebuilt.length} token(s) were recovered from the keychain.`);
    }
    this.records = rebuilt;
    if (result.state === 'corrupt' || rebuilt.length > 0) {
      this.catalog.save(rebuilt);
      this.record('catalog-rebuilt', undefined, `${rebuilt.length} token(s) recovered`);
    }
    this.stamp = this.catalog.stamp();
    return rebuilt;
  }

  private save(records: StoredRecord[]): void {
    try {
      this.catalog.save(records);
      this.stamp = this.catalog.stamp();
    } catch (err) {
      throw new VaultError('io', `Could not write the catalog in ${this.deps.config.dataDir} (${(err as NodeJS.ErrnoException).code ?? 'error'}). Nothing was changed.`);
    }
    this.records = records;
  }

  private async find(id: string): Promise<StoredRecord> {
    const rec = (await this.load()).find((r) => r.id === id);
    if (!rec) throw new VaultError('not-found', 'That token is no longer in the vault. Refresh the list.');
    return rec;
  }

  async status(): Promise<VaultStatus> {
    await this.load();
    if (!this.keychainProblem) {
      try {
        // A read of an entry that does not exist: proves the keychain answers without reading a secret.
        await this.deps.keychain.get('synvault-probe');
      } catch (err) {
        if (err instanceof KeychainUnavailable) this.keychainProblem = err.problem;
        else throw err;
      }
    }
    return {
      keychain: this.keychainProblem ? { ok: false, ...this.keychainProblem } : { ok: true },
      notices: [...this.notices],
      keychainService: this.deps.config.keychainService,
      dataDir: this.deps.config.dataDir,
    };
  }

  async list(): Promise<TokenSummary[]> {
    return (await this.load()).map(toSummary);
  }

  async get(id: string): Promise<TokenSummary> {
    return toSummary(await this.find(id));
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

  /** Stores a secret: keychain first, then catalog; if the catalog write fails the keychain
   * entry is taken back so nothing is half-stored. */
  async store(meta: NewRecord, secret: string, decoded: Decoded = CHECKS[meta.service](secret)): Promise<TokenSummary> {
    const records = await this.load();
    if (this.keychainProblem) throw new KeychainUnavailable(this.keychainProblem);
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
      keychainAccount: '',
      fingerprint: fp,
    };
    if (decoded.scopes && !rec.scopes) rec.scopes = decoded.scopes;
    if (decoded.recordId && !rec.recordId) rec.recordId = decoded.recordId;
    if (decoded.userId && !rec.userId) rec.userId = decoded.userId;
    rec.keychainAccount = encodeAccount({ id, service: rec.service, label: rec.label, account: rec.account, addedAt });
    await this.keychainCall(() => this.deps.keychain.set(rec.keychainAccount, secret));
    try {
      this.save([...records, rec]);
    } catch (err) {
      await this.deps.keychain.delete(rec.keychainAccount).catch(() => false);
      throw err;
    }
    return toSummary(rec);
  }

  /** Replaces the secret of an entry (a reset at the service). If the keychain write fails the
   * caller's error carries the new secret so it can be shown once and not lost. */
  async replaceSecret(id: string, secret: string, patch: Partial<NewRecord> = {}): Promise<TokenSummary> {
    const rec = await this.find(id);
    const decoded = CHECKS[rec.service](secret);
    try {
      await this.keychainCall(() => this.deps.keychain.set(rec.keychainAccount, secret));
    } catch (err) {
      const info = err instanceof VaultError ? err.message : 'The keychain refused the write.';
      throw new VaultError('keychain-unavailable', `The new value could not be saved in the keychain: ${info} Store it somewhere safe now — it is shown only this once.`, {
        rescueSecret: secret,
      });
    }
    const next: StoredRecord = { ...rec, ...patch, kind: decoded.kind, preview: maskedPreview(secret), fingerprint: fingerprint(secret) };
    delete next.verification;
    delete next.verifiedAt;
    this.save((await this.load()).map((r) => (r.id === id ? next : r)));
    return toSummary(next);
  }

  async update(id: string, patch: Partial<Omit<TokenSummary, 'id' | 'service' | 'preview' | 'addedAt'>>): Promise<TokenSummary> {
    const rec = await this.find(id);
    const next: StoredRecord = { ...rec, ...patch };
    if (patch.label !== undefined && patch.label !== rec.label || patch.account !== undefined && patch.account !== rec.account) {
      // The account name carries the label, so a rename moves the keychain entry.
      const secret = await this.secretOf(rec);
      next.keychainAccount = encodeAccount({ id, service: rec.service, label: next.label, account: next.account, addedAt: rec.addedAt });
      await this.keychainCall(() => this.deps.keychain.set(next.keychainAccount, secret));
      try {
        this.save((await this.load()).map((r) => (r.id === id ? next : r)));
      } catch (err) {
        await this.deps.keychain.delete(next.keychainAccount).catch(() => false);
        throw err;
      }
      await this.deps.keychain.delete(rec.keychainAccount).catch(() => false);
      return toSummary(next);
    }
    this.save((await this.load()).map((r) => (r.id === id ? next : r)));
    return toSummary(next);
  }

  private async keychainCall<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof KeychainUnavailable) this.keychainProblem = err.problem;
      throw err;
    }
  }

  private async secretOf(rec: StoredRecord): Promise<string> {
    const secret = await this.keychainCall(() => this.deps.keychain.get(rec.keychainAccount));
    if (secret === null) {
      throw new VaultError('not-found', `The keychain no longer holds the secret of "${rec.label}". Remove it from the vault and add it again.`);
    }
    return secret;
  }

  /** For use cases that send the token to its own service (verify, sync). Never crosses the contract. */
  async secret(id: string): Promise<string> {
    return this.secretOf(await this.find(id));
  }

  async copy(id: string): Promise<CopyReceipt> {
    const rec = await this.find(id);
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
    const rec = await this.find(id);
    const secret = await this.secretOf(rec);
    this.record('revealed', rec);
    return { secret, hideAfterMs: this.settings.get().revealSeconds * 1000 };
  }

  /** Removes from the vault only (catalog, then keychain; the catalog entry comes back if the
   * keychain refuses). */
  async remove(id: string, action: ActivityAction = 'removed', detail?: string): Promise<{ id: string }> {
    const records = await this.load();
    const rec = await this.find(id);
    this.save(records.filter((r) => r.id !== id));
    try {
      await this.keychainCall(() => this.deps.keychain.delete(rec.keychainAccount));
    } catch (err) {
      this.save(records);
      throw err;
    }
    this.record(action, rec, detail);
    return { id };
  }

  activity(limit: number): ActivityEntry[] {
    return this.log.list(limit);
  }

  getSettings(): Settings {
    return this.settings.get();
  }

  updateSettings(patch: Partial<Settings>): Settings {
    try {
      return this.settings.update(patch);
    } catch (err) {
      if (err instanceof VaultError) throw err;
      throw new VaultError('io', `Could not save settings in ${this.deps.config.dataDir}. Nothing was changed.`);
    }
  }

  async clearClipboardIfOurs(): Promise<boolean> {
    return this.deps.clipboard.clearIfOurs();
  }
}
