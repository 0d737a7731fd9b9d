// @process: main
// The core's clipboard port over Electron's system clipboard.
import type { Clipboard } from 'electron';
import type { ClipboardPort } from './core/clipboard';

export function electronClipboard(clipboard: Pick<Clipboard, 'readText' | 'writeText'>): ClipboardPort {
  return {
    writeText: (text) => clipboard.writeText(text),
    readText: () => clipboard.readText(),
  };
}
