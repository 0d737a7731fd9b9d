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
  const [stillLocked, setStillLocked] = useState(false);
  if (!status && !loadError) return null;
  const notices = (status?.notices ?? []).filter((n) => !dismissed.includes(n));
  const keychain = status?.keychain;
  return (
    <div className="banners">
      {keychain && !keychain.ok && (
        <div role="alert" className="banner banner-error">
          {/* A locked keychain's message already says so in its first words; only an unusable one
              needs a heading of its own. */}
          {keychain.state === 'locked' ? <strong>{keychain.message}</strong> : <><strong>The keychain cannot be used.</strong> {keychain.message}</>}
          <div className="banner-fix">{keychain.fix}</div>
          {/* Not disabled while checking (a second press is ignored), so the focus stays on it; a
              check that finds it still locked says so, rather than looking like nothing happened. */}
          <button
            type="button"
            className="button button-small"
            aria-disabled={retrying || undefined}
            onClick={async () => {
              if (retrying) return;
              setRetrying(true);
              setStillLocked(false);
              try {
                await refresh();
              } finally {
                setRetrying(false);
                setStillLocked(useVaultStore.getState().status?.keychain.ok === false);
              }
            }}
          >
            {retrying ? <Busy label="Checking the keychain" /> : 'Retry'}
          </button>
          {stillLocked && !retrying && <span className="banner-retry-result"> Checked again: {keychain.state === 'locked' ? 'still locked' : 'still not usable'}.</span>}
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
