/**
 * The Electron composition root: the same core as the headless host, with Electron's
 * window, IPC, dialogs and protocol as its adapters.
 */
import { app, BrowserWindow, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/app';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import { createLogger } from '../core/log/logger';
import { embeddedService } from '../core/session/embedded-service';
import { appOrigin, registerAppScheme, serveAppScheme } from './app-protocol';
import { electronDialogs } from './dialogs';
import { attachIpcTransport, forwardEvents } from './ipc-transport';
import { electronNotifications } from './notifications';
import { createMainWindow, denyPermissions, preloadPath } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const devServer = process.env.ELECTRON_RENDERER_URL;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

async function start(): Promise<void> {
  await app.whenReady();
  const log = createLogger((line) => process.stderr.write(`${line}\n`), 'electron');
  denyPermissions();
  serveAppScheme(join(here, '../renderer'));

  let window: BrowserWindow | null = null;
  const dataDir = app.getPath('userData');
  const core = await createCore({
    dataDir,
    log,
    credentials: new KeytarCredentialStore(),
    localService: embeddedService(dataDir),
    host: {
      kind: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      locale: app.getLocale(),
      openExternal: (url) => shell.openExternal(url.href),
      dialogs: electronDialogs(() => window),
      notifications: electronNotifications(() => window),
    },
  });
  const trusted = devServer ? [appOrigin, new URL(devServer).origin] : [appOrigin];
  attachIpcTransport(core, trusted, log.child('ipc'));

  const open = () => {
    window = createMainWindow(
      { url: devServer ?? `${appOrigin}/index.html`, preloadPath: preloadPath(here) },
      log.child('window'),
    );
    const stop = forwardEvents(core, window.webContents);
    window.on('closed', () => {
      stop();
      window = null;
    });
  };
  open();

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void core.dispose());
}

void start();
