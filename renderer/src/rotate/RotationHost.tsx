// @process: renderer
// Shows the open Rotate dialog (rotate/open.ts): each service's own (ServiceUi.RotateDialog).
import { Suspense } from 'react';
import { SERVICE_UIS } from '../services';
import { closeRotation, useRotation } from './open';

export function RotationHost() {
  const token = useRotation((s) => s.token);
  if (!token) return null;
  const Dialog = SERVICE_UIS.find((u) => u.service === token.service)?.RotateDialog;
  // A service's dialog is a chunk of its own (ui/lazy.ts), usually loaded long before.
  return Dialog ? (
    <Suspense fallback={null}>
      <Dialog key={token.id} token={token} onClose={closeRotation} />
    </Suspense>
  ) : null;
}
