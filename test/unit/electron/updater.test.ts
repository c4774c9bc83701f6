import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/core/log/logger';
import { restartQuestion, startUpdates } from '../../../main/electron/updater';

// electron-updater's autoUpdater is replaced by a recorder; our policy is under test.
function recordedUpdater() {
  const calls: string[] = [];
  return Object.assign(new EventEmitter(), {
    calls,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    checkForUpdates: async () => {
      calls.push('check');
      return null;
    },
    quitAndInstall: () => void calls.push('quitAndInstall'),
  });
}
const log = createLogger(() => {});
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('auto-update', () => {
  it('is off without a configured feed', () => {
    const updater = recordedUpdater();
    expect(
      startUpdates({
        updater: updater as never,
        feedConfigured: false,
        askToRestart: async () => true,
        log,
      }),
    ).toBeNull();
    expect(updater.calls).toEqual([]);
  });

  it('downloads in the background and restarts only when the user says so', async () => {
    const updater = recordedUpdater();
    const asked: string[] = [];
    let answer = false;
    const stop = startUpdates({
      updater: updater as never,
      feedConfigured: true,
      askToRestart: async (version) => {
        asked.push(version);
        return answer;
      },
      log,
    });
    expect(updater.autoDownload).toBe(true);
    expect(updater.calls).toEqual(['check']);
    updater.emit('update-downloaded', { version: '0.2.0' });
    await tick();
    expect(asked).toEqual(['0.2.0']);
    expect(updater.calls).not.toContain('quitAndInstall');
    answer = true;
    updater.emit('update-downloaded', { version: '0.2.1' });
    await tick();
    expect(updater.calls).toContain('quitAndInstall');
    stop?.();
  });

  it('asks in both languages', () => {
    expect(restartQuestion('en', '0.2.0').buttons).toEqual(['Restart now', 'Later']);
    expect(restartQuestion('ja', '0.2.0').message).toBe('Kamifax 0.2.0 の準備ができました');
  });
});
