// @process: renderer
// The Synapse buttons on a token row: Verify (who it belongs to), Export to .synapseConfig, Rotate
// (docs/rotate.md), and Revoke at Synapse.
import { useState } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call } from '../../api';
import { notify, notifyError, useBusy } from '../../ui';
import { ExportDialog } from './ExportDialog';
import { RevokeDialog } from './RevokeDialog';
import { openRotation } from '../../rotate/open';

export function SynapseRowActions({ token }: { token: TokenSummary }) {
  const { busy, run } = useBusy();
  const [dialog, setDialog] = useState<'export' | 'revoke' | null>(null);

  const verify = () =>
    run(async () => {
      const r = await call('synapseVerifyToken', { id: token.id });
      if (!r.ok) return notifyError(r.error);
      notify(r.value.state === 'valid' ? `“${token.label}” is valid. ${r.value.detail}` : `“${token.label}” is not valid. ${r.value.detail}`, r.value.state === 'valid' ? 'success' : 'info');
    });

  return (
    <>
      <button type="button" className="button button-small" onClick={() => void verify()} aria-disabled={busy || undefined}>
        Verify
      </button>
      <button type="button" className="button button-small" onClick={() => setDialog('export')}>
        Export…
      </button>
      <button type="button" className="button button-small" onClick={() => openRotation(token)}>
        Rotate…
      </button>
      <button type="button" className="button button-small button-quiet-danger" onClick={() => setDialog('revoke')}>
        Revoke…
      </button>
      {dialog === 'export' && <ExportDialog token={token} onClose={() => setDialog(null)} />}
      {dialog === 'revoke' && (
        <RevokeDialog
          target={{ id: token.id, label: token.label, ...(token.account ? { username: token.account } : {}), ...(token.usedIn?.length ? { usedIn: token.usedIn } : {}) }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
