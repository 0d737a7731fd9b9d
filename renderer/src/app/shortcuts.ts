// @process: renderer
// The window's own keyboard shortcuts: Ctrl+F (Cmd+F on macOS) focuses search, Ctrl+N (Cmd+N)
// opens the add form. Not while a dialog is open: the dialog has the keyboard then.
import { useEffect, useRef } from 'react';
import { openDialogCount } from '../ui/modal';

export interface Shortcuts {
  add(): void;
  search(): void;
}

/** Which shortcut a key press is, if any. */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): keyof Shortcuts | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const key = e.key.toLowerCase();
  return key === 'f' ? 'search' : key === 'n' ? 'add' : null;
}

export function useShortcuts(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const which = shortcutOf(e);
      if (!which || e.defaultPrevented || openDialogCount() > 0) return;
      e.preventDefault();
      ref.current[which]();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
