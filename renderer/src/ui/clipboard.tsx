// @process: renderer
// The clipboard countdown after a copy. The main process clears the clipboard; the window only
// counts down from the receipt it got back, so it never holds the value.
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { CopyReceipt } from '../../../electron/shared/model';

interface ClipState {
  /** What was copied, by label (never the value). */
  label: string | null;
  /** Local ms time the clipboard clears at; null = never; undefined = nothing copied. */
  deadline: number | null | undefined;
  cleared: boolean;
}

const useClip = create<ClipState>()(() => ({ label: null, deadline: undefined, cleared: false }));

/** Starts (or restarts) the visible countdown for a copy receipt from the vault. */
export function showCopied(receipt: CopyReceipt, label: string): void {
  // The receipt's seconds, not its clock time: robust to any clock difference with the main side.
  const deadline = receipt.seconds === null ? null : Date.now() + receipt.seconds * 1000;
  useClip.setState({ label, deadline, cleared: false });
}

/** The main process cleared the clipboard (its clipboardCleared event): say so now, whatever the
 * countdown shows. A clear it skipped (the person copied something else since) sends nothing. */
export function clipboardCleared(): void {
  if (useClip.getState().deadline !== undefined) useClip.setState({ cleared: true });
}

export function ClipboardCountdown() {
  const { label, deadline, cleared } = useClip();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (deadline === undefined || deadline === null) return;
    setNow(Date.now());
    const t = setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= deadline) {
        clearInterval(t);
        useClip.setState({ cleared: true });
      }
    }, 250);
    return () => clearInterval(t);
  }, [deadline]);

  useEffect(() => {
    if (!cleared) return;
    const t = setTimeout(() => useClip.setState({ label: null, deadline: undefined, cleared: false }), 6000);
    return () => clearTimeout(t);
  }, [cleared]);

  if (deadline === undefined) return null;
  // What was copied comes first and is cut short (…) when the header is narrow (800 px); what
  // happens to the clipboard always shows in full.
  const copied = cleared ? null : `Copied “${label}”.`;
  let text: string;
  if (deadline === null) text = 'Clipboard clearing is off (Settings).';
  else if (cleared) text = 'Clipboard cleared.';
  else text = `Clipboard clears in ${Math.max(0, Math.ceil((deadline - now) / 1000))} s`;
  return (
    <div className="clipboard-countdown" role="timer" aria-live="off" aria-label="Clipboard">
      <span className="clip-icon" aria-hidden="true" />
      {copied && (
        <>
          <span className="clip-copied">{copied}</span>{' '}
        </>
      )}
      <span className="clip-state">{text}</span>
    </div>
  );
}
