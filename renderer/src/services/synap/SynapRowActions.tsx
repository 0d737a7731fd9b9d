// @process: renderer
// The Synap buttons on a token row. Verification and "Copy as curl" run in the main process;
// the window gets back an outcome and a clipboard receipt, never the token (SynapCurlDialog
// offers the command without it next to the literal one).
import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call } from '../../api';
import { notify, notifyError, useBusy } from '../../ui';
import { SynapCurlDialog } from './SynapCurlDialog';
import { SynapEditDialog } from './SynapEditDialog';
import { SynapRevokeDialog, type RevokeReason } from './SynapRevokeDialog';
import { openRotation } from '../../rotate/open';

export function SynapRowActions({ token }: { token: TokenSummary }) {
  const { busy, run } = useBusy();
  const [dialog, setDialog] = useState<{ kind: 'edit' } | { kind: 'curl' } | { kind: 'revoke'; reason: RevokeReason } | null>(null);

  const verify = () =>
    run(async () => {
      const r = await call('synapVerify', { id: token.id });
      if (!r.ok) return notifyError(r.error);
      const v = r.value;
      const said = [v.title, v.detail].filter(Boolean).join(' — ');
      if (v.state === 'valid') {
        const portal = v.portal ? ` Portal: ${v.portal.name ? `${v.portal.name} (${v.portal.id})` : v.portal.id}.` : '';
        notify(`“${token.label}” is valid.${portal}`);
      } else if (v.state === 'forbidden') {
        notify(`“${token.label}” is valid but not allowed to make this request (HTTP 403)${said ? `: ${said}` : '.'}`, 'info');
      } else {
        notify(`“${token.label}” is not valid (HTTP ${v.status})${said ? `: ${said}` : '.'}`, 'info');
      }
    });

  return (
    <>
      <button type="button" className="button button-small" onClick={() => void verify()} aria-disabled={busy || undefined}>
        Verify
      </button>
      <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'curl' })}>
        Copy as curl
      </button>
      <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'edit' })}>
        Edit details
      </button>
      {token.rotation?.stage !== 'rotated-out' && (
        <button type="button" className="button button-small" onClick={() => openRotation(token)}>
          Rotate…
        </button>
      )}
      <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'revoke', reason: 'revoke' })}>
        Revoke…
      </button>
      <button type="button" className="button button-small button-quiet-danger" onClick={() => setDialog({ kind: 'revoke', reason: 'leak' })}>
        Suspected leak…
      </button>
      {/* Dialogs go to the body: a token row is its own stacking context and would sit on top of them. */}
      {dialog?.kind === 'curl' && <SynapCurlDialog token={token} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && createPortal(<SynapEditDialog token={token} onClose={() => setDialog(null)} />, document.body)}
      {dialog?.kind === 'revoke' && createPortal(<SynapRevokeDialog token={token} reason={dialog.reason} onClose={() => setDialog(null)} />, document.body)}
    </>
  );
}
