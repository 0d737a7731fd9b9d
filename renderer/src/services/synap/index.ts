// @process: renderer
// Synap's part of the window: buttons and details on its token rows. Adding a Synap token is the
// shared add form; Synap's settings are in the Settings view.
import type { ServiceUi } from '../registry';
import { SynapRowActions } from './SynapRowActions';
import { SynapRowDetails } from './SynapRowDetails';
import { lazyPart } from '../../ui/lazy';

export const synapUi: ServiceUi = {
  service: 'synap',
  RowActions: SynapRowActions,
  RowDetails: SynapRowDetails,
  RotateDialog: lazyPart(() => import('./SynapRotateDialog'), 'SynapRotateDialog'),
};
