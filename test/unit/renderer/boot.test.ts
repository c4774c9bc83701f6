import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../preload/contract';
import { nextBoot, type Boot, type BootPatch } from '../../../renderer/src/app/boot';
import type { AppInfo, Settings } from '../../../renderer/src/app/types';

const info: AppInfo = {
  name: 'Kamifax',
  version: '0',
  platform: 'linux',
  host: 'headless',
  locale: 'en-US',
};
const settings = { language: 'en', theme: 'system' } as Settings;
const restoring: SessionState = { status: 'restoring' };
const signedIn: SessionState = {
  status: 'signedIn',
  service: { kind: 'local' },
  email: 'alice@example.com',
};

const run = (patches: BootPatch[]): Boot =>
  patches.reduce<Boot>((boot, patch) => nextBoot(boot, patch), { state: 'loading' });

describe('app start', () => {
  it('is ready once the three answers are in, in any order', () => {
    expect(run([{ session: restoring }, { info }]).state).toBe('loading');
    expect(run([{ session: restoring }, { info }, { settings }])).toEqual({
      state: 'ready',
      info,
      settings,
      session: restoring,
    });
  });

  it('keeps a session event that lands while loading (no stuck splash)', () => {
    // session:get answered "restoring", then the restore finished before app:info answered.
    const boot = run([{ session: restoring }, { session: signedIn }, { settings }, { info }]);
    expect(boot.state === 'ready' && boot.session).toEqual(signedIn);
  });

  it('applies each change to the latest state, not to a stale copy', () => {
    const ready = run([{ info }, { settings }, { session: restoring }]);
    const dark = { ...settings, theme: 'dark' } as Settings;
    // Two updates computed one after the other: the second must not undo the first.
    const boot = nextBoot(nextBoot(ready, { session: signedIn }), { settings: dark });
    expect(boot).toEqual({ state: 'ready', info, settings: dark, session: signedIn });
  });

  it('stays failed once a load failed', () => {
    const failed = run([{ info }, { error: { code: 'host_unavailable', message: 'x' } }]);
    expect(nextBoot(failed, { settings }).state).toBe('failed');
  });
});
