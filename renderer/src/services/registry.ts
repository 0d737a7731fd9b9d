// @process: renderer
// How a service plugs its own flows into the window without the shell knowing them: actions on
// each of its token rows, and a panel for service-wide work (sign in, create, sync, export...).
import type { ComponentType } from 'react';
import type { TokenSummary } from '../../../electron/shared/model';
import type { Service } from '../../../electron/shared/kinds';

export interface ServiceUi {
  service: Service;
  /** Extra buttons on a token row of this service (Verify, Revoke, ...). */
  RowActions?: ComponentType<{ token: TokenSummary }>;
  /** Extra lines under a token row (server state, days left, Subject-Users, ...). */
  RowDetails?: ComponentType<{ token: TokenSummary }>;
  /** Rotate a token of this service (docs/rotate.md); shown by RotationHost, outside the row. */
  RotateDialog?: ComponentType<{ token: TokenSummary; onClose(): void }>;
  /** A panel for this service's own flows, shown in its tab. */
  Panel?: ComponentType;
}
