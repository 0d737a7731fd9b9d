// @process: renderer
// Under a Synapse token row: the last verification, and what Synapse last said about the token
// (its state, last use, days before it expires for disuse) with how old that is — kept in the
// catalog, so it shows after a restart and a token gone at Synapse keeps its warning until a sync
// says otherwise.
import { serverStateOf, type TokenSummary } from '../../../../electron/shared/model';
import { AsOf, formatDate, formatDateTime, useMinuteTick } from '../../ui';
import { daysLeft, EXPIRED_WORDING, GONE_WORDING } from '../../../../electron/shared/services/synapse';
import { plural } from '../../../../electron/shared/plural';
import './synapse.css';
import { RotationNote } from '../../rotate/RotationNote';
import { UsedInList } from '../../rotate/UsedInList';

export function SynapseRowDetails({ token }: { token: TokenSummary }) {
  const s = serverStateOf(token, 'synapse');
  const v = token.verification;
  // Days left count down while the window stays open.
  useMinuteTick();
  return (
    <div className="synapse-state">
      {v && (
        <span className={v.state === 'valid' ? 'ok' : 'bad'}>
          {v.state === 'valid' ? 'Verified' : 'Invalid'} {formatDateTime(v.at)}: {v.detail}
        </span>
      )}
      {s && (
        <>
          <span className={s.state === 'ACTIVE' ? 'ok' : 'bad'}>
            {s.state === 'ACTIVE' && 'Active at Synapse'}
            {s.state === 'EXPIRED' && `Expired at Synapse (${EXPIRED_WORDING}): it can only be deleted`}
            {s.state === 'gone' && `Gone at Synapse (${GONE_WORDING})`} · <AsOf at={s.at} />
          </span>
          {s.state !== 'gone' && <span>Last used: {s.lastUsed ? formatDate(s.lastUsed) : 'never'}</span>}
          {s.state === 'ACTIVE' && <span>Expires if unused for {plural(daysLeft(s, Date.now()), 'more day')}</span>}
        </>
      )}
      <RotationNote token={token} />
      <UsedInList token={token} />
    </div>
  );
}
