// @process: renderer
// The end of every form: its error (an alert a screen reader announces), the submit button,
// an optional Cancel, and the busy indicator while the request runs.
import type { ReactNode } from 'react';
import { Busy } from './busy';

export interface FormFooterProps {
  /** The form-level error, or nothing. */
  message?: ReactNode;
  submitLabel: string;
  busy: boolean;
  busyLabel: string;
  onCancel?: () => void;
}

export function FormFooter({ message, submitLabel, busy, busyLabel, onCancel }: FormFooterProps) {
  return (
    <>
      {message ? (
        <div role="alert" className="form-error">
          {message}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        {busy && <Busy label={busyLabel} />}
      </div>
    </>
  );
}
