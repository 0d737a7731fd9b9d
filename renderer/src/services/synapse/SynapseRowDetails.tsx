// @process: renderer
// Under a Synapse token row: the last verification, and what the last sync learnt from the
// server (state, last use, days before Synapse expires it for disuse).
import type { TokenSummary } from '../../../../electron/shared/model';
import { formatDate, formatDateTime } from '../../ui';
import { useSynapseSync } from './sync-store';
import { EXPIRED_WORDING, GONE_WORDING } from '../../../../electron/shared/services/synapse';
import './synapse.css';

export function SynapseRowDetails({ token }: { token: TokenSummary }) {
  const row = useSynapseSync((s) => s.byToken[token.id]);
  const v = token.verification;
  return (
    <div className="synapse-state">
      {v && (
        <span className={v.state === 'valid' ? 'ok' : 'bad'}>
          {v.state === 'valid' ? 'Verified' : 'Invalid'} {formatDateTime(v.at)}: {v.detail}
        </span>
      )}
      {row && (
        <>
          <span className={row.state === 'ACTIVE' ? 'ok' : 'bad'}>
            {row.state === 'ACTIVE' && 'Active at Synapse'}
            {row.state === 'EXPIRED' && `Expired at Synapse (${EXPIRED_WORDING}): it can only be deleted`}
            {row.state === 'gone' && `Gone at Synapse (${GONE_WORDING})`}
          </span>
          {row.state !== 'gone' && <span>Last used: {row.lastUsed ? formatDate(row.lastUsed) : 'never'}</span>}
          {row.state === 'ACTIVE' && row.daysLeft !== undefined && <span>Expires if unused for {row.daysLeft} more days</span>}
        </>
      )}
    </div>
  );
}
