/**
 * The Electron composition root: the same core as the headless host, with Electron's
 * window, IPC, dialogs and protocol as its adapters.
 */
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/app';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import { createLogger, type Logger } from '../core/log/logger';
import { embeddedService } from '../core/session/embedded-service';
import { appOrigin, registerAppScheme, serveAppScheme } from './app-protocol';
import { electronDialogs } from './dialogs';
import { attachIpcTransport, forwardEvents } from './ipc-transport';
import { claimSingleInstance, disposeBeforeQuit, type LaunchRequest } from './lifecycle';
import { electronNotifications } from './notifications';
import { applyPermissionPolicy } from './permissions';
import { rendererUrl } from './renderer-source';
import { utilityProcessRunner } from './service-utility';
import { createMainWindow, preloadPath } from './window';

const here = dirname(fileURLToPath(import.meta.url));

async function start(log: Logger, launches: LaunchRequest[]): Promise<void> {
  await app.whenReady();
  const source = rendererUrl(process.env, app.isPackaged);
  const trusted = source.devOrigin ? [appOrigin, source.devOrigin] : [appOrigin];
  applyPermissionPolicy(session.defaultSession, trusted);
  serveAppScheme(join(here, '../renderer'));

  let window: BrowserWindow | null = null;
  const dataDir = app.getPath('userData');
  const core = await createCore({
    dataDir,
    log,
    credentials: new KeytarCredentialStore(),
    localService: embeddedService(dataDir, { runner: utilityProcessRunner(here) }),
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
  disposeBeforeQuit(app, () => core.dispose(), log);
  attachIpcTransport(core, trusted, log.child('ipc'));

  const open = () => {
    window = createMainWindow(
      { url: source.url, preloadPath: preloadPath(here) },
      log.child('window'),
    );
    const stop = forwardEvents(core, window.webContents);
    window.on('closed', () => {
      stop();
      window = null;
    });
  };
  open();

  const show = () => {
    if (!window) open();
    if (window?.isMinimized()) window.restore();
    window?.show();
    window?.focus();
  };
  launches.splice(0);
  app.on('second-instance', show);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

registerAppScheme();
const log = createLogger((line) => process.stderr.write(`${line}\n`), 'electron');
const launches: LaunchRequest[] = [];
if (claimSingleInstance(app, (request) => launches.push(request))) {
  start(log, launches).catch((error: unknown) => {
    // A missing native build or an unreadable data folder: said in a box, not a crash.
    log.error('could not start', { error: String(error) });
    dialog.showErrorBox(
      'Kamifax could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}
