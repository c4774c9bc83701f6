import { Menu, Tray, type NativeImage } from 'electron';

/** What the tray's menu does; the composition root wires each to the window and the core. */
export interface TrayActions {
  newFax(): void;
  open(): void;
  quit(): void;
}

const labels = {
  en: {
    unread: (n: number) => (n === 1 ? '1 unread fax' : `${n} unread faxes`),
    newFax: 'New fax',
    open: 'Open Kamifax',
    quit: 'Quit Kamifax',
  },
  ja: {
    unread: (n: number) => `未読 FAX ${n} 件`,
    newFax: '新規 FAX',
    open: 'Kamifax を開く',
    quit: 'Kamifax を終了',
  },
} as const;

/** The tray icon, kept by the composition root for the app's lifetime. */
export interface KamifaxTray {
  setUnread(count: number): void;
  /** Rebuilds the menu in the UI's current language. */
  refresh(): void;
  destroy(): void;
}

/**
 * The notification-area icon: the unread count in its tooltip and menu (and beside the icon
 * on macOS), New fax, Open Kamifax and Quit. It keeps Kamifax reachable while the window is
 * closed to the tray, so notifications and the printer go on working.
 */
export function createTray(
  icon: NativeImage,
  actions: TrayActions,
  language: () => 'en' | 'ja',
): KamifaxTray {
  const tray = new Tray(icon);
  let unread = 0;
  const refresh = () => {
    const text = labels[language()];
    tray.setToolTip(unread > 0 ? `Kamifax — ${text.unread(unread)}` : 'Kamifax');
    if (process.platform === 'darwin') tray.setTitle(unread > 0 ? String(unread) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        ...(unread > 0
          ? [{ label: text.unread(unread), click: actions.open }, { type: 'separator' as const }]
          : []),
        { label: text.newFax, click: actions.newFax },
        { label: text.open, click: actions.open },
        { type: 'separator' },
        { label: text.quit, click: actions.quit },
      ]),
    );
  };
  // Windows and most Linux trays: a click on the icon opens the window.
  tray.on('click', actions.open);
  refresh();
  return {
    setUnread(count) {
      if (count === unread) return;
      unread = count;
      refresh();
    },
    refresh,
    destroy: () => tray.destroy(),
  };
}
