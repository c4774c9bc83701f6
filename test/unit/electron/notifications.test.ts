import { afterEach, describe, expect, it, vi } from 'vitest';

// Recorded stand-ins for Electron's modules; our wiring of them is what is under test.
const recorded = vi.hoisted(() => ({
  badge: [] as number[],
  shown: [] as { title: string; body: string; click: () => void; close: () => void }[],
  bitmaps: [] as { length: number; width: number }[],
}));
vi.mock('electron', () => ({
  app: { setBadgeCount: (n: number) => recorded.badge.push(n) },
  nativeImage: {
    createFromBitmap: (buffer: Buffer, size: { width: number }) => {
      recorded.bitmaps.push({ length: buffer.length, width: size.width });
      return { kind: 'dot' };
    },
  },
  Notification: class {
    static isSupported = () => true;
    readonly handlers = new Map<string, () => void>();
    constructor(private readonly options: { title: string; body: string }) {}
    on(event: string, handler: () => void) {
      this.handlers.set(event, handler);
    }
    show() {
      recorded.shown.push({
        ...this.options,
        click: () => this.handlers.get('click')!(),
        close: () => this.handlers.get('close')!(),
      });
    }
  },
}));

const { electronNotifications } = await import('../../../main/electron/notifications');

function fakeWindow() {
  const calls: string[] = [];
  const overlays: unknown[] = [];
  return {
    calls,
    overlays,
    isMinimized: () => true,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
    setOverlayIcon: (image: unknown) => overlays.push(image),
  };
}

describe('Electron notifications and badge', () => {
  const platform = process.platform;
  afterEach(() => Object.defineProperty(process, 'platform', { value: platform }));

  it('shows the notice and, on click, brings the window forward before opening the fax', () => {
    const window = fakeWindow();
    const opened: string[] = [];
    electronNotifications(() => window as never).show(
      { title: 'New fax', body: 'From +81 3 1234 5678 · 2 pages', faxId: 'f1' },
      () => opened.push('f1'),
    );
    expect(recorded.shown.at(-1)).toMatchObject({
      title: 'New fax',
      body: 'From +81 3 1234 5678 · 2 pages',
    });
    recorded.shown.at(-1)!.click();
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(opened).toEqual(['f1']);
  });

  it('keeps each notification alive until it is closed, so a late click still works (#16922)', () => {
    const host = electronNotifications(() => fakeWindow() as never);
    const opened: string[] = [];
    host.show({ title: 'New fax', body: 'a', faxId: 'a' }, () => opened.push('a'));
    host.show({ title: 'New fax', body: 'b', faxId: 'b' }, () => opened.push('b'));
    expect(host.live.size).toBe(2);
    recorded.shown.at(-2)!.click();
    expect(opened).toEqual(['a']);
    expect(host.live.size).toBe(2); // clicked, yet still in the notification centre
    recorded.shown.at(-2)!.close();
    expect(host.live.size).toBe(1);
    for (let n = 0; n < 30; n += 1) {
      host.show({ title: 'New fax', body: `${n}`, faxId: `${n}` }, () => {});
    }
    expect(host.live.size).toBe(20); // capped, should a close never come
  });

  it('sets the badge count, and on Windows a taskbar overlay dot that clears at zero', () => {
    Object.defineProperty(process, 'platform', { value: 'win32' });
    const window = fakeWindow();
    const host = electronNotifications(() => window as never);
    host.setBadge(3);
    host.setBadge(0);
    expect(recorded.badge.slice(-2)).toEqual([3, 0]);
    expect(window.overlays).toEqual([{ kind: 'dot' }, null]);
    expect(recorded.bitmaps).toEqual([{ length: 16 * 16 * 4, width: 16 }]);
  });
});
