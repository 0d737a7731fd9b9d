// @process: renderer
// A secret a service has already issued that the keychain refused to store (the error's
// `rescueSecret`): with Reveal, the only way a secret reaches the window. It is shown once, held
// in the state of the component that shows it and never in a store, and gone when that closes.
// One look for every service, in a dialog of its own or inside a rotation's (docs/window.md).
import type { ReactNode } from 'react';
import type { ErrorInfo } from '../api';
import { Modal } from './modal';

export interface Rescued {
  message: string;
  secret: string;
}

/** The value a failed call rescued, or null when its error carries none. */
export function rescuedFrom(error: ErrorInfo): Rescued | null {
  return typeof error.rescueSecret === 'string' && error.rescueSecret !== '' ? { message: error.message, secret: error.rescueSecret } : null;
}

/** The error's words, then the value — one click selects all of it — then `children`. */
export function RescuedSecret({ rescue, label, children }: { rescue: Rescued; label: string; children?: ReactNode }) {
  return (
    <>
      <p>{rescue.message}</p>
      <code className="rescued-secret" aria-label={label}>
        {rescue.secret}
      </code>
      {children}
    </>
  );
}

/** The same in a dialog of its own, which only "I have stored it" (or Escape) closes. */
export function RescueDialog({ rescue, title, label, children, onClose }: { rescue: Rescued; title: string; label: string; children?: ReactNode; onClose(): void }) {
  return (
    <Modal
      title={title}
      alert
      onClose={onClose}
      initialFocus="[data-rescue-done]"
      actions={
        <button type="button" className="button button-primary" data-rescue-done onClick={onClose}>
          I have stored it
        </button>
      }
    >
      <RescuedSecret rescue={rescue} label={label}>
        {children}
      </RescuedSecret>
    </Modal>
  );
}
