// @process: main
// The core's clipboard port over Electron's system clipboard, whose readText/writeText return
// promises since Electron 44.
import type { Clipboard } from 'electron';
import type { ClipboardPort } from '../core/clipboard';

export function electronClipboard(clipboard: Pick<Clipboard, 'readText' | 'writeText'>): ClipboardPort {
  return {
    writeText: async (text) => {
      await clipboard.writeText(text);
    },
    readText: async () => clipboard.readText(),
  };
}
