// @process: core
// Rotation, one entry per service (docs/rotate.md), and "where used": the use cases behind
// rotateToken and checkUsedIn. Each service's rotation reuses that service's own use cases — the
// Synapse sign-in, create and revoke (SynapseActions), Syncano's reset (its handlers), Synap's
// Portal flow — so there is one way to do each of those.
import type { RotationReport, UsedInCheck } from '../../shared/contract/rotate';
import type { TwoFactorChallenge } from '../../shared/contract/synapse';
import type { HandlerGroup } from '../handlers';
import type { CoreParts } from '../parts';
import type { SynapseActions } from '../services/synapse/actions';
import { checkUsedIn } from '../where-used';
import type { RotateOptions } from './steps';
import { rotateSynap, type SynapRotateRequest } from './synap';
import { rotateSynapse, type SynapseRotateRequest } from './synapse';
import { rotateSyncano, type SyncanoRotateRequest } from './syncano';

export type { RotateOptions } from './steps';

/** What a rotation needs from the person, per service (the handler maps the contract's payload
 * onto it, so the core does not depend on the IPC schema). */
export type RotateRequest = SynapseRotateRequest | SyncanoRotateRequest | SynapRotateRequest;

export interface RotationDeps extends Pick<CoreParts, 'config' | 'tokens' | 'activity' | 'clock'> {
  synapse: SynapseActions;
  syncano: HandlerGroup<'syncanoResetAccountKey' | 'syncanoResetApiKey'>;
}

export class Rotation {
  constructor(private readonly deps: RotationDeps) {}

  /** Rotates a token; `onStep` is told each step as it happens (the CLI prints it). */
  rotate(input: RotateRequest, opts: RotateOptions = {}): Promise<RotationReport | TwoFactorChallenge> {
    switch (input.service) {
      case 'synapse':
        return rotateSynapse(this.deps, input, opts);
      case 'syncano':
        return rotateSyncano(this.deps, input, opts);
      case 'synap':
        return rotateSynap(this.deps, input, opts);
    }
  }

  checkUsedIn(id: string): Promise<UsedInCheck[]> {
    return checkUsedIn(this.deps.tokens, id);
  }
}

export function rotateHandlers(rotation: Rotation): HandlerGroup<'rotateToken' | 'checkUsedIn'> {
  return {
    rotateToken: (input) => rotation.rotate(input),
    checkUsedIn: ({ id }) => rotation.checkUsedIn(id),
  };
}
