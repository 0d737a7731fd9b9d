// @process: renderer
// Synapse's part of the window: Verify / Export / Revoke on its token rows, server state under
// them, and a tab to create tokens with a sign-in, sync with the server, and import from
// ~/.synapseConfig.
import type { ServiceUi } from '../registry';
import { SynapsePanel } from './SynapsePanel';
import { SynapseRowActions } from './SynapseRowActions';
import { SynapseRowDetails } from './SynapseRowDetails';
import { RotateDialog } from './RotateDialog';

export const synapseUi: ServiceUi = {
  service: 'synapse',
  Panel: SynapsePanel,
  RowActions: SynapseRowActions,
  RowDetails: SynapseRowDetails,
  RotateDialog,
};
