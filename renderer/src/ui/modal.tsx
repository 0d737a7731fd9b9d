// @process: renderer
// An accessible modal dialog: role="dialog", aria-modal, focus kept inside, Escape closes, focus
// returns to where it was (or, if that is gone, somewhere sensible — never <body>). Used by
// ConfirmDialog and by service panels (e.g. "shown only once").
// The title and the buttons stay on screen in a window of any height (800×600 at least): the
// body between them scrolls (styles.css, .modal). Dialogs stack; only the topmost takes Tab and
// Escape. Opening one tells the listeners (a revealed token hides itself).
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { DIALOG_LAYER, useEscape } from './escape';
import { FOCUSABLE, focusLost, registerFocusRescuer, rescueFocus } from './focus';

export interface ModalProps {
  title: string;
  /** Called on Escape and on a click on the backdrop. */
  onClose(): void;
  children?: ReactNode;
  /** Buttons along the bottom. */
  actions?: ReactNode;
  /** Element (by CSS selector inside the dialog) to focus first; default: first focusable. */
  initialFocus?: string;
  /** role="alertdialog" for confirmations of destructive actions. */
  alert?: boolean;
}

/** Open dialogs, the topmost last. */
const open: HTMLElement[] = [];
const openListeners = new Set<() => void>();

/** Calls `listener` whenever a dialog opens; returns the unsubscribe. */
export function onDialogOpen(listener: () => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/** How many dialogs are open now. */
export function openDialogCount(): number {
  return open.length;
}

export function Modal({ title, onClose, children, actions, initialFocus, alert }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEscape(true, () => onCloseRef.current(), DIALOG_LAYER);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const box = ref.current!;
    open.push(box);
    for (const l of [...openListeners]) l();
    const first = (initialFocus && box.querySelector<HTMLElement>(initialFocus)) || box.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box).focus();
    const isTop = () => open[open.length - 1] === box;

    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || !isTop()) return;
      const items = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const firstItem = items[0]!;
      const lastItem = items[items.length - 1]!;
      const active = document.activeElement;
      if (e.shiftKey && (active === firstItem || !box.contains(active))) {
        e.preventDefault();
        lastItem.focus();
      } else if (!e.shiftKey && (active === lastItem || !box.contains(active))) {
        e.preventDefault();
        firstItem.focus();
      }
    };
    // Focus that escapes by any other route (a click outside, programmatic) is pulled back.
    const onFocusIn = (e: FocusEvent) => {
      if (isTop() && !box.contains(e.target as Node)) (box.querySelector<HTMLElement>(FOCUSABLE) ?? box).focus();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    // A control inside that goes or is disabled while open: the focus stays in the dialog.
    const offRescue = registerFocusRescuer(() => {
      if (!isTop()) return false;
      box.focus();
      return true;
    });
    return () => {
      offRescue();
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      open.splice(open.indexOf(box), 1);
      // Back to the control that opened it; if a dialog below is still open, into that one.
      const below = open[open.length - 1];
      if (previous && previous.isConnected && (!below || below.contains(previous))) previous.focus();
      else if (below) (below.querySelector<HTMLElement>(FOCUSABLE) ?? below).focus();
      // A control that went (its row was removed) or was disabled meanwhile: somewhere sensible.
      if (!below && focusLost()) rescueFocus();
    };
    // Runs once per opening; initialFocus is read at open time only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Portalled to <body> so no ancestor's containment or overflow can clip or cover it.
  return createPortal(
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className="modal"
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={children ? bodyId : undefined}
        tabIndex={-1}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children && (
          <div id={bodyId} className="modal-body">
            {children}
          </div>
        )}
        {actions && <div className="modal-actions">{actions}</div>}
      </div>
    </div>,
    document.body,
  );
}
