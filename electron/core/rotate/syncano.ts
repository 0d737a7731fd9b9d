// @process: core
// Rotating a Syncano key (docs/rotate.md): reset_key, through the existing reset use cases — the
// account key by itself, an instance API key with an account key of the vault. Syncano replaces
// the key in one call and the old value stops working at once, so there is no "rotated out" entry:
// the vault entry takes the new value (or, if the keychain refuses it, the new key is shown once).
// Synvault writes Syncano keys nowhere (synvault exec hands them over in a variable), so there are
// no places to rewrite; the step says so.
import type { RotationReport } from '../../shared/contract/rotate';
import { fieldError, VaultError } from '../../shared/errors';
import type { TokenSummary } from '../../shared/model';
import type { ActivityLog } from '../activity-log';
import type { HandlerGroup } from '../handlers';
import type { TokenStore } from '../token-store';
import { placeWords } from '../where-used';
import { clearMark, markCreating } from './mark';
import { named, StepLog, type RotateOptions } from './steps';

export interface SyncanoRotateRequest {
  service: 'syncano';
  id: string;
  /** The account key that owns an API key's instance; needed when the vault holds more than one. */
  accountId?: string;
}

export interface SyncanoRotateDeps {
  tokens: TokenStore;
  activity: ActivityLog;
  clock: { now(): number };
  /** The existing reset use cases (services/syncano/actions.ts). */
  syncano: HandlerGroup<'syncanoResetAccountKey' | 'syncanoResetApiKey'>;
}

/** The account key that resets an API key: the one named, or the vault's only one. */
async function accountKeyFor(tokens: TokenStore, key: TokenSummary, accountId: string | undefined): Promise<string> {
  if (accountId) return accountId;
  const accounts = (await tokens.list()).filter((t) => t.kind === 'syncano-account-key');
  if (accounts.length === 1) return accounts[0]!.id;
  if (!accounts.length) {
    throw new VaultError('invalid-input', `Only an account key can reset "${key.label}" at Syncano, and the vault holds none. Sign in to Syncano in its tab first. Nothing was done.`);
  }
  throw fieldError('rotateToken', 'invalid-input', `The vault holds ${accounts.length} Syncano account keys; choose the one whose account owns instance ${key.account}. Nothing was done.`, {
    accountId: 'Choose the account key.',
  });
}

export async function rotateSyncano(deps: SyncanoRotateDeps, input: SyncanoRotateRequest, opts: RotateOptions = {}): Promise<RotationReport> {
  const { tokens } = deps;
  const old = await tokens.get(input.id);
  if (old.service !== 'syncano') throw new VaultError('invalid-input', `"${old.label}" is not a Syncano key.`);
  const isAccount = old.kind === 'syncano-account-key';
  let accountId: string | undefined;
  let keyId = 0;
  if (!isAccount) {
    if (!old.account || !old.recordId || !/^[0-9]+$/.test(old.recordId)) {
      throw new VaultError('invalid-input', `Synvault does not know the instance and key id of "${old.label}" yet. Press Verify on it (Syncano says both), then rotate. Nothing was done.`);
    }
    keyId = Number(old.recordId);
    accountId = await accountKeyFor(tokens, old, input.accountId);
  }
  const log = new StepLog(opts.onStep);
  const sReset = log.add('reset', `Reset ${isAccount ? 'the account key' : `API key #${keyId} of instance ${old.account}`} at Syncano (reset_key): the old key stops working at once`);
  const sStore = log.add('store', `Store the new key in the vault as “${old.label}”, in place of the old one`);
  const places = old.usedIn ?? [];
  const sPlaces = log.add('write', 'Update the places the vault wrote the old key');
  const warnings: string[] = [];

  await markCreating(tokens, old, new Date(deps.clock.now()).toISOString());
  let updated: TokenSummary;
  try {
    if (isAccount) updated = await deps.syncano.syncanoResetAccountKey({ id: old.id });
    else {
      // The reset use case replaces this very entry (found by instance and key id).
      const r = await deps.syncano.syncanoResetApiKey({ accountId: accountId!, instance: old.account!, keyId });
      updated = r.token ?? (await tokens.get(old.id));
    }
  } catch (err) {
    if (err instanceof VaultError && err.rescueSecret !== undefined) {
      // Reset at Syncano, refused by the keychain: the new key is in this error, shown once.
      await clearMark(tokens, old.id).catch(() => undefined);
      throw err;
    }
    log.fail(sReset, err);
    log.hold(sStore, 'Not run: the reset failed.');
    log.hold(sPlaces, 'Not run: the reset failed.');
    // A status means Syncano answered and reset nothing; without one it may have.
    const answered = err instanceof VaultError && err.status !== undefined;
    if (answered) {
      await clearMark(tokens, old.id).catch(() => undefined);
      return log.report('syncano', old.id, undefined, [`Nothing changed: ${named(old)} is still the key in the vault, and it still works at Syncano.`], warnings);
    }
    return log.report(
      'syncano',
      old.id,
      undefined,
      [
        `Syncano may have reset the key before the connection failed: then ${named(old)} in the vault no longer works, and the new key was never received. Verify it; if it does not work, ${isAccount ? 'sign in to Syncano again (that fetches the current account key)' : 'rotate it again'}.`,
      ],
      warnings,
    );
  }
  log.done(sReset, 'Syncano issued a new key; the old one no longer works.');
  await clearMark(tokens, old.id).catch(() => undefined);
  log.done(sStore, `${named(updated)} is in the vault.`);
  if (places.length) {
    // No kind of place holds a Syncano key today; should one ever be recorded, say where it is.
    log.hold(sPlaces, `Not updated: ${places.map(placeWords).join(', ')} — Synvault has no way to write a Syncano key there. Replace it by hand: the old key no longer works.`);
  } else {
    log.skip(sPlaces, 'None: Synvault writes Syncano keys nowhere (synvault exec hands them to a command in a variable), so nothing else holds the old one.');
  }
  deps.activity.record('rotated', updated, 'reset at Syncano');
  return log.report('syncano', old.id, updated.id, [`The new key ${named(updated)} is in the vault and works at Syncano; the old one (${old.preview}) no longer works anywhere.`], warnings);
}
