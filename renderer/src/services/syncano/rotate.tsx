// @process: renderer
// Rotate a Syncano key (docs/rotate.md): reset_key at Syncano — the old key stops working at once,
// and the vault entry takes the new one. An instance API key is reset with an account key of the
// vault (chosen here when there is more than one). A new key the keychain refuses is shown once,
// in this dialog's own state, gone when it closes.
import { useState } from 'react';
import type { RotationReport } from '../../../../electron/shared/contract/rotate';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call, type ErrorInfo } from '../../api';
import { Busy, Modal, notify, RescuedSecret, rescuedFrom, useBusy, useVaultStore, type Rescued } from '../../ui';
import { RotationSteps, rotationSummary } from '../../rotate/RotationSteps';
import { SYNCANO_RESCUE_NOTE } from './rescue';

export function SyncanoRotateDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const accounts = useVaultStore((s) => s.tokens.filter((t) => t.kind === 'syncano-account-key'));
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [report, setReport] = useState<RotationReport | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const [rescue, setRescue] = useState<Rescued | null>(null);
  const isAccount = token.kind === 'syncano-account-key';

  const rotate = () =>
    run(async () => {
      const r = await call('rotateToken', { service: 'syncano', id: token.id, ...(!isAccount && accounts.length > 1 ? { accountId } : {}) });
      if (!r.ok) {
        const rescued = rescuedFrom(r.error);
        if (rescued) setRescue(rescued);
        else setError(r.error);
        return;
      }
      if ('needsTwoFactor' in r.value) return;
      setError(null);
      setReport(r.value);
      notify(rotationSummary(token.label, r.value), r.value.outcome === 'done' ? 'success' : 'error');
    });

  return (
    <Modal
      title={`Rotate “${token.label}”`}
      alert
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {report || rescue ? 'Close' : 'Cancel'}
          </button>
          {!report && !rescue && (
            <button type="button" className="button button-danger" onClick={() => void rotate()} disabled={busy}>
              Reset and rotate
            </button>
          )}
          {busy && <Busy label="Resetting…" />}
        </>
      }
    >
      {report ? (
        <RotationSteps report={report} />
      ) : rescue ? (
        <RescuedSecret rescue={rescue} label="The new key">
          <p>{SYNCANO_RESCUE_NOTE}</p>
        </RescuedSecret>
      ) : (
        <>
          <p>
            <strong>Syncano replaces the key at once: the old value stops working immediately</strong>, everywhere it is used. Synvault keeps the new one in its place.
          </p>
          <p className="field-hint">Synvault has written this key nowhere else (synvault exec hands it to a command in a variable), so nothing else needs updating.</p>
          {!isAccount && accounts.length > 1 && (
            <div className="field">
              <label htmlFor="syncano-rotate-account">Account key that owns instance {token.account}</label>
              <select id="syncano-rotate-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {error && (
            <div role="alert" className="form-error">
              {error.message}
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
