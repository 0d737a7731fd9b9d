// @process: renderer
// The Syncano tab: sign in (or pick a stored account key), see what that key can reach, then
// pick an instance and manage its API keys.
import { useEffect, useState } from 'react';
import { useVaultStore } from '../../ui';
import { AccountKeyCard, KeyComparison, SignInForm } from './account';
import { ApiKeys, InstancePicker } from './api-keys';
import { useRescue } from './rescue';
import './syncano.css';

export function SyncanoPanel() {
  const tokens = useVaultStore((s) => s.tokens);
  const accounts = tokens.filter((t) => t.kind === 'syncano-account-key');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const [instance, setInstance] = useState('');
  const { fail, dialog } = useRescue();

  const account = accounts.find((t) => t.id === accountId) ?? accounts[0];
  useEffect(() => setInstance(''), [account?.id]);

  return (
    <div className="syncano-panel">
      {dialog}
      {(signingIn || !account) && (
        <SignInForm
          onSignedIn={(t) => {
            setSigningIn(false);
            setAccountId(t.id);
          }}
          {...(account ? { onCancel: () => setSigningIn(false) } : {})}
        />
      )}
      {account && accounts.length > 1 && (
        <div className="field">
          <label htmlFor="syncano-account">Account</label>
          <select id="syncano-account" value={account.id} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((t) => (
              <option key={t.id} value={t.id}>
                {t.account ?? t.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {account && !signingIn && <AccountKeyCard token={account} fail={fail} onAnother={() => setSigningIn(true)} />}
      <KeyComparison />
      {account && <InstancePicker accountId={account.id} value={instance} onChange={setInstance} fail={fail} />}
      {account && instance && <ApiKeys accountId={account.id} instance={instance} fail={fail} />}
    </div>
  );
}
