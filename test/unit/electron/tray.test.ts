import { describe, expect, it, vi } from 'vitest';

// Electron's Tray and Menu are replaced by recorders: the menu and tooltip we build are under test.
const recorded = vi.hoisted(() => ({
  tooltip: '',
  title: '',
  menus: [] as { label?: string; type?: string; click?: () => void }[][],
  clicks: [] as (() => void)[],
  destroyed: false,
}));
vi.mock('electron', () => ({
  Tray: class {
    setToolTip(text: string) {
      recorded.tooltip = text;
    }
    setTitle(text: string) {
      recorded.title = text;
    }
    setContextMenu(menu: { template: never[] }) {
      recorded.menus.push(menu.template);
    }
    on(_event: string, handler: () => void) {
      recorded.clicks.push(handler);
    }
    destroy() {
      recorded.destroyed = true;
    }
  },
  Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
}));

const { createTray } = await import('../../../main/electron/tray');

describe('the tray', () => {
  it('offers New fax, Open Kamifax and Quit, and shows the unread count', () => {
    const done: string[] = [];
    let language: 'en' | 'ja' = 'en';
    const tray = createTray(
      {} as never,
      {
        newFax: () => done.push('new'),
        open: () => done.push('open'),
        quit: () => done.push('quit'),
      },
      () => language,
    );
    const labels = () => recorded.menus.at(-1)!.map((item) => item.label ?? item.type);
    expect(labels()).toEqual(['New fax', 'Open Kamifax', 'separator', 'Quit Kamifax']);
    expect(recorded.tooltip).toBe('Kamifax');

    tray.setUnread(3);
    expect(recorded.tooltip).toBe('Kamifax — 3 unread faxes');
    expect(labels()).toEqual([
      '3 unread faxes',
      'separator',
      'New fax',
      'Open Kamifax',
      'separator',
      'Quit Kamifax',
    ]);
    for (const item of recorded.menus.at(-1)!) item.click?.();
    recorded.clicks[0]!();
    expect(done).toEqual(['open', 'new', 'open', 'quit', 'open']);

    language = 'ja';
    tray.refresh();
    expect(labels()).toEqual([
      '未読 FAX 3 件',
      'separator',
      '新規 FAX',
      'Kamifax を開く',
      'separator',
      'Kamifax を終了',
    ]);
    tray.setUnread(0);
    expect(recorded.tooltip).toBe('Kamifax');
    tray.destroy();
    expect(recorded.destroyed).toBe(true);
  });
});
