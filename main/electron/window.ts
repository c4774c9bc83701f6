import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { detach } from '../core/async/detach';
import type { Logger } from '../core/log/logger';
import { parseExternalUrl } from '../core/security/external-url';

/** Where the main window loads from: the app scheme, or electron-vite's dev server. */
export interface WindowSource {
  url: string;
  preloadPath: string;
}

/** Opens the one window, hardened: isolated, sandboxed, no navigation, no new windows. */
export function createMainWindow(source: WindowSource, log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Kamifax',
    webPreferences: {
      preload: source.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click must not open a link in a new window (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn('blocked navigation', { url: url.slice(0, 200) });
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const external = parseExternalUrl(url);
    if (external) detach(log, 'opening a link', shell.openExternal(external.href));
    else log.warn('blocked window.open', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  detach(log, 'loading the page', window.loadURL(source.url));
  return window;
}

/** The preload's built path beside the main bundle. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
