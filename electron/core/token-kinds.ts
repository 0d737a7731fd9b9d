// @process: core
// The format rules of each service's secret now live in its shared module
// (electron/shared/services/<service>.ts), so the window reads the same rules; this file only
// keeps the core's old names for them while callers move to the registry.
import { checkSecret, SERVICES, type Decoded, type Service, type TokenKind } from '../shared/services';

export { SERVICES, TOKEN_KINDS, SERVICE_NAMES, KIND_NAMES, KIND_SERVICE, maskedPreview, normaliseSecret, type Decoded, type Service, type TokenKind } from '../shared/services';
export { checkSynapsePat } from '../shared/services/synapse';
export { checkSynapPat } from '../shared/services/synap';
export { checkSyncanoKey } from '../shared/services/syncano';

/** The format check of each service, by service. */
export const CHECKS = Object.fromEntries(SERVICES.map((s) => [s, (value: string) => checkSecret(s, value)])) as Record<Service, (value: string) => Decoded<TokenKind>>;
