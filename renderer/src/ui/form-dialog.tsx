// @process: renderer
// A dialog that is one form (rename a token, add a scan finding, "I have this key"): Cancel and
// the form's submit button along the bottom, the busy indicator while its call runs, the fields,
// then the error the call answered unless a field already shows it. Enter in a field submits;
// Escape and Cancel close (the Modal gives the focus back to the opener).
import { useId, type FormEvent, type ReactNode } from 'react';
import type { ErrorInfo } from '../api';
import { Busy } from './busy';
import { Modal } from './modal';

type FieldName = keyof NonNullable<ErrorInfo['fields']>;

export interface FormDialogProps {
  title: string;
  onClose(): void;
  /** The element to focus first (a CSS selector inside the dialog). */
  initialFocus?: string;
  submitLabel: string;
  busy: boolean;
  busyLabel: string;
  onSubmit(e: FormEvent): void;
  /** The last call's error, or null. */
  error: ErrorInfo | null;
  /** Fields that show their own error beside them: an error naming one is not repeated below. */
  fieldsWithErrors?: readonly FieldName[];
  children: ReactNode;
}

export function FormDialog({ title, onClose, initialFocus, submitLabel, busy, busyLabel, onSubmit, error, fieldsWithErrors = [], children }: FormDialogProps) {
  const formId = useId();
  const shownBeside = fieldsWithErrors.some((f) => error?.fields?.[f]);
  return (
    <Modal
      title={title}
      onClose={onClose}
      initialFocus={initialFocus}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {submitLabel}
          </button>
          {busy && <Busy label={busyLabel} />}
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} noValidate>
        {children}
        {error && !shownBeside && (
          <div role="alert" className="form-error">
            {error.message}
          </div>
        )}
      </form>
    </Modal>
  );
}
