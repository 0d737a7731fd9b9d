// @process: renderer
// Rotate a Synapse token (docs/rotate.md): the same password sign-in as create and revoke (and a
// second factor when the account has one); the main process creates the successor, stores it
// under this label, rewrites every .synapseConfig section that holds the old token and only then
// revokes the old one. The dialog shows what will be rewritten before, and each step's state
// after — with which token is live where when a step failed.
import { useRef, useState, type FormEvent } from 'react';
import type { RotationReport } from '../../../../electron/shared/contract/rotate';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call, type ErrorInfo } from '../../api';
import { Busy, Modal, notify, RescuedSecret, rescuedFrom, useBusy, type Rescued } from '../../ui';
import { RotationSteps, rotationSummary } from '../../rotate/RotationSteps';
import { placeWords } from '../../rotate/UsedInList';
import { SignInFields } from './SignInFields';
import { TwoFactorStep } from './TwoFactorStep';

export function RotateDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const [username, setUsername] = useState(token.account ?? '');
  const passwordRef = useRef<HTMLInputElement>(null);
  const [allowEvict, setAllowEvict] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [rescue, setRescue] = useState<Rescued | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [report, setReport] = useState<RotationReport | null>(null);
  const { busy, run } = useBusy();

  const failed = (err: ErrorInfo) => {
    const rescued = rescuedFrom(err);
    if (rescued) setRescue(rescued);
    setError(err);
  };
  const finished = (r: RotationReport) => {
    setChallenge(null);
    // At Synapse's token cap nothing was made: the form comes back with the choice to go on.
    if (r.outcome === 'failed' && !r.newId && r.error?.fields?.allowEvictOldest) return setError(r.error);
    setError(null);
    setReport(r);
    notify(rotationSummary(token.label, r), r.outcome === 'done' ? 'success' : 'error');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const password = passwordRef.current?.value ?? '';
      const r = await call('rotateToken', { service: 'synapse', id: token.id, username, password, allowEvictOldest: allowEvict });
      if (passwordRef.current) passwordRef.current.value = '';
      if (!r.ok) return failed(r.error);
      if ('needsTwoFactor' in r.value) {
        setError(null);
        setChallenge(r.value.challenge);
        return;
      }
      finished(r.value);
    });
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
          {!report && !rescue && !challenge && (
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
          {challenge ? (
            <TwoFactorStep
              challenge={challenge}
              onDone={(d) => (d.action === 'rotate' ? finished(d.rotated) : undefined)}
              onCancel={() => setChallenge(null)}
              onError={(err) => {
                setChallenge(null);
                failed(err);
              }}
            />
          ) : (
            <form id="synapse-rotate-form" className="form-grid" onSubmit={submit} noValidate>
              <SignInFields username={username} onUsername={setUsername} passwordRef={passwordRef} errors={errors} usernameHint="Sign in as the token's owner." />
              {errors.allowEvictOldest && (
                <label className="check">
                  <input type="checkbox" checked={allowEvict} onChange={(e) => setAllowEvict(e.target.checked)} />
                  Rotate anyway and let Synapse delete my least recently used token
                </label>
              )}
            </form>
          )}
          {error && !challenge && (
            <div role="alert" className="form-error">
              {error.message}
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
