// @process: core
// The vault's own use cases — status, list, add, copy, reveal, remove, activity, settings — over
// the core's parts (token store, recovery, activity log, settings, clipboard), which the
// composition root (app-core.ts) builds once and hands to every use case. Nothing here writes the
// keychain or the catalog itself: the token store does (docs/architecture.md).
import { VaultError } from '../shared/errors';
import { KeychainUnavailable } from './keychain';
import type { ActivityEntry, CopyReceipt, KeychainProblem, RevealedSecret, TokenSummary, VaultStatus } from '../shared/model';
import type { Settings } from '../shared/settings';
import type { AddTokenRequest } from '../shared/services';
import { prepareAdd } from '../shared/paste';
import type { CoreParts } from './parts';

/** What an add needs: the vault's own input type, not the IPC schema's; the handler maps the
 * add payload onto it through the service's module (addTokenRequest). */
export type { AddTokenRequest as AddInput } from '../shared/services';

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

  /** Adds a pasted secret after checking it by the same rules as the window's add form
   * (electron/shared/paste.ts): its service's format, the service it looks like when it is
   * another's, and the fields its kind takes. */
  async add(input: AddTokenRequest): Promise<TokenSummary> {
    const { secret, decoded, meta } = prepareAdd(input);
    const rec = await this.parts.tokens.store(meta, secret, decoded);
    this.parts.activity.record('added', rec);
    return rec;
  }

  /** Gives a token another label. Labels need not be unique (as at add): a name that matches
   * several is refused by the command line, which then lists them by id. */
  async rename(id: string, label: string): Promise<TokenSummary> {
    const before = await this.parts.tokens.get(id);
    if (before.label === label) return before;
    const rec = await this.parts.tokens.update(id, { label });
    this.parts.activity.record('updated', rec, `renamed from “${before.label}”`);
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
