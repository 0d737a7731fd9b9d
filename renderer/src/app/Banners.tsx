// @process: renderer
// What the person must know about the vault itself: a keychain that cannot be used (with the
// fix for their system) and one-off notices such as a rebuilt catalog.
import { useState } from 'react';
import { Busy, useVaultStore } from '../ui';

export function Banners() {
  const status = useVaultStore((s) => s.status);
  const loadError = useVaultStore((s) => s.loadError);
  const refresh = useVaultStore((s) => s.refresh);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [retrying, setRetrying] = useState(false);
  if (!status && !loadError) return null;
  const notices = (status?.notices ?? []).filter((n) => !dismissed.includes(n));
  const keychain = status?.keychain;
  return (
    <div className="banners">
      {keychain && !keychain.ok && (
        <div role="alert" className="banner banner-error">
          <strong>{keychain.state === 'locked' ? 'The keychain is locked.' : 'The keychain cannot be used.'}</strong> {keychain.message}
          <div className="banner-fix">{keychain.fix}</div>
          <button
            type="button"
            className="button button-small"
            disabled={retrying}
            onClick={async () => {
              setRetrying(true);
              try {
                await refresh();
              } finally {
                setRetrying(false);
              }
            }}
          >
            {retrying ? <Busy label="Checking the keychain" /> : 'Retry'}
          </button>
        </div>
      )}
      {loadError && keychain?.ok !== false && (
        <div role="alert" className="banner banner-error">
          The token list could not be loaded: {loadError.message}
        </div>
      )}
      {notices.map((n) => (
        <div key={n} className="banner banner-info">
          <span>{n}</span>
          <button type="button" className="button button-small" onClick={() => setDismissed((d) => [...d, n])}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
