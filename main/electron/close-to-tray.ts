import type { BrowserWindow } from 'electron';
import type { Settings } from '../../preload/contract';

/**
 * Whether closing the window keeps Kamifax running: the user's choice, or by default where
 * the platform expects it — Windows (notification area) and macOS (the app stays in the
 * Dock). Linux desktops often show no tray at all (GNOME), so there it is off unless chosen.
 */
export function closesToTray(choice: Settings['closeToTray'], platform: string): boolean {
  if (choice === true || choice === false) return choice;
  return platform === 'win32' || platform === 'darwin';
}

/**
 * Hides the window instead of closing it while `keep()` says so and the app is not quitting;
 * `quitting()` turns true from `before-quit`, so Quit (tray, menu, the OS) still quits.
 */
export function hideOnClose(
  window: Pick<BrowserWindow, 'on' | 'hide'>,
  keep: () => boolean,
  quitting: () => boolean,
): void {
  window.on('close', (event) => {
    if (quitting() || !keep()) return;
    event.preventDefault();
    window.hide();
  });
}
