// @process: renderer
// Parts of the window the first paint does not show — the other views, the service panels, the
// Rotate dialogs — are loaded as chunks of their own, so opening the window compiles and runs only
// the token list; they are fetched once the browser is idle after the first paint, so a click on a
// tab rarely waits for one (docs/architecture.md, "Start-up").
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const loaders: Array<() => Promise<unknown>> = [];

/** A component exported as `name` by the module `load` imports, loaded when first rendered (inside
 * a Suspense boundary) or by preloadLazyParts, whichever comes first. */
// `any` as React's own lazy() has it: each part keeps its own props through M[K].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPart<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  let loading: Promise<M> | null = null;
  const once = () => (loading ??= load());
  loaders.push(once);
  return lazy(() => once().then((m) => ({ default: m[name] })));
}

/** Loads every lazy part when the browser is next idle (at the latest after 2 s). */
export function preloadLazyParts(): () => void {
  const start = () => void Promise.all(loaders.map((load) => load().catch(() => undefined)));
  if (typeof requestIdleCallback === 'undefined') {
    const t = setTimeout(start, 200);
    return () => clearTimeout(t);
  }
  const id = requestIdleCallback(start, { timeout: 2000 });
  return () => cancelIdleCallback(id);
}
