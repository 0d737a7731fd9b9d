// @process: core
// Rotating a Synap PAT (docs/rotate.md), guided: Synap has no call to create or revoke one, so the
// person creates the successor in the Portal and pastes it; the vault stores it under the old
// label with the old one's Subject-Users, Portal address and issuer, keeps the old one "rotated
// out", and leaves the last step to the person: revoke the old one in the Portal and confirm
// (synapConfirmRevoked, as any Synap revoke). Synvault writes Synap tokens nowhere, so there are
// no places to rewrite.
import type { RotationReport } from '../../shared/contract/rotate';
import { VaultError } from '../../shared/errors';
import { normaliseSecret } from '../../shared/services';
import type { ActivityLog } from '../activity-log';
import type { NewRecord, TokenStore } from '../token-store';
import { markRotatedOut } from './mark';
import { named, originalLabel, StepLog, type RotateOptions } from './steps';

export interface SynapRotateRequest {
  service: 'synap';
  id: string;
  /** The new PAT, as pasted. */
  secret: string;
}

export interface SynapRotateDeps {
  tokens: TokenStore;
  activity: ActivityLog;
  clock: { now(): number };
}

export async function rotateSynap(deps: SynapRotateDeps, input: SynapRotateRequest, opts: RotateOptions = {}): Promise<RotationReport> {
  const { tokens } = deps;
  const old = await tokens.get(input.id);
  if (old.service !== 'synap') throw new VaultError('invalid-input', `"${old.label}" is not a Synap token.`);
  if (old.rotation?.stage === 'rotated-out') {
    throw new VaultError('invalid-input', `"${old.label}" was already rotated out: revoke it in the Portal (Revoke…), and Synvault removes it.`);
  }
  // The same format check as an add; a paste of the old token itself is a conflict the store names.
  const { secret, decoded } = normaliseSecret('synap', input.secret);
  const label = originalLabel(old);
  const log = new StepLog(opts.onStep);
  const sPaste = log.add('paste', 'Create a new personal access token in the Synap Portal and paste it here');
  const sStore = log.add('store', `Store it in the vault as “${label}” with the old one's Subject-Users, Portal address and issuer; keep the old one (rotated out) until it is revoked`);
  const sPlaces = log.add('write', 'Update the places the vault wrote the old token');
  const sRevoke = log.add('revoke', `Revoke the old token ${named(old)} in the Synap Portal`);
  log.done(sPaste, 'Pasted.');

  const meta: NewRecord = { service: 'synap', label };
  if (old.account) meta.account = old.account;
  if (old.portalUrl) meta.portalUrl = old.portalUrl;
  if (old.issuedBy) meta.issuedBy = old.issuedBy;
  if (old.subjectUsers?.length) meta.subjectUsers = old.subjectUsers.map((u) => ({ ...u }));
  let successor;
  try {
    successor = await tokens.store(meta, secret, decoded);
  } catch (err) {
    if (err instanceof VaultError && err.code === 'conflict' && err.message.includes(`"${old.label}"`)) {
      throw new VaultError('conflict', `That is the token being rotated. Create a new one in the Portal (Settings → Automations → API) and paste that. Nothing was done.`, {
        fields: { secret: 'This is the old token.' },
      });
    }
    // Nothing was stored: a form error (a wrong paste, a token already in the vault) to fix and retry.
    throw err;
  }
  const warnings: string[] = [];
  const w = await markRotatedOut(tokens, old, successor, new Date(deps.clock.now()).toISOString()).catch((err: unknown) => {
    log.fail(sStore, err);
    return null;
  });
  if (w) warnings.push(w);
  const now = await tokens.get(old.id);
  if (!log.failed) log.done(sStore, `${named(successor)} is in the vault${meta.subjectUsers ? `, with ${meta.subjectUsers.length} Subject-User(s)` : ''}; the old one is ${named(now)}.`);
  log.skip(sPlaces, 'None: Synvault writes Synap tokens nowhere (synvault exec hands them to a command in a variable).');
  if (log.failed) log.hold(sRevoke, 'Not yet: the old token could not be marked rotated out; revoke it in the Portal when you are ready.');
  else log.wait(sRevoke, `Your step: open the Portal, go to Settings → Automations → API, revoke the old token, then confirm it here (Revoke… on ${named(now)}) — Synvault then removes it.`);
  deps.activity.record('rotated', successor, `successor of ${old.preview}; the old one waits to be revoked in the Portal`);
  return log.report('synap', old.id, successor.id, [`The new token ${named(successor)} is in the vault.`, `The old token ${named(now)} still works until you revoke it in the Synap Portal.`], warnings);
}
