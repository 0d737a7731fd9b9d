// @process: renderer
// Escape closes or hides the topmost thing, and only that: a dialog first, then whatever opened
// last of a revealed token, the add form or an inline edit. Each registers while it is open; one
// listener on the document asks the topmost. (docs/window.md lists what answers to Escape.)
import { useLayoutEffect, useRef } from 'react';

/** Dialogs sit above everything else the window shows. */
export const DIALOG_LAYER = 10;

interface Entry {
  order: number;
  layer: number;
  handler: () => void;
}

const entries = new Set<Entry>();
let nextOrder = 1;

function topmost(): Entry | undefined {
  let top: Entry | undefined;
  for (const e of entries) if (!top || e.layer > top.layer || (e.layer === top.layer && e.order > top.order)) top = e;
  return top;
}

function onKeyDown(e: KeyboardEvent) {
  if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
  // A search box with text clears itself first (the browser's own Escape), outside a dialog.
  const t = e.target;
  const top = topmost();
  if (!top) return;
  if (top.layer < DIALOG_LAYER && t instanceof HTMLInputElement && t.type === 'search' && t.value !== '') return;
  e.preventDefault();
  e.stopPropagation();
  top.handler();
}

function register(layer: number, handler: () => void): () => void {
  if (entries.size === 0) document.addEventListener('keydown', onKeyDown, true);
  const entry: Entry = { order: nextOrder++, layer, handler };
  entries.add(entry);
  return () => {
    entries.delete(entry);
    if (entries.size === 0) document.removeEventListener('keydown', onKeyDown, true);
  };
}

/** While `active`, Escape calls `handler` — unless something opened later (or a dialog) is on
 * top. The handler may change between renders; the registration order is that of activation. */
export function useEscape(active: boolean, handler: () => void, layer = 0): void {
  const ref = useRef(handler);
  ref.current = handler;
  useLayoutEffect(() => {
    if (!active) return;
    return register(layer, () => ref.current());
  }, [active, layer]);
}
