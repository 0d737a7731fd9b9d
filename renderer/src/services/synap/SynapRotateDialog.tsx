// @process: renderer
// Rotate a Synap PAT, guided (docs/rotate.md): Synap has no call to create or revoke one, so the
// person creates the new token in the Portal and pastes it here; the main process stores it under
// this label with the Subject-Users, Portal address and issuer, and keeps the old one "rotated
// out". The last step — revoking the old one in the Portal and confirming — is the existing
// revoke dialog, which this one turns into. The pasted value stays in the uncontrolled input only.
import { useRef, useState, type FormEvent } from 'react';
import type { RotationReport } from '../../../../electron/shared/contract/rotate';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call, type ErrorInfo } from '../../api';
import { Busy, Modal, notify, SecretField, useBusy, useVaultStore } from '../../ui';
import { SynapRevokeDialog } from './SynapRevokeDialog';
import { RotationSteps, rotationSummary } from '../../rotate/RotationSteps';

export function SynapRotateDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const secretRef = useRef<HTMLInputElement>(null);
  const [portal, setPortal] = useState<{ url: string; opened: boolean } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [report, setReport] = useState<RotationReport | null>(null);
  const [revoking, setRevoking] = useState(false);
  const old = useVaultStore((s) => s.tokens.find((t) => t.id === token.id));
  const { busy, run } = useBusy();

  const openPortal = () =>
    run(async () => {
      const r = await call('synapOpenPortal', { id: token.id, reason: 'revoke' });
      if (r.ok) setPortal(r.value);
      else setError(r.error);
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const secret = secretRef.current?.value ?? '';
      const r = await call('rotateToken', { service: 'synap', id: token.id, secret });
      if (!r.ok) return setError(r.error);
      if (secretRef.current) secretRef.current.value = '';
      if ('needsTwoFactor' in r.value) return;
      setError(null);
      setReport(r.value);
      notify(rotationSummary(token.label, r.value), r.value.outcome === 'failed' ? 'error' : 'success');
    });
  };

  const fieldError = error?.fields?.secret;
  // The old token, relabelled "rotated out" by now: revoked in the Portal, then confirmed.
  if (revoking) return <SynapRevokeDialog token={old ?? token} reason="revoke" onClose={onClose} />;
  return (
    <Modal
      title={`Rotate “${token.label}”`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {report ? 'Close' : 'Cancel'}
          </button>
          {report?.outcome === 'waiting' && (
            <button type="button" className="button button-danger" onClick={() => setRevoking(true)}>
              Revoke the old one…
            </button>
          )}
          {!report && (
            <button type="submit" form="synap-rotate-form" className="button button-primary" disabled={busy}>
              Store the new token
            </button>
          )}
          {busy && <Busy label="Working…" />}
        </>
      }
    >
      {report ? (
        <RotationSteps report={report} />
      ) : (
        <form id="synap-rotate-form" onSubmit={submit} noValidate>
          <ol className="synap-steps">
            <li>
              <button type="button" className="button button-small" onClick={() => void openPortal()} disabled={busy || !token.portalUrl}>
                Open the Portal
              </button>{' '}
              <span aria-live="polite">
                {!token.portalUrl && 'No Portal address is saved for this token (Edit details to add it); open your Portal yourself. '}
                {portal?.opened && `Opened ${portal.url} in your browser.`}
                {portal && !portal.opened && (
                  <>
                    Synvault could not open a browser here. Open <code>{portal.url}</code> yourself.
                  </>
                )}
              </span>
            </li>
            <li>In the Portal, go to Settings → Automations → API and create a new personal access token (it is shown only once there).</li>
            <li>
              <SecretField label="New personal access token" inputRef={secretRef} holds="token" error={fieldError} />
            </li>
          </ol>
          <p className="field-hint">
            It is stored as “{token.label}” with this token’s {token.subjectUsers?.length ?? 0} Subject-User(s), Portal address and issuer. The old one stays, rotated
            out, until you revoke it in the Portal.
          </p>
          {error && (
            <div role="alert" className="form-error">
              {error.message}
            </div>
          )}
        </form>
      )}
    </Modal>
  );
}
