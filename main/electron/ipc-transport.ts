import { ipcMain, type WebContents } from 'electron';
import { channelNames } from '../../preload/channel-names';
import { eventWireName } from '../../preload/contract';
import type { Core } from '../core/app';
import type { Logger } from '../core/log/logger';
import { isTrustedSender } from '../core/security/sender';

/**
 * Carries the contract over Electron IPC. Every call is checked twice before a handler sees
 * it: the sender must be the main frame of our own page, and the payload must pass the
 * channel's schema (in the router). Returns a function that removes every handler. The core
 * may still be starting (core-ahead.ts): its router then waits for it.
 */
export function attachIpcTransport(
  core: Pick<Core, 'router'>,
  trustedOrigins: readonly string[],
  log: Logger,
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const frame = event.senderFrame;
      const sender = {
        url: frame?.url ?? '',
        isMainFrame: frame !== null && frame.parent === null,
      };
      if (!isTrustedSender(sender, trustedOrigins)) {
        log.warn('rejected IPC from untrusted sender', { channel, url: sender.url.slice(0, 200) });
        return { ok: false, error: { code: 'forbidden_sender', message: 'Untrusted sender' } };
      }
      return core.router.dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

/** Forwards core events to one window's page. Returns the unsubscribe function. */
export function forwardEvents(core: Pick<Core, 'events'>, contents: WebContents): () => void {
  return core.events.listen((event, payload) => {
    if (!contents.isDestroyed()) contents.send(eventWireName(event), payload);
  });
}
