import { app, dialog, nativeImage } from 'electron';
import { homedir } from 'node:os';
import type { Core } from '../core/app';
import { detach } from '../core/async/detach';
import type { Logger } from '../core/log/logger';
import { notificationLanguage } from '../core/notifications/notification-policy';
import type { Settings } from '../../preload/contract';
import { closesToTray } from './close-to-tray';
import { composeFromLaunch } from './compose-launch';
import { parseLaunch, type LaunchAction } from './launch-args';
import type { LaunchRequest } from './lifecycle';
import { setLinuxAutostart } from './login-item';
import { createTray, type KamifaxTray } from './tray';

/** What the desktop integration drives in the composition root. */
export interface DesktopWindow {
  /** Shows (creating if need be) and focuses the window. */
  show(): void;
}

/** The running desktop integration. */
export interface Desktop {
  tray: KamifaxTray | null;
  /** Whether closing the window should keep the app in the tray right now. */
  keepInTray(): boolean;
  /** Handles one launch (the first, a second instance, a file opened on macOS). */
  handle(request: LaunchRequest): void;
}

/**
 * The desktop around the window: the tray (unread count, New fax, Open, Quit), close-to-tray
 * and start-at-login following Settings, and launches that bring files into Compose.
 */
export function attachDesktop(
  core: Pick<Core, 'router' | 'events' | 'settings' | 'send'>,
  window: DesktopWindow,
  trayIconPath: string,
  log: Logger,
): Desktop {
  let settings: Settings | null = null;
  const language = () => notificationLanguage(settings?.language ?? 'system', app.getLocale());
  const compose = (action: Extract<LaunchAction, { kind: 'compose' }> | null) => {
    window.show();
    detach(
      log,
      'opening a draft',
      composeFromLaunch(
        core,
        {
          files: action?.files ?? [],
          subject: action?.subject ?? null,
          ...(action ? { origin: action.origin } : {}),
        },
        log,
      ),
    );
  };
  let tray: KamifaxTray | null = null;
  try {
    tray = createTray(
      nativeImage.createFromPath(trayIconPath),
      { newFax: () => compose(null), open: () => window.show(), quit: () => app.quit() },
      language,
    );
  } catch (error) {
    log.warn('no tray on this desktop', { error: String(error) });
  }

  const apply = async (next: Settings) => {
    const loginChanged = settings?.startAtLogin !== next.startAtLogin;
    settings = next;
    tray?.refresh();
    if (!loginChanged || !app.isPackaged) return;
    const enabled = next.startAtLogin === true;
    if (process.platform === 'linux') {
      const command = [process.env.APPIMAGE ?? process.execPath];
      await setLinuxAutostart(enabled, process.env, homedir(), command);
    } else {
      app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
    }
  };
  core.events.listen((event, payload) => {
    if (event === 'settings:changed') detach(log, 'applying settings', apply(payload as Settings));
  });
  detach(log, 'reading settings', core.settings.get().then(apply));

  return {
    tray,
    keepInTray: () =>
      tray !== null && closesToTray(settings?.closeToTray ?? 'auto', process.platform),
    handle(request) {
      const action: LaunchAction = request.files
        ? { kind: 'compose', origin: 'openWith', files: request.files, subject: null }
        : parseLaunch(request.argv, request.cwd, !app.isPackaged);
      if (action.kind === 'compose') compose(action);
      else if (!action.hidden) window.show();
    },
  };
}

/** The restart question, asked with a native box. */
export async function askToRestart(version: string, language: 'en' | 'ja'): Promise<boolean> {
  const { restartQuestion } = await import('./updater');
  const text = restartQuestion(language, version);
  const answer = await dialog.showMessageBox({
    type: 'info',
    message: text.message,
    detail: text.detail,
    buttons: text.buttons,
    defaultId: 0,
    cancelId: 1,
  });
  return answer.response === 0;
}
