// @process: renderer
// What a Syncano row in the token list adds: Verify, the outcome of the last check, and the flags
// as Syncano last reported them, with how old that is.
import { serverStateOf, type TokenSummary } from '../../../../electron/shared/model';
import { RotationNote } from '../../rotate/RotationNote';
import { openRotation } from '../../rotate/open';
import { call } from '../../api';
import { AsOf, formatDateTime, notify, notifyError, useBusy } from '../../ui';

export function SyncanoRowActions({ token }: { token: TokenSummary }) {
  const { busy, run } = useBusy();
  const verify = () =>
    run(async () => {
      const r = await call('syncanoVerify', { id: token.id });
      if (!r.ok) notifyError(r.error);
      else if (r.value.verification?.state === 'valid') notify(`“${token.label}” works: ${r.value.verification.detail}`);
      else notify(`“${token.label}” does not work: ${r.value.verification?.detail ?? ''}`, 'error');
    });
  return (
    <>
      <button type="button" className="button button-small" onClick={() => void verify()} aria-disabled={busy || undefined}>
        {busy ? 'Verifying…' : 'Verify'}
      </button>
      <button type="button" className="button button-small" onClick={() => openRotation(token)}>
        Rotate…
      </button>
    </>
  );
}

export function SyncanoRowDetails({ token }: { token: TokenSummary }) {
  const v = token.verification;
  const server = serverStateOf(token, 'syncano');
  const reach =
    token.kind === 'syncano-account-key' ? 'Full access to the Syncano account, billing and every instance — reset it in the Syncano tab.' : null;
  if (!v && !reach && !server && !token.rotation) return null;
  return (
    <>
      <RotationNote token={token} />
      {reach && <div>{reach}</div>}
      {server && (
        <div className="syncano-server">
          {token.flags?.length ? `Flags on at Syncano: ${token.flags.join(', ')}` : 'No flags on at Syncano'} · <AsOf at={server.at} />
        </div>
      )}
      {v && (
        <div className={`syncano-verification-${v.state}`}>
          {v.state === 'valid' ? 'Works' : v.state === 'invalid' ? 'Does not work' : 'Refused'}: {v.detail} (checked {formatDateTime(v.at)})
        </div>
      )}
    </>
  );
}
