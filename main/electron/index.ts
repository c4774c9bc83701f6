/**
 * The Electron composition root: the same core as the headless host, with Electron's
 * window, IPC, dialogs and protocol as its adapters, and the desktop around it (tray,
 * launches, start at login, updates).
 */
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detach } from '../core/async/detach';
import { guardProcess } from '../core/async/process-guard';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import { createLogger, type Logger } from '../core/log/logger';
import { notificationLanguage } from '../core/notifications/notification-policy';
import { officeWorkerScript } from './office-worker';
import { embeddedService } from '../core/session/embedded-service';
import { appOrigin, registerAppScheme, serveAppScheme } from './app-protocol';
import { commandLaunch, runCommandLaunch } from './command-launch';
import { coreAhead } from './core-ahead';
import { hideOnClose } from './close-to-tray';
import { askToRestart, attachDesktop, type Desktop } from './desktop';
import { electronDialogs } from './dialogs';
import { attachIpcTransport, forwardEvents } from './ipc-transport';
import { claimSingleInstance, disposeBeforeQuit, LaunchQueue } from './lifecycle';
import { electronNotifications } from './notifications';
import { applyPermissionPolicy } from './permissions';
import { rendererUrl } from './renderer-source';
import { utilityProcessRunner } from './service-utility';
import { createMainWindow, preloadPath } from './window';
import trayIcon from './icons/tray.png?asset';

const here = dirname(fileURLToPath(import.meta.url));

async function start(log: Logger, launches: LaunchQueue): Promise<void> {
  await app.whenReady();
  const source = rendererUrl(process.env, app.isPackaged);
  const trusted = source.devOrigin ? [appOrigin, source.devOrigin] : [appOrigin];
  applyPermissionPolicy(session.defaultSession, trusted);
  // The window opens before the core is built (core-ahead.ts): Chromium starts the renderer and
  // loads the page while the core is made and the sign-in restores. The page's request waits
  // there for its first inbox window (first-answers.ts), and its IPC calls for the core.
  const ahead = coreAhead();
  serveAppScheme(join(here, '../renderer'), () => ahead.parts, log.child('first-paint'));
  attachIpcTransport(ahead.parts, trusted, log.child('ipc'));

  let window: BrowserWindow | null = null;
  let desktop: Desktop | null = null;
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  const notifications = electronNotifications(() => window);
  const open = () => {
    const created = createMainWindow(
      { url: source.url, preloadPath: preloadPath(here) },
      log.child('window'),
    );
    window = created;
    hideOnClose(
      created,
      () => desktop?.keepInTray() ?? false,
      () => quitting,
    );
    const stop = forwardEvents(ahead.parts, created.webContents);
    created.on('closed', () => {
      stop();
      window = null;
    });
  };
  // The first launch's own arguments (a file opened with Kamifax, `--hidden` at login). A
  // hidden start opens no window yet: whether it stays in the tray is a setting of the core's.
  const hidden = launches.peek().some((request) => request.argv.includes('--hidden'));
  if (!hidden) open();

  const dataDir = app.getPath('userData');
  // The core's modules (the API client, the stores, the contract's schemas, Compose, the
  // printer) load only now, after the window: Chromium starts the renderer meanwhile.
  const { createCore } = await import('../core/app').catch((error: unknown) => {
    ahead.failed(error);
    throw error;
  });
  const core = await createCore({
    dataDir,
    log,
    credentials: new KeytarCredentialStore(),
    localService: embeddedService(dataDir, { runner: utilityProcessRunner(here) }),
    printing: {
      startPrinter: true,
      officeWorkerScript: officeWorkerScript({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(),
      }),
    },
    host: {
      kind: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      locale: app.getLocale(),
      openExternal: (url) => shell.openExternal(url.href),
      dialogs: electronDialogs(() => window),
      notifications: {
        show: (notice, onClick) => notifications.show(notice, onClick),
        setBadge(unread) {
          notifications.setBadge(unread);
          desktop?.tray?.setUnread(unread);
        },
      },
    },
  }).catch((error: unknown) => {
    ahead.failed(error);
    throw error;
  });
  ahead.ready(core);
  disposeBeforeQuit(app, () => core.dispose(), log);

  const show = () => {
    if (!window) open();
    if (window?.isMinimized()) window.restore();
    window?.show();
    window?.focus();
  };
  desktop = attachDesktop(core, { show }, trayIcon, log.child('desktop'));

  // Then any launch that arrived while starting, then each later launch as it comes.
  if (hidden && !desktop.keepInTray()) open();
  launches.deliverTo((request) => desktop?.handle(request));

  app.on('activate', show);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !desktop?.keepInTray()) app.quit();
  });

  if (app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml'))) {
    const { autoUpdater } = await import('electron-updater');
    const { startUpdates } = await import('./updater');
    const language = async () =>
      notificationLanguage((await core.settings.get()).language, app.getLocale());
    startUpdates({
      updater: autoUpdater,
      feedConfigured: true,
      askToRestart: async (version) => askToRestart(version, await language()),
      log: log.child('updates'),
    });
  }
}

registerAppScheme();
const log = createLogger((line) => process.stderr.write(`${line}\n`), 'electron');
// `kamifax send --to …`, `kamifax status`, `kamifax convert`: done headless, before the
// single-instance lock and any window, then the process exits with the command's code.
const command = commandLaunch(process.argv, !app.isPackaged);
if (command) {
  guardProcess(log);
  detach(
    log,
    'command launch',
    runCommandLaunch(command, { log, runner: utilityProcessRunner(here) }),
  );
} else {
  startDesktop(log);
}

function startDesktop(log: Logger): void {
  const launches = new LaunchQueue();
  launches.push({ argv: process.argv, cwd: process.cwd() });
  // macOS hands files opened with Kamifax as events rather than arguments.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    launches.push({ argv: [], cwd: dirname(path), files: [path] });
  });
  if (claimSingleInstance(app, (request) => launches.push(request))) {
    guardProcess(log);
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
}
