import type { Settings } from '../../preload/contract';
import type { Logger } from './log/logger';
import { createEventBus, type EventBus } from './rpc/event-bus';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { AppError } from './rpc/app-error';
import { parseExternalUrl } from './security/external-url';
import { SettingsStore } from './settings/settings-store';
import { fileHandlers, type FileDialogs } from './files/file-handlers';

/** What a host (Electron or headless) provides to the core. */
export interface HostAdapter {
  kind: 'electron' | 'headless';
  version: string;
  platform: string;
  /** The OS locale, e.g. `ja-JP`. */
  locale: string;
  /** Opens an already-vetted https URL in the user's browser. */
  openExternal(url: URL): Promise<void>;
  /** Open and save dialogs. */
  dialogs: FileDialogs;
}

/** Everything a host needs to wire transports to: the router and the event bus. */
export interface Core {
  router: Router;
  events: EventBus;
  settings: SettingsStore;
  dispose(): Promise<void>;
}

/** Options of the composition root. */
export interface CoreOptions {
  dataDir: string;
  host: HostAdapter;
  log: Logger;
}

/** The composition root both hosts share: builds every service and the channel handlers. */
export async function createCore({ dataDir, host, log }: CoreOptions): Promise<Core> {
  const events = createEventBus();
  const settings = new SettingsStore(dataDir, log.child('settings'));

  const handlers: Handlers = {
    'app:info': () => ({
      name: 'Kamifax',
      version: host.version,
      platform: host.platform,
      host: host.kind,
      locale: host.locale,
    }),
    'app:ping': ({ nonce }) => ({ nonce, receivedAt: Date.now() }),
    'app:openExternal': async ({ url }) => {
      const parsed = parseExternalUrl(url);
      if (!parsed) throw new AppError('refused_url', 'Only https links can be opened');
      await host.openExternal(parsed);
      return { opened: true };
    },
    ...fileHandlers(host.dialogs),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) => {
      const next: Settings = await settings.update(patch);
      events.emit('settings:changed', next);
      return next;
    },
  };

  return {
    router: createRouter(handlers, log.child('rpc')),
    events,
    settings,
    async dispose() {},
  };
}
