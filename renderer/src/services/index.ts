// @process: renderer
// Each service adds its one line here.
import type { ServiceUi } from './registry';
import { synapUi } from './synap';
import { syncanoUi } from './syncano';
import { synapseUi } from './synapse';

export const SERVICE_UIS: ServiceUi[] = [
  synapUi,
  syncanoUi,
  synapseUi,
];
