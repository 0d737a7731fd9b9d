// @process: renderer
// An accessible modal dialog: role="dialog", aria-modal, focus kept inside, Escape closes, focus
// returns to where it was. Used by ConfirmDialog and by service panels (e.g. "shown only once").
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

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

export function Modal({ title, onClose, children, actions, initialFocus, alert }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const box = ref.current!;
    const first = (initialFocus && box.querySelector<HTMLElement>(initialFocus)) || box.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box).focus();

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
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
      if (!box.contains(e.target as Node)) (box.querySelector<HTMLElement>(FOCUSABLE) ?? box).focus();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      if (previous && document.contains(previous)) previous.focus();
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
