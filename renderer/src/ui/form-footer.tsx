// @process: renderer
// The end of every form: its error (an alert a screen reader announces), the submit button,
// an optional Cancel, and the busy indicator while the request runs. When a request ends with a
// field refused, the focus goes to the first such field, scrolled into view — it may be far above
// the button (Settings at 800×600).
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { Busy } from './busy';
import { focusInView, focusLost } from './focus';

export interface FormFooterProps {
  /** The form-level error, or nothing. */
  message?: ReactNode;
  submitLabel: string;
  busy: boolean;
  busyLabel: string;
  onCancel?: () => void;
}

export function FormFooter({ message, submitLabel, busy, busyLabel, onCancel }: FormFooterProps) {
  const actions = useRef<HTMLDivElement>(null);
  const wasBusy = useRef(busy);
  useLayoutEffect(() => {
    const ended = wasBusy.current && !busy;
    wasBusy.current = busy;
    if (!ended) return;
    const form = actions.current?.closest('form');
    // Only while the person is still here (or the focus is lost): one who went on to another form
    // while the request ran is not pulled back mid-typing.
    if (!form || !(focusLost() || form.contains(document.activeElement))) return;
    const refused = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (refused) focusInView(refused);
    else if (focusLost()) focusInView(form?.querySelector<HTMLElement>('button[type="submit"]'));
  }, [busy]);
  return (
    <>
      {message ? (
        <div role="alert" className="form-error">
          {message}
        </div>
      ) : null}
      <div ref={actions} className="form-actions">
        {/* Marked, not disabled, while busy: a disabled button drops the focus (useBusy ignores a
            second submit), and the person who pressed it stays where they were. */}
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
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
