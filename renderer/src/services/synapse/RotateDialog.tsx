// @process: renderer
// Rotate a Synapse token (docs/rotate.md): the same password sign-in as create and revoke (and a
// second factor when the account has one); the main process creates the successor, stores it
// under this label, rewrites every .synapseConfig section that holds the old token and only then
// revokes the old one. The dialog shows what will be rewritten before, and each step's state
// after — with which token is live where when a step failed.
import { useState, type FormEvent } from 'react';
import type { RotationReport } from '../../../../electron/shared/contract/rotate';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call } from '../../api';
import { Busy, Modal, notify, RescuedSecret, rescuedFrom, type Rescued } from '../../ui';
import { RotationSteps, rotationSummary } from '../../rotate/RotationSteps';
import { placeWords } from '../../rotate/UsedInList';
import { SignInFields } from './SignInFields';
import { usePasswordSignIn, type PasswordSignIn } from './password-sign-in';

export function RotateDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const [allowEvict, setAllowEvict] = useState(false);
  const [rescue, setRescue] = useState<Rescued | null>(null);
  const [report, setReport] = useState<RotationReport | null>(null);
  const signIn: PasswordSignIn<'rotate'> = usePasswordSignIn({
    action: 'rotate',
    username: token.account,
    onDone: (r) => {
      // At Synapse's token cap nothing was made: the form comes back with the choice to go on.
      if (r.outcome === 'failed' && !r.newId && r.error?.fields?.allowEvictOldest) {
        signIn.setError(r.error);
        return;
      }
      setReport(r);
      notify(rotationSummary(token.label, r), r.outcome === 'done' ? 'success' : 'error');
    },
    onFailed: (err) => {
      const rescued = rescuedFrom(err);
      if (rescued) setRescue(rescued);
    },
  });
  const { error, busy, challenged } = signIn;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.submit((username, password) => call('rotateToken', { service: 'synapse', id: token.id, username, password, allowEvictOldest: allowEvict }));
  };

  const errors = error?.fields ?? {};
  const places = token.usedIn ?? [];
  return (
    <Modal
      title={`Rotate “${token.label}”`}
      onClose={onClose}
      initialFocus={token.account ? 'input[name="password"]' : undefined}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {report || rescue ? 'Close' : 'Cancel'}
          </button>
          {!report && !rescue && !challenged && (
            <button type="submit" form="synapse-rotate-form" className="button button-primary" disabled={busy}>
              Rotate
            </button>
          )}
          {busy && <Busy label="Rotating…" />}
        </>
      }
    >
      {report ? (
        <RotationSteps report={report} />
      ) : rescue ? (
        <RescuedSecret rescue={rescue} label="The new token" />
      ) : (
        <>
          <p>
            Synvault creates a new token with the same permissions ({(token.scopes ?? []).join(', ') || 'all'}), stores it as “{token.label}”, writes it everywhere the old
            one is, and only then revokes the old one at Synapse. If a step fails, the old one is not revoked and you are told which token is where.
          </p>
          {places.length > 0 ? (
            <div>
              The new token replaces the old one in:
              <ul aria-label="Places to rewrite">
                {places.map((u) => (
                  <li key={`${u.path}\n${u.section}`}>
                    <code>{placeWords(u)}</code>
                  </li>
                ))}
              </ul>
              and in any other section of ~/.synapseConfig that holds it.
            </div>
          ) : (
            <p className="field-hint">Synvault has written this token nowhere; any section of ~/.synapseConfig that holds it is rewritten too.</p>
          )}
          <p className="field-hint">Synapse needs your password to create and revoke tokens. It is sent for this rotation only and not kept.</p>
          {signIn.twoFactor ?? (
            <form id="synapse-rotate-form" className="form-grid" onSubmit={submit} noValidate>
              <SignInFields username={signIn.username} onUsername={signIn.setUsername} passwordRef={signIn.passwordRef} errors={errors} usernameHint="Sign in as the token's owner." />
              {errors.allowEvictOldest && (
                <label className="check">
                  <input type="checkbox" checked={allowEvict} onChange={(e) => setAllowEvict(e.target.checked)} />
                  Rotate anyway and let Synapse delete my least recently used token
                </label>
              )}
            </form>
          )}
          {error && !challenged && (
            <div role="alert" className="form-error">
              {error.message}
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
