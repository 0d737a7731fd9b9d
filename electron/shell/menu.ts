// @process: main
// The application menu. Without one, Electron installs its default, whose View menu offers
// Reload and Toggle Developer Tools (Ctrl+Shift+I): a reload drops the window's state mid-task,
// and DevTools hands anyone at the keyboard a console inside a window that can reveal secrets.
// So the shipped app gets only the standard roles; an unpackaged checkout keeps a View menu for
// the people working on it.
import type { Menu, MenuItemConstructorOptions } from 'electron';

export function menuTemplate(platform: NodeJS.Platform, isPackaged: boolean): MenuItemConstructorOptions[] {
  return [
    // macOS puts About, Hide and Quit under the app's own name.
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    // Quit elsewhere, Close Window on macOS.
    { role: 'fileMenu' },
    // Cut, copy, paste and select all, with their shortcuts, in the form fields.
    { role: 'editMenu' },
    ...(isPackaged ? [] : [{ role: 'viewMenu' } as const]),
    { role: 'windowMenu' },
  ];
}

export function setApplicationMenu(menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>, platform: NodeJS.Platform, isPackaged: boolean): void {
  menu.setApplicationMenu(menu.buildFromTemplate(menuTemplate(platform, isPackaged)));
}
