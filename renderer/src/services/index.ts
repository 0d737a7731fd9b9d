// @process: renderer
// Each service adds its one line here.
import type { ServiceUi } from './registry';
import { synapUi } from './synap';
import { syncanoUi } from './syncano';

export const SERVICE_UIS: ServiceUi[] = [
  synapUi,
  syncanoUi,
];
