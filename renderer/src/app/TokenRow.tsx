// @process: renderer
// One stored credential. A revealed secret lives only in this component's state, is dropped
// when hidden, and is hidden after the vault's delay or as soon as the window loses focus.
import { memo, useCallback, useEffect, useId, useState } from 'react';
import type { TokenSummary } from '../../../electron/shared/model';
import { KIND_NAMES, SERVICE_NAMES } from '../../../electron/shared/kinds';
import { syncanoOwner } from '../../../electron/shared/services/syncano';
import { call } from '../api';
import { SERVICE_UIS } from '../services';
import { confirm, formatDate, notify, notifyError, showCopied, useBusy, useVaultStore } from '../ui';
import type { ErrorInfo } from '../api';
import { RenameDialog } from './RenameDialog';

const KIND_PHRASE: Record<TokenSummary['kind'], string> = {
  'synapse-pat': 'personal access token',
  'synap-pat': 'personal access token',
  'syncano-account-key': 'account key',
  'syncano-api-key': 'instance API key',
};

const ACCOUNT_LABEL: Record<TokenSummary['kind'], string> = {
  'synapse-pat': 'User',
  'synap-pat': 'Portal',
  'syncano-account-key': 'Account',
  'syncano-api-key': 'Instance',
};

function useRevealed(): { secret: string | null; show(secret: string, ms: number): void; hide(): void } {
  const [state, setState] = useState<{ secret: string; ms: number } | null>(null);
  const hide = useCallback(() => setState(null), []);
  const show = useCallback((secret: string, ms: number) => setState({ secret, ms }), []);
  useEffect(() => {
    if (!state) return;
    const t = setTimeout(hide, state.ms);
    const onHidden = () => document.visibilityState === 'hidden' && hide();
    window.addEventListener('blur', hide);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      clearTimeout(t);
      window.removeEventListener('blur', hide);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [state, hide]);
  return { secret: state?.secret ?? null, show, hide };
}

export const TokenRow = memo(function TokenRow({ token }: { token: TokenSummary }) {
  const labelId = useId();
  const revealed = useRevealed();
  const { busy, run } = useBusy();
  const [renaming, setRenaming] = useState(false);
  const ui = SERVICE_UIS.find((u) => u.service === token.service);
  const RowActions = ui?.RowActions;
  const RowDetails = ui?.RowDetails;
  const tags = [...(token.scopes ?? []), ...(token.flags ?? [])];
  // A Syncano account key belongs to an e-mail: one stored with an instance name there shows none.
  const account = token.kind === 'syncano-account-key' ? syncanoOwner(token).email : token.account;

  // A copy or reveal that finds the secret gone marks the record in the main process; the list is
  // fetched again so the row shows "secret missing" now, not at the next change.
  const failed = (error: ErrorInfo) => {
    notifyError(error);
    if (error.code === 'not-found') void useVaultStore.getState().reloadList();
  };

  const copy = () =>
    run(async () => {
      const r = await call('copyToken', { id: token.id });
      if (r.ok) showCopied(r.value, token.label);
      else failed(r.error);
    });

  const reveal = () =>
    run(async () => {
      if (revealed.secret !== null) return revealed.hide();
      const r = await call('revealToken', { id: token.id });
      if (r.ok) revealed.show(r.value.secret, r.value.hideAfterMs);
      else failed(r.error);
    });

  const remove = async () => {
    const ok = await confirm({
      title: `Remove “${token.label}”?`,
      body: `“${token.label}” (${SERVICE_NAMES[token.service]} ${KIND_PHRASE[token.kind]}) will be deleted from Synvault and from the keychain. It stays valid at ${SERVICE_NAMES[token.service]} until it is revoked there.`,
      confirmLabel: 'Remove',
      danger: true,
    });
    if (!ok) return;
    await run(async () => {
      revealed.hide();
      const r = await call('removeToken', { id: token.id });
      if (r.ok) notify(`Removed “${token.label}”.`);
      else notifyError(r.error);
    });
  };

  return (
    <li className={`token-row service-${token.service}`} aria-labelledby={labelId}>
      <div className="token-main">
        <div className="token-title">
          <span className={`service-badge badge-${token.service}`}>{SERVICE_NAMES[token.service]}</span>
          <span id={labelId} className="token-label">
            {token.label}
          </span>
          <span className="token-kind">{KIND_NAMES[token.kind]}</span>
        </div>
        <dl className="token-meta">
          {account && (
            <div>
              <dt>{ACCOUNT_LABEL[token.kind]}</dt>
              <dd>{account}</dd>
            </div>
          )}
          <div>
            <dt>Added</dt>
            <dd>
              <time dateTime={token.addedAt}>{formatDate(token.addedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{revealed.secret !== null ? 'Value' : 'Preview'}</dt>
            <dd>
              {revealed.secret !== null ? (
                <code className="secret secret-revealed" aria-label="Revealed value">
                  {revealed.secret}
                </code>
              ) : (
                <code className="secret">{token.preview}</code>
              )}
              {token.secretMissing && (
                <span className="secret-missing" title="The keychain is unlocked but holds no secret for this token: remove it, or add the token again.">
                  secret missing
                </span>
              )}
            </dd>
          </div>
        </dl>
        {tags.length > 0 && (
          <ul className="tags" aria-label={token.flags?.length ? 'Scopes and flags' : 'Scopes'}>
            {tags.map((s) => (
              <li key={s} className="tag">
                {s}
              </li>
            ))}
          </ul>
        )}
        {RowDetails && (
          <div className="token-details">
            <RowDetails token={token} />
          </div>
        )}
      </div>
      <div className="token-actions">
        <button type="button" className="button button-small" onClick={copy} disabled={busy}>
          Copy
        </button>
        <button type="button" className="button button-small" onClick={reveal} disabled={busy}>
          {revealed.secret !== null ? 'Hide' : 'Reveal'}
        </button>
        <button type="button" className="button button-small" onClick={() => setRenaming(true)} disabled={busy}>
          Rename
        </button>
        {RowActions && <RowActions token={token} />}
        <button type="button" className="button button-small button-quiet-danger" onClick={remove} disabled={busy}>
          Remove
        </button>
        {renaming && <RenameDialog token={token} onClose={() => setRenaming(false)} />}
      </div>
    </li>
  );
});
