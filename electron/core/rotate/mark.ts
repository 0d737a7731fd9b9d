// @process: core
// The rotation journal on the old token's own record (TokenSummary.rotation, docs/rotate.md):
// written through the token store's update path before the service is asked for a successor,
// advanced when the successor is stored, gone with the old token when it is revoked. Kept in the
// catalog, so whatever process opens the vault next shows where a rotation stopped.
import type { RotationMark, TokenSummary } from '../../shared/model';
import type { TokenStore } from '../token-store';
import { rotatedOutLabel } from './steps';

/** Before asking the service: a successor may exist from here on that the vault has not seen. */
export function markCreating(tokens: TokenStore, old: TokenSummary, at: string, successorName?: string): Promise<TokenSummary> {
  const mark: RotationMark = { stage: 'creating', at };
  if (successorName) mark.successorName = successorName;
  return tokens.update(old.id, { rotation: mark });
}

/** The service answered that it made nothing (or the rotation ended cleanly): no journal. */
export async function clearMark(tokens: TokenStore, id: string): Promise<void> {
  await tokens.update(id, { rotation: undefined });
}

/** The successor is stored under the old label: the old token is "rotated out" — its mark first
 * (a catalog write), then its label (a keychain move, so `synvault exec <label>` finds the
 * successor). Answers a warning when the label could not be changed (the mark stands). */
export async function markRotatedOut(tokens: TokenStore, old: TokenSummary, successor: TokenSummary, at: string, successorName?: string): Promise<string | null> {
  const mark: RotationMark = { stage: 'rotated-out', at, successorId: successor.id };
  if (successorName) mark.successorName = successorName;
  await tokens.update(old.id, { rotation: mark });
  const label = rotatedOutLabel(old.label);
  if (label === old.label) return null;
  try {
    await tokens.update(old.id, { label });
    return null;
  } catch {
    return `The old token could not be relabelled “${label}” (the keychain refused to move its entry); it is marked rotated out, and both tokens are labelled “${old.label}” until you rename it.`;
  }
}

/** The successor of a rotation that stopped after storing it: the mark names it, or — when the
 * process stopped between storing it and writing the mark — the token stored under the old label
 * since the rotation began (the same service and, for Synapse, the same owner). */
export function successorOf(old: TokenSummary, all: readonly TokenSummary[]): TokenSummary | undefined {
  const m = old.rotation;
  if (!m) return undefined;
  if (m.successorId) return all.find((t) => t.id === m.successorId);
  return all.find((t) => t.id !== old.id && t.service === old.service && t.label === old.label && t.addedAt >= m.at && t.userId === old.userId && !t.rotation);
}
