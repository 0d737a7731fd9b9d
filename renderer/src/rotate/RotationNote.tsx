// @process: renderer
// Under a token a rotation touched (TokenSummary.rotation, docs/rotate.md): rotated out — its
// successor holds the label and it waits to be revoked — or a rotation that stopped after asking
// the service for a successor, so the person knows what may exist where.
import type { TokenSummary } from '../../../electron/shared/model';
import { SERVICE_NAMES } from '../../../electron/shared/kinds';
import { formatDateTime, useVaultStore } from '../ui';
import './rotate.css';

export function RotationNote({ token }: { token: TokenSummary }) {
  const successor = useVaultStore((s) => s.tokens.find((t) => t.id === token.rotation?.successorId));
  const m = token.rotation;
  if (!m) return null;
  const service = SERVICE_NAMES[token.service];
  if (m.stage === 'rotated-out') {
    const still = token.usedIn?.length ? ` It is still written in ${token.usedIn.length} place(s) (below): rotate it again to finish.` : '';
    return (
      <div className="rotation-note" role="note">
        Rotated out {formatDateTime(m.at)}: {successor ? `“${successor.label}” (${successor.preview})` : 'its successor'} replaces it. It still works at {service} until it is
        revoked.{still}
      </div>
    );
  }
  // Also shown for the seconds a rotation is running; what it says holds if it stopped there.
  return (
    <div className="rotation-note" role="note">
      A rotation started {formatDateTime(m.at)} asked {service} for a new {token.service === 'syncano' ? 'key' : 'token'}
      {m.successorName ? ` (“${m.successorName}”)` : ''} and has not stored it. If it is no longer running:{' '}
      {token.service === 'syncano'
        ? 'if Syncano reset the key, this one no longer works — verify it.'
        : 'if Synapse lists that token (Sync in the Synapse tab), it is not in the vault — revoke it there. This token is unchanged; rotate it again.'}
    </div>
  );
}
