import { app, nativeImage, Notification, type BrowserWindow, type NativeImage } from 'electron';
import type { NotificationHost } from '../core/notifications/notifier';

/** A 16×16 red dot (BGRA), drawn in code so no icon file is needed for the taskbar overlay. */
function unreadDot(): NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const inside = (x - 7.5) ** 2 + (y - 7.5) ** 2 <= 7.5 ** 2;
      pixels.set(inside ? [0x26, 0x1e, 0xb3, 0xff] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/** Notifications kept alive at most; a summary notice covers bursts, so few are ever open. */
const maxLive = 20;

/**
 * Native notifications; a click brings the window forward before the fax opens. The unread
 * count goes on the dock or launcher badge (macOS, Unity) and, on Windows, which has no badge
 * count, as a dot overlaid on the taskbar button.
 */
export function electronNotifications(
  getWindow: () => BrowserWindow | null,
): NotificationHost & { readonly live: ReadonlySet<Notification> } {
  let dot: NativeImage | null = null;
  // Held until closed: a Notification that is only referenced by the OS is garbage-collected
  // and its click is lost (electron/electron#16922). Capped, in case `close` never comes.
  const live = new Set<Notification>();
  const keep = (notification: Notification) => {
    live.add(notification);
    if (live.size > maxLive) live.delete(live.values().next().value!);
    const release = () => live.delete(notification);
    notification.on('close', release);
    notification.on('failed', release);
  };
  return {
    live,
    show(notice, onClick) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title: notice.title,
        body: notice.body,
        silent: false,
      });
      keep(notification);
      notification.on('click', () => {
        const window = getWindow();
        if (window?.isMinimized()) window.restore();
        window?.show();
        window?.focus();
        onClick();
      });
      notification.show();
    },
    setBadge(unread) {
      app.setBadgeCount(unread);
      if (process.platform === 'win32') {
        dot ??= unreadDot();
        getWindow()?.setOverlayIcon(unread > 0 ? dot : null, unread > 0 ? `${unread} unread` : '');
      }
    },
  };
}
