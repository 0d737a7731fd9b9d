// @process: renderer
// Revoke at Synapse. Deleting a token needs the `authorize` scope, which no token carries, so the
// person signs in with their password (and a two-factor code when the account has one). The
// token leaves the vault only after Synapse confirms; if Synapse says it is already gone (404),
// the person may remove it locally. Another user's token is refused (403), never "gone".
import { useState, type FormEvent } from 'react';
import type { UsedIn } from '../../../../electron/shared/model';
import { placeWords } from '../../rotate/UsedInList';
import { call, type ErrorInfo } from '../../api';
import { Busy, Modal, notify, useBusy } from '../../ui';
import { SignInFields } from './SignInFields';
import { usePasswordSignIn } from './password-sign-in';

export interface RevokeTarget {
  /** Vault id, when the token is in the vault. */
  id?: string;
  /** Synapse record id, for a token that is only on the server. */
  recordId?: string;
  label: string;
  username?: string;
  /** Where the vault wrote it (docs/architecture.md, "Where used"): named before revoking. */
  usedIn?: UsedIn[];
}

export function RevokeDialog({ target, onClose, onDone }: { target: RevokeTarget; onClose(): void; onDone?: () => void }) {
  const [gone, setGone] = useState(false);
  const signIn = usePasswordSignIn({
    action: 'revoke',
    username: target.username,
    onDone: (value) => {
      notify(value.removedId ? `Revoked “${target.label}” at Synapse and removed it from Synvault.` : `Revoked “${target.label}” at Synapse.`);
      onDone?.();
      onClose();
    },
    onFailed: (err) => setGone(err.code === 'not-found' && err.status === 404 && !!target.id),
  });
  const { error, setError, busy, run, challenged } = signIn;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.submit((username, password) =>
      call('synapseRevoke', target.id ? { id: target.id, username, password } : { recordId: target.recordId!, username, password }),
    );
  };

  const removeLocally = () =>
    run(async () => {
      const r = await call('removeToken', { id: target.id! });
      if (!r.ok) return setError(r.error);
      notify(`Removed “${target.label}” from Synvault (Synapse no longer had it).`);
      onDone?.();
      onClose();
    });

  const errors = error?.fields ?? {};
  return (
    <Modal
      title={`Revoke “${target.label}” at Synapse`}
      alert
      onClose={onClose}
      // The owner's user name is filled in when known: the password is what is left to type.
      initialFocus={target.username ? 'input[name="password"]' : undefined}
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
          {!challenged && (
            <button type="submit" form="synapse-revoke-form" className="button button-danger" disabled={busy}>
              Revoke
            </button>
          )}
          {busy && <Busy label="Revoking…" />}
        </>
      }
    >
      <p>
        <strong>Apps and scripts using this token stop working at once.</strong> Revoking cannot be undone; Synapse e-mails you that the token was removed.
      </p>
      {target.usedIn?.length ? (
        <div className="form-error" role="note">
          Still used in {target.usedIn.map(placeWords).join(', ')}: whatever reads {target.usedIn.length > 1 ? 'them' : 'it'} stops working. Rotate instead to replace it there first.
        </div>
      ) : null}
      <p className="field-hint">
        Synapse needs your password for this (a token cannot revoke tokens). It is sent once for this request and not kept. No Synapse password (you sign in
        with Google)? Delete the token on synapse.org (Account Settings → Personal Access Tokens), then remove it here with Remove.
      </p>
      {signIn.twoFactor ?? (
        <form id="synapse-revoke-form" className="form-grid" onSubmit={submit} noValidate>
          <SignInFields
            username={signIn.username}
            onUsername={signIn.setUsername}
            passwordRef={signIn.passwordRef}
            errors={errors}
            usernameHint="Either works; sign in as the token's owner."
          />
        </form>
      )}
      {error && !challenged && (
        <div role="alert" className="form-error">
          {error.message}
        </div>
      )}
    </Modal>
  );
}
