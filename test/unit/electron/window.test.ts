import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is not available here, so its classes are replaced by recorders; what is
// under test is our hardening: the options we pass and the handlers we install.
const recorded = vi.hoisted(() => ({
  options: null as Record<string, unknown> | null,
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  openHandler: null as ((details: { url: string }) => { action: string }) | null,
  opened: [] as string[],
  permission: null as ((...args: unknown[]) => void) | null,
  check: null as (() => boolean) | null,
  loaded: [] as string[],
}));

vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = {
      on: (event: string, handler: (...args: unknown[]) => unknown) =>
        recorded.handlers.set(event, handler),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        recorded.openHandler = handler;
      },
    };
    constructor(options: Record<string, unknown>) {
      recorded.options = options;
    }
    once() {}
    loadURL(url: string) {
      recorded.loaded.push(url);
      return Promise.resolve();
    }
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => {
        recorded.permission = handler;
      },
      setPermissionCheckHandler: (handler: () => boolean) => {
        recorded.check = handler;
      },
    },
  },
  shell: { openExternal: async (url: string) => void recorded.opened.push(url) },
}));

const { createMainWindow } = await import('../../../main/electron/window');
const { createLogger } = await import('../../../main/core/log/logger');

describe('the Electron window', () => {
  const lines: string[] = [];
  beforeEach(() => {
    recorded.opened.length = 0;
    lines.length = 0;
    createMainWindow(
      { url: 'app://kamifax/index.html', preloadPath: '/app/out/preload/index.cjs' },
      createLogger((line) => lines.push(line)),
    );
  });

  it('is isolated, sandboxed, without Node, with web security, from our preload', () => {
    expect(recorded.options?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
    expect(recorded.loaded).toEqual(['app://kamifax/index.html']);
  });

  it('never navigates away', () => {
    let prevented = false;
    recorded.handlers.get('will-navigate')!(
      { preventDefault: () => (prevented = true) },
      'https://evil.example/',
    );
    expect(prevented).toBe(true);
    expect(lines.join()).toContain('blocked navigation');
  });

  it.each([
    ['https://example.com/help', true],
    ['http://example.com', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['https://evil.example/?next=app://kamifax', true],
  ])('opens no window for %s, and sends it to the browser only if https (%s)', (url, external) => {
    expect(recorded.openHandler!({ url })).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual(external ? [new URL(url).href] : []);
  });
});
