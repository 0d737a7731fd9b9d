// @process: renderer
// The Syncano tab: sign in (or pick a stored account key), see what that key can reach, then
// pick an instance and manage its API keys.
import { useEffect, useState } from 'react';
import { syncanoOwner } from '../../../../electron/shared/services/syncano';
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

  // Unless one was picked, the tab opens on an account key that works — never on one Syncano was
  // found not to know, which would only say "No such API Key." at every visit.
  const dead = (t: (typeof accounts)[number]) => t.verification?.state === 'invalid';
  const account = accounts.find((t) => t.id === accountId) ?? accounts.find((t) => !dead(t));
  useEffect(() => setInstance(''), [account?.id]);

  return (
    <div className="syncano-panel">
      {dialog}
      {!account && accounts.length > 0 && (
        <p className="syncano-warning" role="note">
          {accounts.length === 1 ? `The stored account key “${accounts[0]!.label}” does not work` : 'None of the stored account keys works'}: Syncano does not
          know it. Sign in to store the current one.
        </p>
      )}
      {(signingIn || !account) && (
        <SignInForm
          onSignedIn={(t) => {
            setSigningIn(false);
            setAccountId(t.id);
          }}
          {...(account ? { onCancel: () => setSigningIn(false) } : {})}
        />
      )}
      {(accounts.length > 1 || (!account && accounts.length > 0)) && (
        <div className="field">
          <label htmlFor="syncano-account">Account</label>
          <select id="syncano-account" value={account?.id ?? ''} onChange={(e) => setAccountId(e.target.value || null)}>
            {!account && <option value="">Choose an account key…</option>}
            {accounts.map((t) => (
              <option key={t.id} value={t.id}>
                {syncanoOwner(t).email ?? t.label}
                {dead(t) ? ' — does not work' : ''}
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
