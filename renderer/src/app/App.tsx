// @process: renderer
// The window: a header with views (tokens, one tab per service panel, activity, settings), the
// keychain banner, and the shared status area and confirmation dialog.
import { useEffect, useState } from 'react';
import { SERVICE_UIS } from '../services';
import { SERVICE_NAMES, type Service } from '../../../electron/shared/kinds';
import { ClipboardCountdown, ConfirmHost, listen, StatusArea, useVaultStore } from '../ui';
import { Banners } from './Banners';
import { TokensView } from './TokensView';
import { ActivityView } from './ActivityView';
import { SettingsView } from './SettingsView';
import { RotationHost } from '../rotate/RotationHost';

type View = { kind: 'tokens' } | { kind: 'service'; service: Service } | { kind: 'activity' } | { kind: 'settings' };

const viewKey = (v: View) => (v.kind === 'service' ? `service-${v.service}` : v.kind);

export function App() {
  const [view, setView] = useState<View>({ kind: 'tokens' });
  const refresh = useVaultStore((s) => s.refresh);
  const refreshSettings = useVaultStore((s) => s.refreshSettings);

  useEffect(() => {
    // Subscribed before the first load, so a change made meanwhile is not missed.
    const stop = listen();
    void refresh();
    void refreshSettings();
    return stop;
  }, [refresh, refreshSettings]);

  const panels = SERVICE_UIS.filter((ui) => ui.Panel);
  const tabs: { view: View; name: string }[] = [
    { view: { kind: 'tokens' }, name: 'Tokens' },
    ...panels.map((ui) => ({ view: { kind: 'service', service: ui.service } as View, name: SERVICE_NAMES[ui.service] })),
    { view: { kind: 'activity' }, name: 'Activity' },
    { view: { kind: 'settings' }, name: 'Settings' },
  ];
  const active = viewKey(view);
  const Panel = view.kind === 'service' ? SERVICE_UIS.find((ui) => ui.service === view.service)?.Panel : undefined;

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Synvault</span>
        </div>
        <nav aria-label="Views" className="nav">
          {tabs.map((t) => (
            <button
              key={viewKey(t.view)}
              type="button"
              className="nav-item"
              aria-current={viewKey(t.view) === active ? 'page' : undefined}
              onClick={() => setView(t.view)}
            >
              {t.name}
            </button>
          ))}
        </nav>
        <ClipboardCountdown />
      </header>
      <Banners />
      <main className="app-main">
        {view.kind === 'tokens' && <TokensView />}
        {view.kind === 'service' && Panel && (
          <section className="view" aria-labelledby="service-panel-title">
            <h1 id="service-panel-title" className="view-title">
              {SERVICE_NAMES[view.service]}
            </h1>
            <Panel />
          </section>
        )}
        {view.kind === 'activity' && <ActivityView />}
        {view.kind === 'settings' && <SettingsView />}
      </main>
      <StatusArea />
      <ConfirmHost />
      <RotationHost />
    </div>
  );
}
