import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../preload/contract';
import { createLogger } from '../../../main/core/log/logger';
import { createEventBus } from '../../../main/core/rpc/event-bus';

// "Start Kamifax when I sign in" → the login item that launches the app with --hidden (the
// hidden launch starts the core, and with it the printer's endpoint, before any window: see
// test/integration/printer/cups-drafts.test.ts). Electron's app is recorded here.

const recorded = vi.hoisted(() => ({
  loginItems: [] as unknown[],
  linux: [] as { enabled: boolean; command: string[] }[],
  packaged: true,
}));

vi.mock('electron', () => ({
  app: {
    get isPackaged() {
      return recorded.packaged;
    },
    getLocale: () => 'en-GB',
    quit: () => undefined,
    setLoginItemSettings: (settings: unknown) => recorded.loginItems.push(settings),
  },
  dialog: {},
  nativeImage: { createFromPath: () => ({}) },
}));
vi.mock('../../../main/electron/tray', () => ({
  createTray: () => {
    throw new Error('no tray here');
  },
}));
vi.mock('../../../main/electron/login-item', () => ({
  setLinuxAutostart: async (enabled: boolean, _env: unknown, _home: string, command: string[]) => {
    recorded.linux.push({ enabled, command });
    return '/autostart/org.kamifax.desktop.desktop';
  },
}));

const { attachDesktop } = await import('../../../main/electron/desktop');

const platform = process.platform;

function desktopWith(initial: Partial<Settings>) {
  const events = createEventBus();
  let current = { startAtLogin: false, ...initial } as Settings;
  attachDesktop(
    {
      events,
      settings: { get: async () => current } as never,
      router: {} as never,
      send: {} as never,
    },
    { show: () => undefined },
    '/tray.png',
    createLogger(() => undefined, 'test'),
  );
  return (next: Partial<Settings>) => {
    current = { ...current, ...next };
    events.emit('settings:changed', current);
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

afterEach(() => {
  Object.defineProperty(process, 'platform', { value: platform });
  recorded.loginItems.length = 0;
  recorded.linux.length = 0;
  recorded.packaged = true;
});

describe('start at login follows Settings', () => {
  it('Windows and macOS: a login item that opens Kamifax hidden, removed when turned off', async () => {
    Object.defineProperty(process, 'platform', { value: 'win32' });
    const change = desktopWith({ startAtLogin: false });
    await settle();
    change({ startAtLogin: true });
    await settle();
    change({ startAtLogin: true, closeToTray: true }); // no login change
    await settle();
    change({ startAtLogin: false });
    await settle();
    expect(recorded.loginItems).toEqual([
      { openAtLogin: false, args: ['--hidden'] }, // the first read states it
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });

  it('Linux: the XDG autostart entry, for the AppImage when run from one', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    vi.stubEnv('APPIMAGE', '/home/me/Kamifax.AppImage');
    try {
      const change = desktopWith({ startAtLogin: true });
      await settle();
      change({ startAtLogin: false });
      await settle();
      expect(recorded.linux).toEqual([
        { enabled: true, command: ['/home/me/Kamifax.AppImage'] },
        { enabled: false, command: ['/home/me/Kamifax.AppImage'] },
      ]);
      expect(recorded.loginItems).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('leaves the login items alone when not packaged (npm start)', async () => {
    recorded.packaged = false;
    const change = desktopWith({ startAtLogin: false });
    change({ startAtLogin: true });
    await settle();
    expect(recorded.loginItems).toEqual([]);
    expect(recorded.linux).toEqual([]);
  });
});
