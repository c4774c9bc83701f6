import { describe, expect, it, vi } from 'vitest';

// Electron's binary is not available here: its modules are recorders, and the core is one
// whose creation the test finishes when it chooses. What is under test is main's start order:
// the window is created and loads the page before the core is built, and the page's request
// and IPC calls made meanwhile are answered by the core once it is there.
const recorded = vi.hoisted(() => {
  let finishCore: (core: unknown) => void = () => undefined;
  return {
    steps: [] as string[],
    protocolHandler: null as ((request: Request) => Promise<Response>) | null,
    ipc: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    coreCreated: new Promise<unknown>((resolve) => (finishCore = resolve)),
    finishCore: (core: unknown) => finishCore(core),
  };
});

vi.mock('electron', () => {
  const on = () => undefined;
  return {
    app: {
      isPackaged: false,
      whenReady: async () => undefined,
      on,
      quit: () => undefined,
      exit: () => undefined,
      requestSingleInstanceLock: () => true,
      getPath: () => '/tmp/kamifax-start-order',
      getLocale: () => 'en-US',
      getVersion: () => '0.0.0',
      getAppPath: () => '/app',
    },
    dialog: {
      showErrorBox: (_title: string, text: string) => recorded.steps.push(`error ${text}`),
    },
    session: { defaultSession: {} },
    shell: { openExternal: async () => undefined },
    protocol: {
      registerSchemesAsPrivileged: () => undefined,
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
        recorded.protocolHandler = handler;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        recorded.ipc.set(channel, handler),
      removeHandler: () => undefined,
    },
    BrowserWindow: class {
      webContents = {
        on: () => undefined,
        setWindowOpenHandler: () => undefined,
        isDestroyed: () => false,
        send: (event: string) => recorded.steps.push(`event ${event}`),
      };
      constructor() {
        recorded.steps.push('window created');
      }
      once() {}
      on() {}
      loadURL(url: string) {
        recorded.steps.push(`page loading ${url}`);
        return Promise.resolve();
      }
    },
    nativeImage: { createFromPath: () => ({}) },
    Notification: class {},
    utilityProcess: { fork: () => undefined },
  };
});
vi.mock('../../../main/electron/icons/tray.png?asset', () => ({ default: 'tray.png' }));
vi.mock('../../../main/electron/permissions', () => ({ applyPermissionPolicy: () => undefined }));
vi.mock('../../../main/electron/command-launch', () => ({
  commandLaunch: () => null,
  runCommandLaunch: async () => 0,
}));
vi.mock('../../../main/core/async/process-guard', () => ({ guardProcess: () => undefined }));
vi.mock('../../../main/electron/desktop', () => ({
  attachDesktop: () => ({ keepInTray: () => false, handle: () => undefined, tray: null }),
  askToRestart: async () => false,
}));
vi.mock('../../../main/core/fs/static-files', () => ({
  readStaticFile: async () => ({
    body: Buffer.from(
      '<!doctype html><html><head></head><body><div id="root"></div></body></html>',
    ),
    contentType: 'text/html; charset=utf-8',
  }),
}));
vi.mock('../../../main/core/app', () => {
  // Evaluated when main first imports the core's module: after the window, not at main's start.
  recorded.steps.push('core modules loaded');
  return {
    createCore: async () => {
      recorded.steps.push('core asked for');
      return recorded.coreCreated;
    },
  };
});

/** A signed-in core whose router answers every call with the channel's name. */
function fakeCore() {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  return {
    router: {
      dispatch: async (channel: string) => {
        if (channel === 'session:get') return { ok: true, value: { status: 'signedIn' } };
        return { ok: true, value: { answeredBy: 'core', channel, rows: [] } };
      },
    },
    events: {
      emit: (event: string, payload: unknown) => listeners.forEach((l) => l(event, payload)),
      listen: (listener: (event: string, payload: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    dispose: async () => undefined,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("the desktop app's start order", () => {
  // Loading main's modules (and the first screen's painter) takes seconds on a loaded machine.
  it(
    "creates the window and loads the page before the core's modules are loaded; both wait for the core",
    { timeout: 60_000 },
    async () => {
      await import('../../../main/electron/index');
      await settle();
      expect(recorded.steps.slice(0, 4)).toEqual([
        'window created',
        'page loading app://kamifax/index.html',
        'core modules loaded',
        'core asked for',
      ]);
      // The page is asked for, and the page calls main, while the core is being built.
      const page = recorded.protocolHandler!(new Request('app://kamifax/index.html'));
      const trusted = { senderFrame: { url: 'app://kamifax/index.html', parent: null } };
      const call = recorded.ipc.get('settings:get')!(trusted, {});
      let answered = false;
      call.then(
        () => (answered = true),
        () => undefined,
      );
      await settle();
      expect(answered).toBe(false);

      const core = fakeCore();
      recorded.finishCore(core);
      await expect(call).resolves.toMatchObject({
        ok: true,
        value: { answeredBy: 'core', channel: 'settings:get' },
      });
      const html = await (await page).text();
      // The page waited for its first answers (the inbox's first window among them).
      expect(html).toContain('id="kamifax-first-answers"');
      expect(html).toContain('"channel":"inbox:query"');
      // Events the core emits reach the window opened before it.
      core.events.emit('inbox:changed', {});
      expect(recorded.steps).toContain('event event:inbox:changed');
      expect(recorded.steps.some((step) => step.startsWith('error'))).toBe(false);
    },
  );
});
