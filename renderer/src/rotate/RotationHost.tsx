// @process: renderer
// Shows the open Rotate dialog (rotate/open.ts): each service's own (ServiceUi.RotateDialog).
import { SERVICE_UIS } from '../services';
import { closeRotation, useRotation } from './open';

export function RotationHost() {
  const token = useRotation((s) => s.token);
  if (!token) return null;
  const Dialog = SERVICE_UIS.find((u) => u.service === token.service)?.RotateDialog;
  return Dialog ? <Dialog key={token.id} token={token} onClose={closeRotation} /> : null;
}
