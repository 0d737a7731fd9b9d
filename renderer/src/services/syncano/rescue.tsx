// @process: renderer
// The one place outside Reveal where a secret reaches the window: a key Syncano has already
// issued (reset or created) that the keychain refused to store. It is shown once, in this
// component's own state — never in a store — and is gone when the dialog closes.
import { useCallback, useState, type ReactElement } from 'react';
import type { ErrorInfo } from '../../api';
import { Modal, notifyError } from '../../ui';

interface Rescue {
  message: string;
  secret: string;
}

function RescueDialog({ rescue, onClose }: { rescue: Rescue; onClose(): void }) {
  return (
    <Modal
      title="Store this key now"
      alert
      onClose={onClose}
      initialFocus="[data-rescue-done]"
      actions={
        <button type="button" className="button button-primary" data-rescue-done onClick={onClose}>
          I have stored it
        </button>
      }
    >
      <p>{rescue.message}</p>
      <code className="syncano-rescue" aria-label="The new key">
        {rescue.secret}
      </code>
      <p>Syncano already uses this value. Once you close this dialog, Synvault no longer has it.</p>
    </Modal>
  );
}

/** `fail(error)` shows a rescued key once, or else the error in the status area. */
export function useRescue(): { fail(error: ErrorInfo): void; dialog: ReactElement | null } {
  const [rescue, setRescue] = useState<Rescue | null>(null);
  const fail = useCallback((error: ErrorInfo) => {
    if (typeof error.rescueSecret === 'string' && error.rescueSecret !== '') setRescue({ message: error.message, secret: error.rescueSecret });
    else notifyError(error);
  }, []);
  const dialog = rescue ? <RescueDialog rescue={rescue} onClose={() => setRescue(null)} /> : null;
  return { fail, dialog };
}
