// @process: renderer
// Signing in for the account key, and the account key itself: what it can reach, Reset (the
// old key dies at once), and Remove from vault — Syncano offers no way to delete one.
import { useRef, useState, type FormEvent } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import { syncanoOwner } from '../../../../electron/shared/services/syncano';
import { call, type ErrorInfo } from '../../api';
import { Busy, confirm, Field, FormFooter, formatDateTime, notify, SecretField, useBusy } from '../../ui';

export function SignInForm({ onSignedIn, onCancel }: { onSignedIn(token: TokenSummary): void; onCancel?: () => void }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  // The password stays in the uncontrolled field: never in React state, cleared after each try.
  const passwordRef = useRef<HTMLInputElement>(null);
  const { busy, run } = useBusy();
  const f = error?.fields ?? {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const password = passwordRef.current?.value ?? '';
      const r = await call('syncanoSignIn', { email, password });
      if (passwordRef.current) passwordRef.current.value = '';
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      notify(
        r.value.replaced
          ? `Signed in as ${r.value.token.account}; the stored account key was refreshed.`
          : `Signed in as ${r.value.token.account}; the account key is in the keychain.`,
      );
      onSignedIn(r.value.token);
    });
  };

  return (
    <form className="card add-form" aria-labelledby="syncano-signin-title" onSubmit={submit} noValidate>
      <h2 id="syncano-signin-title" className="card-title">
        Sign in to Syncano
      </h2>
      <p className="field-hint">
        Synvault asks Syncano for your account key and keeps it in the keychain. Your password is sent once and never stored.
      </p>
      <div className="form-grid">
        <Field label="E-mail" name="email" type="email" value={email} onChange={setEmail} error={f.email} autoComplete="username" />
        <SecretField label="Password" inputRef={passwordRef} holds="password" error={f.password} />
      </div>
      <FormFooter message={error && !error.fields ? error.message : null} submitLabel="Sign in" busy={busy} busyLabel="Signing in…" {...(onCancel ? { onCancel } : {})} />
    </form>
  );
}

export function AccountKeyCard({ token, fail, onAnother }: { token: TokenSummary; fail(e: ErrorInfo): void; onAnother(): void }) {
  const { busy, run } = useBusy();
  const [doing, setDoing] = useState('');
  // An account key belongs to an e-mail; one stored with anything else in its place shows none.
  const email = syncanoOwner(token).email;
  const whose = email ?? `“${token.label}”`;

  const verify = () =>
    run(async () => {
      setDoing('Verifying…');
      const r = await call('syncanoVerify', { id: token.id });
      if (r.ok) notify(r.value.verification?.state === 'valid' ? `The account key works: ${r.value.verification.detail}` : `The account key does not work: ${r.value.verification?.detail ?? ''}`, r.value.verification?.state === 'valid' ? 'success' : 'error');
      else fail(r.error);
    });

  const reset = async () => {
    const ok = await confirm({
      title: 'Reset the account key?',
      body: `Syncano issues a new account key for ${whose}. The current one stops working at once, everywhere it is used. The new key replaces it in the keychain.`,
      confirmLabel: 'Reset account key',
      danger: true,
    });
    if (!ok) return;
    await run(async () => {
      setDoing('Resetting…');
      const r = await call('syncanoResetAccountKey', { id: token.id });
      if (r.ok) notify(`The account key of ${whose} was reset; the new key is in the keychain.`);
      else fail(r.error);
    });
  };

  const remove = async () => {
    const ok = await confirm({
      title: `Remove “${token.label}” from the vault?`,
      body: 'The account key is deleted from Synvault and the keychain only. It keeps working at Syncano — an account key cannot be deleted there, only reset. Sign in again to store it again.',
      confirmLabel: 'Remove from vault',
      danger: true,
    });
    if (!ok) return;
    await run(async () => {
      setDoing('Removing…');
      const r = await call('removeToken', { id: token.id });
      if (r.ok) notify(`Removed “${token.label}” from the vault.`);
      else fail(r.error);
    });
  };

  const v = token.verification;
  return (
    <section className="card" aria-labelledby="syncano-account-title">
      <h2 id="syncano-account-title" className="card-title">
        {token.label}
      </h2>
      <dl className="syncano-meta">
        <dt>E-mail</dt>
        <dd>{email ?? <span className="empty">Not known yet — Verify asks Syncano</span>}</dd>
        <dt>Key</dt>
        <dd>
          <code className="secret">{token.preview}</code>
        </dd>
        {v && (
          <>
            <dt>Checked</dt>
            <dd className={`syncano-verification-${v.state}`}>
              {v.state === 'valid' ? 'Works' : v.state === 'invalid' ? 'Does not work' : 'Refused'} — {v.detail} ({formatDateTime(v.at)})
            </dd>
          </>
        )}
      </dl>
      <p className="syncano-warning" role="note">
        <strong>An account key acts as you.</strong> It has full access to your Syncano account, its billing and every instance you
        created. Keep it to yourself; give applications an instance API key instead.
      </p>
      <div className="syncano-row">
        <button type="button" className="button" onClick={verify} disabled={busy}>
          Verify
        </button>
        <button type="button" className="button button-danger" onClick={reset} disabled={busy}>
          Reset account key
        </button>
        <button type="button" className="button button-quiet-danger" onClick={remove} disabled={busy}>
          Remove from vault
        </button>
        <button type="button" className="button" onClick={onAnother} disabled={busy}>
          Sign in to another account
        </button>
        {busy && <Busy label={doing} />}
      </div>
    </section>
  );
}

/** The difference between the two kinds of key, after the table in Syncano's guide. */
export function KeyComparison() {
  return (
    <section className="card table-card" aria-labelledby="syncano-compare-title">
      <table className="syncano-table syncano-compare">
        <caption id="syncano-compare-title" className="visually-hidden">
          Account key or API key?
        </caption>
        <thead>
          <tr>
            <th scope="col">Account key or API key?</th>
            <th scope="col">Account key</th>
            <th scope="col">API key</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">How many</th>
            <td>One per administrator.</td>
            <td>As many as you like, per instance.</td>
          </tr>
          <tr>
            <th scope="row">Life</th>
            <td>Made when you sign up. It can be reset, never deleted.</td>
            <td>Administrators create, reset and delete them (below).</td>
          </tr>
          <tr>
            <th scope="row">Reach</th>
            <td>Everything: the account, billing, metrics and every instance you created (all but the /user/ endpoint).</td>
            <td>
              No account, billing or metrics. Sees only its own instance’s data; creates or deletes data objects only where the instance’s
              permissions allow.
            </td>
          </tr>
          <tr>
            <th scope="row">Scripts</th>
            <td>Runs, creates, edits and deletes them.</td>
            <td>No access.</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
