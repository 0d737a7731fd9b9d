// @process: renderer
// The second half of a two-factor sign-in (create or revoke): a code from the authenticator app,
// or a one-time recovery code. The password was used once and is gone; only the challenge id the
// main process answered with comes back here. A group, not a form: it sits inside the create form
// (forms cannot nest), so Enter in the field and the button finish it without submitting that form.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { TwoFactorDone } from '../../../../electron/shared/contract/synapse';
import { call, type ErrorInfo } from '../../api';
import { Busy, Field, useBusy } from '../../ui';

export function TwoFactorStep({
  challenge,
  onDone,
  onCancel,
  onError,
}: {
  challenge: string;
  onDone(done: TwoFactorDone): void | Promise<void>;
  onCancel(): void;
  /** An error that ends the attempt (anything but a code not accepted). */
  onError?(error: ErrorInfo): void;
}) {
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const codeId = useId();
  // The step appears after the password (Enter or a click): the code field takes the focus, so
  // what the person types next goes there, and it comes back to it after a code not accepted.
  const focusCode = () => document.getElementById(codeId)?.focus();
  useEffect(() => {
    const el = document.getElementById(codeId);
    el?.focus({ preventScroll: true });
    el?.closest('.synapse-two-factor')?.scrollIntoView({ block: 'nearest' });
  }, [codeId]);

  const submit = () => {
    void run(async () => {
      const r = await call('synapseTwoFactor', { challenge, code, codeType: recovery ? 'RECOVERY_CODE' : 'TOTP' });
      setCode('');
      if (!r.ok) {
        setError(r.error);
        // A code not accepted can be retried; anything else (expired, a refusal after sign-in) ends it.
        if (!r.error.fields?.code) onError?.(r.error);
        else focusCode();
        return;
      }
      setError(null);
      await onDone(r.value);
    });
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    submit();
  };

  return (
    <div className="synapse-two-factor" role="group" aria-label="Two-factor code" onKeyDown={onKey}>
      <p className="field-hint">
        This account uses two-factor authentication. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes. It finishes this sign-in
        only; the password is not asked again.
      </p>
      <Field
        id={codeId}
        label={recovery ? 'Recovery code' : 'Authentication code'}
        value={code}
        onChange={setCode}
        error={error?.fields?.code}
        autoComplete="one-time-code"
        inputMode={recovery ? 'text' : 'numeric'}
      />
      <label className="check">
        <input type="checkbox" checked={recovery} onChange={(e) => setRecovery(e.target.checked)} />
        Use a recovery code instead
      </label>
      {error && (
        <div role="alert" className="form-error">
          {error.message}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={submit} disabled={busy}>
          Finish sign-in
        </button>
        {/* Named apart from the revoke dialog's own Cancel, which sits just below it. */}
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel sign-in
        </button>
        {busy && <Busy label="Checking the code…" />}
      </div>
    </div>
  );
}
