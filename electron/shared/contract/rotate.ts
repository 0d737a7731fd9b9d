// @process: shared
// Rotation and "where used" (docs/rotate.md): replace a token with a successor everywhere the vault
// wrote it, then retire the old one — each step reported, never a secret in an answer; and check
// whether the places a token was written still hold it (read locally, by fingerprint).
import { z } from 'zod';
import { channel } from './define';
import { tokenId } from './vault';
import { synapseSignIn, type TwoFactorChallenge } from './synapse';
import type { ErrorInfo } from '../errors';
import type { UsedIn } from '../model';
import type { Service } from '../kinds';

/** What each service's rotation needs from the person, told apart by `service`:
 * - Synapse: a password sign-in (and a second factor, through synapseTwoFactor) to create the
 *   successor and revoke the old token — the same sign-in as synapseCreateToken;
 * - Syncano: nothing but the key; an API key is reset with an account key of the vault
 *   (`accountId`, needed only when the vault holds more than one);
 * - Synap: the new PAT the person created in the Portal (Synap has no call to create one). */
export const rotateInput = z.discriminatedUnion('service', [
  z
    .object({
      service: z.literal('synapse'),
      id: tokenId,
      ...synapseSignIn,
      /** Go on at the token cap (Synapse then deletes the least recently used token). */
      allowEvictOldest: z.boolean().default(false),
    })
    .strict(),
  z.object({ service: z.literal('syncano'), id: tokenId, accountId: tokenId.optional() }).strict(),
  z
    .object({
      service: z.literal('synap'),
      id: tokenId,
      secret: z.string().min(1, 'Paste the new personal access token.').max(4096, 'That is too long for a personal access token.'),
    })
    .strict(),
]);
export type RotateInput = z.output<typeof rotateInput>;

/** The kinds of step a rotation takes; each service uses some of them, in this order. */
export type RotationStepKind =
  /** Synapse: create the successor (same scopes). */
  | 'create'
  /** Syncano: reset_key — the service replaces the key, the old one stops at once. */
  | 'reset'
  /** Synap: the person created the successor in the Portal and pasted it. */
  | 'paste'
  /** Put the successor in the vault under the old label; the old one is kept, "rotated out". */
  | 'store'
  /** Rewrite one place that holds the old token (a .synapseConfig section). */
  | 'write'
  /** Revoke the old token at the service (Synapse), or in the Portal (Synap, by the person). */
  | 'revoke';

export interface RotationStep {
  kind: RotationStepKind;
  /** What the step does, in a person's words ("Rewrite [authentication] in /home/…/.synapseConfig"). */
  title: string;
  /** done; failed; skipped (nothing to do, and why); waiting (for the person: Synap's Portal);
   * not-run (an earlier step failed, or this one must not run — the old token is never revoked
   * while a place still holds it). */
  state: 'done' | 'failed' | 'skipped' | 'waiting' | 'not-run';
  detail?: string;
  /** The place a `write` step rewrites. */
  place?: Pick<UsedIn, 'kind' | 'path' | 'section'>;
}

export interface RotationReport {
  service: Service;
  /** The rotated token (still in the vault unless it was revoked). */
  oldId: string;
  /** The successor, once stored. */
  newId?: string;
  /** done: every step done; failed: a step failed (`error`), the rest not run; waiting: the
   * person has a step left (Synap: revoke the old token in the Portal). */
  outcome: 'done' | 'failed' | 'waiting';
  steps: RotationStep[];
  /** Which token is live where now — one sentence each, always given, and what a person reads
   * first when a step failed. Labels and masked previews only. */
  live: string[];
  warnings: string[];
  /** Why the failed step failed (a field named when the form can fix it, e.g. allowEvictOldest). */
  error?: Omit<ErrorInfo<'rotateToken'>, 'rescueSecret'>;
}

/** What a place the vault wrote a token holds now, read from the file by fingerprint:
 * this token; another (`other` names it when the vault holds it); none in that section any more;
 * no such section; no such file; or a file that cannot be read (`detail`). */
export type PlaceState = 'holds-this' | 'holds-other' | 'no-token' | 'section-gone' | 'file-gone' | 'unreadable';

export interface UsedInCheck extends UsedIn {
  state: PlaceState;
  /** For holds-other: the vault's token that is there, when the vault holds it. */
  other?: { id: string; label: string };
  detail?: string;
}

export const rotateChannels = {
  /** Rotates a token (docs/rotate.md). A Synapse sign-in that asks for a second factor answers a
   * challenge; synapseTwoFactor finishes it and answers `{ action: 'rotate', rotated }`. */
  rotateToken: channel<RotationReport | TwoFactorChallenge>()(rotateInput),
  /** Reads every place the token was written and says what each holds now. */
  checkUsedIn: channel<UsedInCheck[]>()(z.object({ id: tokenId }).strict()),
};
