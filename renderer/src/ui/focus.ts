// @process: renderer
// Where the focus goes when the element that had it goes away (a removed row, a closed form or
// dialog), so it never falls to <body>: a keyboard user would have to start again from the top.
// Views register a rescuer (the token list puts it on the next row); the last resort is the
// heading of the view on screen. And a way to ask for a token's row to be focused once it is in
// the list (after an add, the new row).
import { create } from 'zustand';

/** Focusable elements, for "the first field" of a form or a dialog. */
export const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** True when nothing has the focus (it fell to <body>). */
export function focusLost(): boolean {
  const a = document.activeElement;
  return !a || a === document.body || a === document.documentElement;
}

/** The element focusInView last brought into view. The layout may still move it afterwards —
 * rows above it rendered for the first time (content-visibility), or their details arriving (a
 * Synap row's age and rotation hint) — so keepFocusInView keeps it in view until the person
 * scrolls, clicks or types, or the focus leaves it. */
let pinned: HTMLElement | null = null;

/** Focuses an element and brings it into view without jumping further than needed. */
export function focusInView(el: HTMLElement | null | undefined): boolean {
  if (!el || !el.isConnected) return false;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const focused = document.activeElement === el;
  pinned = focused ? el : null;
  return focused;
}

type Rescuer = () => boolean;
const rescuers: Rescuer[] = [];

/** A view's way to put the focus back somewhere sensible; returns the unregister. Later ones are
 * asked first (the view on screen registered last). */
export function registerFocusRescuer(rescuer: Rescuer): () => void {
  rescuers.push(rescuer);
  return () => {
    const i = rescuers.indexOf(rescuer);
    if (i >= 0) rescuers.splice(i, 1);
  };
}

/** Called when the focus had to go back to an element that is gone. */
export function rescueFocus(): void {
  for (let i = rescuers.length - 1; i >= 0; i--) if (rescuers[i]!()) return;
  // The view's heading takes the focus (tabIndex -1: focusable by script, not a Tab stop).
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }
}

/** Watches for the focus falling to <body> because the element that had it was removed or
 * disabled (a row gone after a revoke, a button disabled while its call runs), and rescues it.
 * Chromium fires focusout, with no relatedTarget, in both cases. Returns the stop. */
export function watchFocusLoss(): () => void {
  const onOut = (e: FocusEvent) => {
    if (e.relatedTarget) return;
    const el = e.target as HTMLElement;
    // After the change that caused it has been rendered; a view may have put the focus
    // somewhere already.
    setTimeout(() => {
      if (!focusLost()) return;
      // A click on nothing in particular, or the window losing focus: not ours to change.
      if (el.isConnected && !(el as HTMLButtonElement).disabled) return;
      rescueFocus();
    }, 0);
  };
  document.addEventListener('focusout', onOut);
  return () => document.removeEventListener('focusout', onOut);
}

/** How many times one pinned element is brought back into view at most. */
const PIN_MOVES_MAX = 100;

/** When the scrolling content gets shorter (the status bar grows with a message), brings the
 * focused element inside it back into view; and while the layout inside it settles after a
 * focusInView, keeps that element in view (the pin above). Returns the stop. */
export function keepFocusInView(scroller: HTMLElement | null): () => void {
  if (!scroller || typeof ResizeObserver === 'undefined') return () => undefined;
  const bringBack = (a: HTMLElement) => {
    const r = a.getBoundingClientRect();
    const v = scroller.getBoundingClientRect();
    if (r.bottom > v.bottom || r.top < v.top) a.scrollIntoView({ block: 'nearest' });
  };
  const ro = new ResizeObserver(() => {
    const a = document.activeElement;
    if (!(a instanceof HTMLElement) || !scroller.contains(a) || a === scroller) return;
    bringBack(a);
  });
  ro.observe(scroller);

  // The content's own size changing moves only the pinned element back, so a person who has
  // scrolled away from the focused control is never pulled back to it.
  let moves = 0;
  let last: HTMLElement | null = null;
  const content = new ResizeObserver(() => {
    const el = pinned;
    if (!el || el !== document.activeElement || !scroller.contains(el)) return;
    if (el !== last) {
      last = el;
      moves = 0;
    }
    if (moves++ >= PIN_MOVES_MAX) return;
    bringBack(el);
  });
  for (const child of Array.from(scroller.children)) content.observe(child);
  const unpin = () => {
    pinned = null;
  };
  const onFocusOut = (e: FocusEvent) => {
    if (e.target === pinned) unpin();
  };
  const INPUT = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
  for (const type of INPUT) document.addEventListener(type, unpin, { capture: true, passive: true });
  document.addEventListener('focusout', onFocusOut, true);
  return () => {
    ro.disconnect();
    content.disconnect();
    for (const type of INPUT) document.removeEventListener(type, unpin, { capture: true });
    document.removeEventListener('focusout', onFocusOut, true);
  };
}

/** A token row to focus once it is listed: the token list takes it from here. */
export const usePendingRowFocus = create<{ id: string | null }>()(() => ({ id: null }));

/** After an add (or anything that makes a token the one the person works on next): the token
 * list shows its row — past the rendered page or a filter if need be —, scrolls to it and
 * focuses it once the list holds it. */
export function focusTokenRow(id: string): void {
  usePendingRowFocus.setState({ id });
}
