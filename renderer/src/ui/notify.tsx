// @process: renderer
// One place for transient messages: success and info are announced politely (role="status"),
// errors assertively (role="alert") and stay until dismissed. They show in a bar of their own
// along the bottom of the window (App lays it out below the scrolling content), so a message
// never covers a control; at most MAX_NOTICES at a time, the oldest going first.
import { create } from 'zustand';
import type { ErrorInfo } from '../api';

export type NoticeKind = 'success' | 'info' | 'error';
export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
}

interface NoticeState {
  notices: Notice[];
  dismiss(id: number): void;
}

const SUCCESS_MS = 8000;
const MAX_NOTICES = 3;
let nextId = 1;

export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Shows a message in the window's status area. Success and info messages fade after a few
 * seconds; errors stay until dismissed. Never pass a secret. */
export function notify(message: string, kind: NoticeKind = 'success'): void {
  const id = nextId++;
  useNotices.setState((s) => ({ notices: [...s.notices.filter((n) => n.message !== message), { id, kind, message }].slice(-MAX_NOTICES) }));
  if (kind !== 'error') setTimeout(() => useNotices.getState().dismiss(id), SUCCESS_MS);
}

/** Shows a core error (its message is written for people and never holds a secret). */
export function notifyError(error: ErrorInfo | string): void {
  notify(typeof error === 'string' ? error : error.message, 'error');
}

/** The status area; rendered once by the window. */
export function StatusArea() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  const polite = notices.filter((n) => n.kind !== 'error');
  const errors = notices.filter((n) => n.kind === 'error');
  // Always in the page, empty or not: a live region announces only what is added to it after it
  // is there.
  return (
    <div className={notices.length ? 'status-area' : 'status-area status-area-empty'}>
      <div role="status" aria-live="polite" className="status-list">
        {polite.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`}>
            <span>{n.message}</span>
            <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      {errors.length > 0 && (
        <div role="alert" className="status-list">
          {errors.map((n) => (
            <div key={n.id} className="notice notice-error">
              <span>{n.message}</span>
              <button type="button" className="icon-button" aria-label="Dismiss error" onClick={() => dismiss(n.id)}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
