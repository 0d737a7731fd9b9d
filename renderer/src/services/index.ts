// @process: renderer
// Each service adds its one line here.
import type { ServiceUi } from './registry';

export const SERVICE_UIS: ServiceUi[] = [];
