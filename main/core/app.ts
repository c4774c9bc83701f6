import type { Settings } from '../../preload/contract';
import { MemoryCredentialStore } from './credentials/memory-store';
import { AccountFeatures } from './account-features';
import { sendHandlers } from './compose/send-handlers';
import type { ConvertOffice } from './compose/documents';
import { SendFeatures } from './outbox/send-features';
import { AfterStartup } from './async/after-startup';
import { detach } from './async/detach';
import type { CredentialStore } from './credentials/credential-store';
import { fileHandlers, type FileDialogs } from './files/file-handlers';
import { OpenedFiles } from './files/opened-files';
import { inboxHandlers } from './inbox/inbox-handlers';
import type { Logger } from './log/logger';
import { Notifier, type NotificationHost } from './notifications/notifier';
import { createPrinting, type Printing, type PrintingOptions } from './printer/printing';
import { PrivacyFeature } from './privacy/privacy-feature';
import { privacyHandlers } from './privacy/privacy-handlers';
import { AppError } from './rpc/app-error';
import { createEventBus, type EventBus } from './rpc/event-bus';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { parseExternalUrl } from './security/external-url';
import { ServiceDirectory, type LocalServiceLauncher } from './session/service-resolver';
import { sessionHandlers } from './session/session-handlers';
import { SessionPrefs } from './session/session-prefs';
import { SessionService } from './session/session-service';
import { SettingsStore } from './settings/settings-store';

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
  /** Native notifications and the unread badge. */
  notifications: NotificationHost;
}

/** Everything a host needs to wire transports to: the router and the event bus. */
export interface Core {
  router: Router;
  events: EventBus;
  settings: SettingsStore;
  session: SessionService;
  features: AccountFeatures;
  /** The signed-in account's drafts, outbox and address book. */
  send: SendFeatures;
  /** The signed-in account's privacy settings, policy and data requests. */
  privacy: PrivacyFeature;
  /** Office conversion and the Kamifax printer (issue 12). */
  printing: Printing;
  /** Resolves when the start-up sign-in (from the keychain) has finished. */
  restored: Promise<void>;
  /** Start work that waits until the first inbox window is answered (see AfterStartup). */
  afterStartup: AfterStartup;
  dispose(): Promise<void>;
}

/** Options of the composition root. */
export interface CoreOptions {
  dataDir: string;
  host: HostAdapter;
  log: Logger;
  /** The OS keychain (keytar) in both hosts; tests may pass the in-memory store. */
  credentials: CredentialStore;
  /** The embedded reference service, started on first use of the local demo account. */
  localService: LocalServiceLauncher;
  /** The inbox's safety-net poll interval (tests shorten it). */
  pollMs?: number;
  /** Office files to PDF (core/convert, issue 12); until given, Compose refuses them clearly. */
  convertOffice?: ConvertOffice;
  /** The Kamifax printer: whether it starts with the app, its port, its registration. */
  printing?: PrintingOptions;
  /** The latest that start work waits for the first inbox query (ms; tests shorten it). */
  startupLatestMs?: number;
}

