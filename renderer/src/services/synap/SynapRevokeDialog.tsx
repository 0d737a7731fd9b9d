// @process: renderer
// Guided revocation. Synap has no public revoke call, so the person revokes the token in their
// Portal; the vault opens the Portal address they saved, and removes the token only once they
// confirm it is revoked there. The "suspected leak" path is the same, plus telling Synap.
import { useState } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call, type ErrorInfo } from '../../api';
import { Busy, formatDate, Modal, notify, useBusy } from '../../ui';

export type RevokeReason = 'revoke' | 'leak';

export function SynapRevokeDialog({ token, reason, onClose }: { token: TokenSummary; reason: RevokeReason; onClose(): void }) {
  const [portal, setPortal] = useState<{ url: string; opened: boolean } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();

  const openPortal = () =>
    run(async () => {
      const r = await call('synapOpenPortal', { id: token.id, reason });
      if (r.ok) {
        setPortal(r.value);
        setError(null);
      } else setError(r.error);
    });

  const remove = () =>
    run(async () => {
      const r = await call('synapConfirmRevoked', { id: token.id, reason, confirmed: true });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      notify(`“${token.label}” was revoked in the Portal and removed from Synvault.`);
      onClose();
    });

  return (
    <Modal
      title={reason === 'leak' ? `Suspected leak of “${token.label}”` : `Revoke “${token.label}”`}
      onClose={onClose}
      alert
      initialFocus={token.portalUrl ? '[data-open-portal]' : undefined}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-danger" disabled={!confirmed || busy} onClick={() => void remove()}>
            Remove from Synvault
          </button>
          {busy && <Busy label="Working…" />}
        </>
      }
    >
      {reason === 'leak' && (
        <p>
          <strong>Revoke it now.</strong> Anyone holding this token can act for your organisation{token.issuedBy ? ` as ${token.issuedBy}` : ''} until it is revoked.
        </p>
      )}
      <p>Synap offers no public way for an app to revoke a token, so you revoke it yourself in your Synap Portal. Revocation takes effect immediately.</p>
      <ol className="synap-steps">
        <li>
          {token.portalUrl ? (
            <>
              {/* The exact address of the Portal's API settings page is not published, so the Portal itself is opened. */}
              <button type="button" className="button button-small" data-open-portal onClick={() => void openPortal()} disabled={busy}>
                Open the Portal
              </button>{' '}
              <span aria-live="polite">
                {portal?.opened && `Opened ${portal.url} in your browser.`}
                {portal && !portal.opened && (
                  <>
                    Synvault could not open a browser here. Open <code>{portal.url}</code> yourself.
                  </>
                )}
              </span>
            </>
          ) : (
            // Nothing to open: a detour to save an address first would only slow an urgent revoke.
            <>Open your organisation's Synap Portal in your browser and sign in as an administrator (no Portal address is saved with this token).</>
          )}
        </li>
        <li>
          In the Portal, click Settings, then API under Automations, and revoke this token. The Portal lists tokens by the name given when it was created,
          which Synvault does not know: it is the one stored here as “{token.label}”{token.account ? ` for ${token.account}` : ''}
          {token.issuedBy ? `, issued by ${token.issuedBy}` : ''}, added to Synvault on {formatDate(token.addedAt)}.
        </li>
        {reason === 'leak' && (
          <li>
            Report the suspected leak to Synap, through your organisation's Synap contact or support (Synvault knows no public address for it). Synap keeps
            request logs for a limited time for security audits and can look for suspicious activity, but cannot guarantee the token was not misused — check
            what it could reach in your organisation.
          </li>
        )}
        <li>
          <label className="check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />I revoked “{token.label}” in the Synap Portal
          </label>
        </li>
      </ol>
      <p className="field-hint">Only then is it removed from Synvault and the keychain; the activity log records that it was revoked in the Portal.</p>
      {error && (
        <div role="alert" className="form-error">
          {error.message}
        </div>
      )}
    </Modal>
  );
}
