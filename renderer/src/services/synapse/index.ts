// @process: renderer
// Synapse's part of the window: Verify / Export / Revoke on its token rows, server state under
// them, and a tab to create tokens with a sign-in, sync with the server, and import from
// ~/.synapseConfig. The tab and the Rotate dialog load as chunks of their own (ui/lazy.ts).
import type { ServiceUi } from '../registry';
import { SynapseRowActions } from './SynapseRowActions';
import { SynapseRowDetails } from './SynapseRowDetails';
import { lazyPart } from '../../ui/lazy';

export const synapseUi: ServiceUi = {
  service: 'synapse',
  Panel: lazyPart(() => import('./SynapsePanel'), 'SynapsePanel'),
  RowActions: SynapseRowActions,
  RowDetails: SynapseRowDetails,
  RotateDialog: lazyPart(() => import('./RotateDialog'), 'RotateDialog'),
};
