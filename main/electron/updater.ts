import type { AppUpdater, UpdateDownloadedEvent } from 'electron-updater';
import type { Logger } from '../core/log/logger';

/** How often a running app looks for an update. */
export const updateCheckMs = 6 * 3600_000;

/** What `startUpdates` needs; the composition root passes electron-updater and a dialog. */
export interface UpdateDeps {
  updater: Pick<
    AppUpdater,
    'on' | 'checkForUpdates' | 'quitAndInstall' | 'autoDownload' | 'autoInstallOnAppQuit'
  >;
  /**
   * True when the packaged app has a feed: electron-builder writes `app-update.yml` into its
   * resources only when `publish` names one (a `generic` URL). Off otherwise, and from a checkout.
   */
  feedConfigured: boolean;
  /** Asks the user whether to restart now; the update installs at the next quit otherwise. */
  askToRestart(version: string): Promise<boolean>;
  log: Logger;
}

/**
 * Auto-update from the configured feed: downloads in the background, then asks before
 * restarting (never restarts on its own). Returns a stop function, or null when updates are off.
 */
export function startUpdates(deps: UpdateDeps): (() => void) | null {
  if (!deps.feedConfigured) {
    deps.log.info('updates off: no update feed configured');
    return null;
  }
  const { updater, log } = deps;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  let asking = false;
  updater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
    if (asking) return;
    asking = true;
    deps
      .askToRestart(event.version)
      .then((restart) => {
        if (restart) updater.quitAndInstall();
      })
      .catch((error: unknown) => log.warn('update prompt failed', { error: String(error) }))
      .finally(() => (asking = false));
  });
  updater.on('error', (error: Error) => log.warn('update check failed', { error: error.message }));
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => {
      log.warn('update check failed', { error: String(error) });
    });
  };
  check();
  const timer = setInterval(check, updateCheckMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The restart question in the UI's language. */
export function restartQuestion(language: 'en' | 'ja', version: string) {
  return language === 'ja'
    ? {
        message: `Kamifax ${version} の準備ができました`,
        detail: '今すぐ再起動して更新しますか？「後で」を選ぶと、次に終了したときに更新します。',
        buttons: ['今すぐ再起動', '後で'],
      }
    : {
        message: `Kamifax ${version} is ready to install`,
        detail: 'Restart now to update? With Later, the update installs the next time you quit.',
        buttons: ['Restart now', 'Later'],
      };
}
