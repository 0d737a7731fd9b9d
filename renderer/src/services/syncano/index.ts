// @process: renderer
// Syncano's part of the window: Verify, Rotate and the flags on its token rows, and a tab for the
// account key and the instance's API keys. The tab and the Rotate dialog load as chunks of their
// own (ui/lazy.ts).
import type { ServiceUi } from '../registry';
import { SyncanoRowActions, SyncanoRowDetails } from './row';
import { lazyPart } from '../../ui/lazy';

export const syncanoUi: ServiceUi = {
  service: 'syncano',
  Panel: lazyPart(() => import('./panel'), 'SyncanoPanel'),
  RowActions: SyncanoRowActions,
  RowDetails: SyncanoRowDetails,
  RotateDialog: lazyPart(() => import('./rotate'), 'SyncanoRotateDialog'),
};
