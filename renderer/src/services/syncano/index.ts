// @process: renderer
import type { ServiceUi } from '../registry';
import { SyncanoPanel } from './panel';
import { SyncanoRowActions, SyncanoRowDetails } from './row';
import { SyncanoRotateDialog } from './rotate';

export const syncanoUi: ServiceUi = {
  service: 'syncano',
  Panel: SyncanoPanel,
  RowActions: SyncanoRowActions,
  RowDetails: SyncanoRowDetails,
  RotateDialog: SyncanoRotateDialog,
};
