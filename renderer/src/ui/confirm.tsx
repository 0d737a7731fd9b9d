// @process: renderer
// Asynchronous confirmation: `const confirm = useConfirm(); if (await confirm({...})) ...`.
// One dialog at a time, rendered by <ConfirmHost/> which the window mounts once.
import type { ReactNode } from 'react';
import { create } from 'zustand';
import { Modal } from './modal';

export interface ConfirmOptions {
  title: string;
  body?: ReactNode;
  /** Text of the confirming button, e.g. "Remove". Default "OK". */
  confirmLabel?: string;
  /** Default "Cancel". */
  cancelLabel?: string;
  /** Styles the confirming button as destructive and focuses Cancel first. */
  danger?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve(ok: boolean): void;
}

const useConfirmState = create<{ pending: Pending | null }>()(() => ({ pending: null }));

/** Opens the confirmation dialog; resolves true on confirm, false on cancel/Escape. */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    // A newer question replaces an unanswered one, which counts as cancelled.
    useConfirmState.getState().pending?.resolve(false);
    useConfirmState.setState({ pending: { ...options, resolve } });
  });
}

export function useConfirm(): (options: ConfirmOptions) => Promise<boolean> {
  return confirm;
}

function answer(ok: boolean) {
  const p = useConfirmState.getState().pending;
  useConfirmState.setState({ pending: null });
  p?.resolve(ok);
}

export interface ConfirmDialogProps extends ConfirmOptions {
  onConfirm(): void;
  onCancel(): void;
}

/** The dialog itself, for callers that keep their own open/closed state. */
export function ConfirmDialog({ title, body, confirmLabel = 'OK', cancelLabel = 'Cancel', danger, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal
      title={title}
      onClose={onCancel}
      alert={danger}
      initialFocus={danger ? '[data-cancel]' : '[data-confirm]'}
      actions={
        <>
          <button type="button" className="button" data-cancel onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className={danger ? 'button button-danger' : 'button button-primary'} data-confirm onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {typeof body === 'string' ? <p>{body}</p> : body}
    </Modal>
  );
}

export function ConfirmHost() {
  const pending = useConfirmState((s) => s.pending);
  if (!pending) return null;
  const { resolve: _r, ...options } = pending;
  return <ConfirmDialog {...options} onConfirm={() => answer(true)} onCancel={() => answer(false)} />;
}
