// @process: core
// The vault's own use cases — status, list, add, copy, reveal, remove, activity, settings — over
// the core's parts (token store, recovery, activity log, settings, clipboard), which the
// composition root (app-core.ts) builds once and hands to every use case. Nothing here writes the
// keychain or the catalog itself: the token store does (docs/architecture.md).
import { VaultError } from '../shared/errors';
import { KeychainUnavailable } from './keychain';
import type { ActivityEntry, CopyReceipt, KeychainProblem, RevealedSecret, TokenSummary, VaultStatus } from '../shared/model';
import type { Settings } from '../shared/settings';
import { normaliseSecret, type Service } from './token-kinds';
import type { CoreParts } from './parts';
import type { NewRecord } from './token-store';

/** What an add needs: the vault's own input type, not the IPC schema's. */
export interface AddInput {
  service: Service;
  label: string;
  secret: string;
  /** Synapse: a user name typed as a hint (Verify replaces it with the owner's). */
  username?: string;
  /** Syncano: the instance an API key belongs to. */
  instance?: string;
  /** Synap: the Portal, its address, who issued the PAT and its Subject-Users. */
  portal?: string;
  portalUrl?: string;
  issuedBy?: string;
  subjectUsers?: Array<{ id: string; note: string }>;
}

export type VaultParts = Pick<CoreParts, 'config' | 'keychain' | 'tokens' | 'recovery' | 'activity' | 'settings' | 'clipboard'>;

export class Vault {
  constructor(private readonly parts: VaultParts) {}

  async status(): Promise<VaultStatus> {
    const { keychain, tokens, recovery, config } = this.parts;
    let problem: KeychainProblem | null = null;
    try {
      // A write and read of a marker: the only check that tells a locked keychain from an empty
      // one without calling anything that crashes on a locked collection.
      await keychain.probe();
    } catch (err) {
      if (!(err instanceof KeychainUnavailable)) throw err;
      problem = err.problem;
    }
    try {
      await tokens.ensureLoaded();
      if (!problem && recovery.needsReconcile) await recovery.reconcile(tokens);
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      if (err instanceof KeychainUnavailable) problem ??= err.problem;
      else recovery.notice(err.message);
    }
    return {
      keychain: problem ? { ok: false, ...problem } : { ok: true },
      notices: recovery.notices(),
      keychainService: config.keychainService,
      dataDir: config.dataDir,
    };
  }

  list(): Promise<TokenSummary[]> {
    return this.parts.tokens.list();
  }

  /** Adds a pasted secret after checking its format. */
  async add(input: AddInput): Promise<TokenSummary> {
    const { secret, decoded } = normaliseSecret(input.service, input.secret);
    const meta: NewRecord = { service: input.service, label: input.label };
    if (input.service === 'synapse' && input.username) meta.account = input.username;
    if (input.service === 'syncano' && input.instance) meta.account = input.instance;
    if (input.service === 'synap') {
      meta.account = input.portal;
      if (input.portalUrl) meta.portalUrl = input.portalUrl;
      if (input.issuedBy) meta.issuedBy = input.issuedBy;
      if (input.subjectUsers?.length) meta.subjectUsers = input.subjectUsers;
    }
    const rec = await this.parts.tokens.store(meta, secret, decoded);
    this.parts.activity.record('added', rec);
    return rec;
  }

  async copy(id: string): Promise<CopyReceipt> {
    const { token, secret } = await this.parts.tokens.withSecret(id);
    const receipt = await this.parts.clipboard.copy(secret);
    this.parts.activity.record('copied', token);
    return receipt;
  }

  async reveal(id: string): Promise<RevealedSecret> {
    const { token, secret } = await this.parts.tokens.withSecret(id);
    this.parts.activity.record('revealed', token);
    return { secret, hideAfterMs: this.parts.settings.get().revealSeconds * 1000 };
  }

  async remove(id: string): Promise<{ id: string }> {
    const rec = await this.parts.tokens.remove(id);
    this.parts.activity.record('removed', rec);
    return { id };
  }

  activity(limit: number): ActivityEntry[] {
    return this.parts.activity.list(limit);
  }

  getSettings(): Settings {
    return this.parts.settings.get();
  }

  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.parts.settings.update(patch);
  }

  clearClipboardIfOurs(): Promise<boolean> {
    return this.parts.clipboard.clearIfOurs();
  }
}
