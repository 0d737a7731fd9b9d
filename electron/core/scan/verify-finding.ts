// @process: core
// Verifying a found token through each service's own verify use case, never a request of Scan's
// own: a token the vault holds is verified as its entry (the answer is recorded there, as the
// Verify button records it); a token it does not hold is verified the same way, against a
// one-entry, read-only view of the finding, so neither the vault nor the activity log is written.
// (Building Synapse's use cases clears crash temp files beside ~/.synapseConfig, as every start
// of the app does.)
import type { ActivityLog } from '../activity-log';
import type { TokenSummary } from '../../shared/model';
import { VaultError } from '../../shared/errors';
import type { CoreParts } from '../parts';
import type { TokenStore } from '../token-store';
import { synapHandlers } from '../services/synap/actions';
import { syncanoHandlers } from '../services/syncano/actions';
import { synapseHandlers } from '../services/synapse/actions';
import { verifyWith, type VerifyHandlers } from '../verify';
import type { FindingVerifier } from './scanner';

/** What a verify use case reads and writes of the token store, served from one finding. */
class FindingView implements Pick<TokenStore, 'get' | 'secret' | 'withSecret' | 'update' | 'list'> {
  constructor(
    private token: TokenSummary,
    private readonly value: string,
  ) {}
  private check(id: string): void {
    if (id !== this.token.id) throw new VaultError('not-found', 'That token is no longer in the vault. Refresh the list.');
  }
  async get(id: string) {
    this.check(id);
    return this.token;
  }
  async secret(id: string) {
    this.check(id);
    return this.value;
  }
  async withSecret(id: string) {
    this.check(id);
    return { token: this.token, secret: this.value };
  }
  /** The patch a verify records is kept on the view only. */
  async update(id: string, patch: Partial<TokenSummary>) {
    this.check(id);
    this.token = { ...this.token, ...patch };
    return this.token;
  }
  async list() {
    return [this.token];
  }
}

const silentActivity: Pick<ActivityLog, 'record'> = { record: () => undefined };

export function findingVerifier(parts: CoreParts, stored: VerifyHandlers): FindingVerifier {
  return async ({ service, kind, secret, vaultId, findingId, decoded }) => {
    if (vaultId) return verifyWith(stored, service, vaultId);
    const token: TokenSummary = { id: findingId, service, kind, label: 'found by Scan', preview: '', addedAt: new Date(parts.clock.now()).toISOString() };
    if (decoded.scopes) token.scopes = decoded.scopes;
    if (decoded.recordId) token.recordId = decoded.recordId;
    if (decoded.userId) token.userId = decoded.userId;
    // The use cases take the store and the log by their class; the view and the silent log are
    // the part of them verify uses (FindingView's Pick says which).
    const view = { ...parts, tokens: new FindingView(token, secret) as unknown as TokenStore, activity: silentActivity as ActivityLog };
    // Only the finding's own service's use cases are built.
    const handlers: VerifyHandlers = {
      get synapseVerifyToken() {
        return synapseHandlers(view).synapseVerifyToken;
      },
      get syncanoVerify() {
        return syncanoHandlers(view).syncanoVerify;
      },
      get synapVerify() {
        return synapHandlers(view).synapVerify;
      },
    };
    return verifyWith(handlers, service, findingId);
  };
}
