// @process: renderer
// Revoke at Synapse. Deleting a token needs the `authorize` scope, which no token carries, so the
// person signs in with their password. The token leaves the vault only after Synapse confirms;
// if Synapse says it is already gone, the person may remove it locally.
import { useRef, useState, type FormEvent } from 'react';
import { call, type ErrorInfo } from '../../api';
import { Busy, Modal, notify, useBusy, useVaultStore } from '../../ui';
import { SignInFields } from './SignInFields';

export interface RevokeTarget {
  /** Vault id, when the token is in the vault. */
  id?: string;
  /** Synapse record id, for a token that is only on the server. */
  recordId?: string;
  label: string;
  username?: string;
}

export function RevokeDialog({ target, onClose, onDone }: { target: RevokeTarget; onClose(): void; onDone?: () => void }) {
  const refresh = useVaultStore((s) => s.refresh);
  const [username, setUsername] = useState(target.username ?? '');
  const passwordRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [gone, setGone] = useState(false);
  const { busy, run } = useBusy();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const password = passwordRef.current?.value ?? '';
      const input = target.id ? { id: target.id, username, password } : { recordId: target.recordId!, username, password };
      const r = await call('synapseRevoke', input);
      if (passwordRef.current) passwordRef.current.value = '';
      if (!r.ok) {
        setError(r.error);
        setGone(r.error.code === 'not-found' && r.error.status === 404 && !!target.id);
        return;
      }
      notify(r.value.removedId ? `Revoked “${target.label}” at Synapse and removed it from Synvault.` : `Revoked “${target.label}” at Synapse.`);
      await refresh();
      onDone?.();
      onClose();
    });
  };

  const removeLocally = () =>
    run(async () => {
      const r = await call('removeToken', { id: target.id! });
      if (!r.ok) return setError(r.error);
      notify(`Removed “${target.label}” from Synvault (Synapse no longer had it).`);
      await refresh();
      onDone?.();
      onClose();
    });

  const errors = error?.fields ?? {};
  return (
    <Modal
      title={`Revoke “${target.label}” at Synapse`}
      alert
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {gone && (
            <button type="button" className="button" onClick={() => void removeLocally()} disabled={busy}>
              Remove from vault
            </button>
          )}
          <button type="submit" form="synapse-revoke-form" className="button button-danger" disabled={busy}>
            Revoke
          </button>
          {busy && <Busy label="Revoking…" />}
        </>
      }
    >
      <p>
        <strong>Apps and scripts using this token stop working at once.</strong> Revoking cannot be undone; Synapse e-mails you that the token was removed.
      </p>
      <p className="field-hint">Synapse needs your password for this (a token cannot revoke tokens). It is sent once for this request and not kept.</p>
      <form id="synapse-revoke-form" className="form-grid" onSubmit={submit} noValidate>
        <SignInFields username={username} onUsername={setUsername} passwordRef={passwordRef} errors={errors} />
      </form>
      {error && (
        <div role="alert" className="form-error">
          {error.message}
        </div>
      )}
    </Modal>
  );
}
