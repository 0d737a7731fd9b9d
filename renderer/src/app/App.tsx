// @process: renderer
// The window: a header with views (tokens, one tab per service panel, activity, settings), the
// keychain banner, and the shared status area and confirmation dialog. The header stays, the
// content between it and the status bar scrolls, and the status bar takes its own space, so
// a message never covers a control. Ctrl/Cmd+F and Ctrl/Cmd+N are the window's (docs/window.md).
import { Suspense, useEffect, useRef, useState } from 'react';
import { SERVICE_UIS } from '../services';
import { SERVICE_NAMES, type Service } from '../../../electron/shared/kinds';
import { ClipboardCountdown, ConfirmHost, keepFocusInView, listen, StatusArea, useVaultStore, watchFocusLoss } from '../ui';
import { Banners } from './Banners';
import { TokensView, type TokensRequest } from './TokensView';
import { useShortcuts } from './shortcuts';
import { RotationHost } from '../rotate/RotationHost';
import { lazyPart, preloadLazyParts } from '../ui/lazy';

const ActivityView = lazyPart(() => import('./ActivityView'), 'ActivityView');
const SettingsView = lazyPart(() => import('./SettingsView'), 'SettingsView');
const ScanView = lazyPart(() => import('./ScanView'), 'ScanView');

type View = { kind: 'tokens' } | { kind: 'service'; service: Service } | { kind: 'scan' } | { kind: 'activity' } | { kind: 'settings' };

const viewKey = (v: View) => (v.kind === 'service' ? `service-${v.service}` : v.kind);

export function App() {
  const [view, setView] = useState<View>({ kind: 'tokens' });
  const refresh = useVaultStore((s) => s.refresh);
  const refreshSettings = useVaultStore((s) => s.refreshSettings);
  const [request, setRequest] = useState<TokensRequest | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // A message arriving makes the content shorter: the focused control stays in sight.
  useEffect(() => keepFocusInView(scrollRef.current), []);
  useShortcuts({
    // Ctrl+N: the add form, from any view.
    add: () => {
      setView({ kind: 'tokens' });
      setRequest((r) => ({ what: 'add', n: (r?.n ?? 0) + 1 }));
    },
    // Ctrl+F: this view's search if it has one, else the token list's.
    search: () => {
      const own = document.querySelector<HTMLInputElement>('main [data-search]');
      if (own) {
        own.focus();
        own.select();
        return;
      }
      setView({ kind: 'tokens' });
      setRequest((r) => ({ what: 'search', n: (r?.n ?? 0) + 1 }));
    },
  });

  useEffect(() => {
    // Subscribed before the first load, so a change made meanwhile is not missed.
    const stop = listen();
    // The focus never falls to <body> when what had it goes away (docs/window.md).
    const stopWatch = watchFocusLoss();
    void refresh();
    void refreshSettings();
    const stopPreload = preloadLazyParts();
    return () => {
      stop();
      stopWatch();
      stopPreload();
    };
  }, [refresh, refreshSettings]);

  const panels = SERVICE_UIS.filter((ui) => ui.Panel);
  const tabs: { view: View; name: string }[] = [
    { view: { kind: 'tokens' }, name: 'Tokens' },
    ...panels.map((ui) => ({ view: { kind: 'service', service: ui.service } as View, name: SERVICE_NAMES[ui.service] })),
    { view: { kind: 'scan' }, name: 'Scan' },
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
      <div className="app-scroll" ref={scrollRef}>
        <Banners />
        <main className="app-main">
        <Suspense fallback={<p>Loading…</p>}>
        {view.kind === 'tokens' && <TokensView request={request} onRequestHandled={() => setRequest(null)} />}
        {view.kind === 'service' && Panel && (
          <section className="view" aria-labelledby="service-panel-title">
            <h1 id="service-panel-title" className="view-title">
              {SERVICE_NAMES[view.service]}
            </h1>
            {/* Its own boundary under the heading, so the tab has its level-one heading while the
                panel's chunk loads (ui/lazy.ts). */}
            <Suspense fallback={<p>Loading…</p>}>
              <Panel />
            </Suspense>
          </section>
        )}
        {view.kind === 'scan' && <ScanView />}
        {view.kind === 'activity' && <ActivityView />}
        {view.kind === 'settings' && <SettingsView />}
        </Suspense>
        </main>
      </div>
      <StatusArea />
      <ConfirmHost />
      <RotationHost />
    </div>
  );
}