/** The composition root both hosts share: builds every service and the channel handlers. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir, host, log } = options;
  // On a restart the user waits for the first inbox row: restoring the sign-in and opening
  // the stores come first, the account's background work once that query is answered.
  const afterStartup = new AfterStartup(log.child('startup'), options.startupLatestMs);
  const events = createEventBus();
  const settings = new SettingsStore(dataDir, log.child('settings'));
  const services = new ServiceDirectory(options.localService);
  const notifier = new Notifier(
    host.notifications,
    settings,
    host.locale,
    events,
    log.child('notifier'),
  );
  const features: AccountFeatures = new AccountFeatures({
    session: () => session,
    events,
    notifier,
    log,
    pollMs: options.pollMs,
    startAfter: () => afterStartup.done,
  });
  const privacy = new PrivacyFeature({
    events,
    notifications: host.notifications,
    settings: () => settings.get(),
    osLocale: host.locale,
    log,
    revoked: () => session.revoked(),
    pollMs: options.pollMs,
    startAfter: () => afterStartup.done,
  });
  const printing = createPrinting({
    dataDir,
    locale: host.locale,
    platform: host.platform as NodeJS.Platform,
    log,
    events,
    sink: () => sendFeatures.current()?.drafts ?? null,
    // The desktop app serves the printer from start-up (also when started hidden at login);
    // the browser host only when asked.
    options: { startPrinter: host.kind === 'electron', ...options.printing },
  });
  const openedFiles = new OpenedFiles();
  const sendFeatures = new SendFeatures({
    settings,
    events,
    notifications: host.notifications,
    hostLocale: host.locale,
    log,
    dataKey: () => session.dataKey(),
    signedOut: () => detach(log, 'ending a revoked sign-in', session.revoked()),
    forwardDocument: async (faxId) => {
      const inbox = features.inbox();
      if (!inbox) throw new AppError('signed_out', 'Not signed in');
      return inbox.document(faxId);
    },
    openedDocument: (openedId) => openedFiles.read(openedId),
    convertOffice: options.convertOffice ?? printing.convertOffice,
    pollMs: options.pollMs,
    startAfter: () => afterStartup.done,
  });
  const session: SessionService = new SessionService({
    dataDir,
    credentials: options.credentials,
    prefs: new SessionPrefs(dataDir),
    services,
    events,
    log: log.child('session'),
    // Restoring: the inbox's store opens while the sign-in renews (out of reach until entered).
    onAccountAhead: (account) => features.prepare(account),
    onAccountChange: async (account) => {
      await features.switchTo(account);
      await sendFeatures.switchTo(account);
      detach(log, 'print jobs that waited for a sign-in', printing.printer.flush());
      await privacy.switchTo(account);
    },
  });

  const handlers: Handlers = {
    'app:info': async () => ({
      name: 'Kamifax',
      version: host.version,
      platform: host.platform,
      host: host.kind,
      locale: host.locale,
      signInInMemory:
        options.credentials instanceof MemoryCredentialStore ||
        ((await options.credentials.inMemory?.()) ?? false),
    }),
    'app:ping': ({ nonce }) => ({ nonce, receivedAt: Date.now() }),
    'app:openExternal': async ({ url }) => {
      const parsed = parseExternalUrl(url);
      if (!parsed) throw new AppError('refused_url', 'Only https links can be opened');
      await host.openExternal(parsed);
      return { opened: true };
    },
    ...fileHandlers(host.dialogs, openedFiles),
    ...sessionHandlers(session),
    ...firstQueryEndsStartup(
      inboxHandlers(() => features.inbox()),
      afterStartup,
    ),
    ...sendHandlers(() => sendFeatures.current(), host.dialogs),
    ...printing.handlers,
    ...privacyHandlers({
      current: () => privacy.current(),
      session,
      dialogs: host.dialogs,
      events,
      dataDir,
    }),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) => {
      const next: Settings = await settings.update(patch);
      events.emit('settings:changed', next);
      return next;
    },
  };

  const restored = session.restore().then(
    (state) => {
      // Signed out: no inbox query will come soon; the start work need not wait for one.
      if (state.status !== 'signedIn') afterStartup.release('not signed in');
    },
    (error: unknown) => {
      log.error('could not restore the session', { error: String(error) });
      afterStartup.release('restore failed');
    },
  );
  // The printer's endpoint is up with the core (a job printed while the app was closed
  // arrives before any window exists); listening on a port takes a millisecond.
  await printing.start();

  return {
    // Any channel that meets a revoked sign-in (account, inbox, later outbox and privacy)
    // ends the session, so the user lands on sign-in with the reason, nothing else lost.
    router: createRouter(handlers, log.child('rpc'), (error) => {
      if (error.code === 'signed_out') detach(log, 'ending a revoked sign-in', session.revoked());
    }),
    events,
    settings,
    session,
    features,
    send: sendFeatures,
    privacy,
    printing,
    restored,
    afterStartup,
    async dispose() {
      await restored;
      afterStartup.close();
      await features.switchTo(null);
      await sendFeatures.switchTo(null);
      await privacy.switchTo(null);
      await printing.dispose();
      await services.stop();
    },
  };
}

/** The first inbox window answered ends start-up (the answer is written before the rest begins). */
function firstQueryEndsStartup(
  handlers: ReturnType<typeof inboxHandlers>,
  afterStartup: AfterStartup,
): ReturnType<typeof inboxHandlers> {
  const query = handlers['inbox:query'];
  return {
    ...handlers,
    'inbox:query': async (request) => {
      try {
        return await query(request);
      } finally {
        afterStartup.release('first inbox query answered');
      }
    },
  };
}
