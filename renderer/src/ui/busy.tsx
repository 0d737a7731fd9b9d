// @process: renderer
// A quiet spinner with words for calls that take a moment (network, keychain).
import { useCallback, useRef, useState } from 'react';

/** e.g. <Busy label="Verifying…" /> — announced politely, spinner hidden from assistive tech. */
export function Busy({ label = 'Working…' }: { label?: string }) {
  return (
    <span className="busy" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Tracks one async action at a time: `const { busy, run } = useBusy(); run(() => call(...))`.
 * While busy, a second run() is ignored and resolves to undefined (no double submits). */
export function useBusy(): { busy: boolean; run<T>(fn: () => Promise<T>): Promise<T | undefined> } {
  const [busy, setBusy] = useState(false);
  const active = useRef(false);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    if (active.current) return undefined;
    active.current = true;
    setBusy(true);
    try {
      return await fn();
    } finally {
      active.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
