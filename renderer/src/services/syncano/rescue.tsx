// @process: renderer
// A key Syncano has already issued (reset or created) that the keychain refused to store, shown
// once (ui/rescued-secret.tsx); the old value already stopped working.
import { useCallback, useState, type ReactElement } from 'react';
import type { ErrorInfo } from '../../api';
import { notifyError, RescueDialog, rescuedFrom, type Rescued } from '../../ui';

export const SYNCANO_RESCUE_NOTE = 'Syncano already uses this value. Once you close this, Synvault no longer has it.';

/** `fail(error)` shows a rescued key once, or else the error in the status area. */
export function useRescue(): { fail(error: ErrorInfo): void; dialog: ReactElement | null } {
  const [rescue, setRescue] = useState<Rescued | null>(null);
  const fail = useCallback((error: ErrorInfo) => {
    const rescued = rescuedFrom(error);
    if (rescued) setRescue(rescued);
    else notifyError(error);
  }, []);
  const dialog = rescue ? (
    <RescueDialog rescue={rescue} title="Store this key now" label="The new key" onClose={() => setRescue(null)}>
      <p>{SYNCANO_RESCUE_NOTE}</p>
    </RescueDialog>
  ) : null;
  return { fail, dialog };
}
