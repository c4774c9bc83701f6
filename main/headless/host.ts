import { mkdir } from 'node:fs/promises';
import type { Core } from '../core/app';
import type { CredentialStore } from '../core/credentials/credential-store';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import { createLogger, type Logger } from '../core/log/logger';
import {
  embeddedService,
  type EmbeddedService,
  type ServiceRunner,
} from '../core/session/embedded-service';
import { headlessDialogs } from './headless-dialogs';
import { RecordedNotifications } from './headless-notifications';
import { startHeadlessServer, type HeadlessServer } from './headless-server';
import { childProcessRunner } from './service-child';

/** Options of the headless composition root. */
export interface HeadlessHostOptions {
  dataDir: string;
  webRoot: string;
  port?: number;
  version?: string;
  locale?: string;
  log?: Logger;
  /** The OS keychain by default. */
  credentials?: CredentialStore;
  /** The embedded demo service's line speed factor (tests make faxes take milliseconds). */
  lineSpeed?: number;
  pollMs?: number;
  /** Where the demo service runs: a child process by default, off this event loop. */
  serviceRunner?: ServiceRunner;
  /** The bridge's heartbeat interval (tests shorten it). */
  heartbeatMs?: number;
  /**
   * Called with the link as soon as the host listens, while its core still loads and the
   * sign-in restores (the command line prints it then, so the browser opens the page meanwhile).
   */
  onListening?: (url: string) => void;
}

/** A running headless host. */
export interface HeadlessHost {
  /** The link to open, with a one-time secret (printed at start). */
  url: string;
  /** The host's origin; without the session cookie it refuses every request. */
  origin: string;
  /** Another one-time link, to `path` (tests open several pages). */
  launchUrl(path?: string): string;
  core: Core;
  /** External links the page asked to open; the page itself opens them in a new tab. */
  openedLinks: readonly string[];
  /** Notices shown (the page shows them as toasts). */
  notifications: RecordedNotifications;
  /** Files "saved" and folders "shown" (no desktop here). */
  dialogs: ReturnType<typeof headlessDialogs>;
  /** The embedded local demo service. */
  localService: EmbeddedService;
  close(): Promise<void>;
}

/**
 * The headless composition root: the same core services as the Electron host, carried over
 * a loopback WebSocket to a page served to any browser.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  await mkdir(options.dataDir, { recursive: true });
  const log = options.log ?? createLogger((line) => process.stderr.write(`${line}\n`), 'headless');
  const openedLinks: string[] = [];
  const notifications = new RecordedNotifications();
  const dialogs = headlessDialogs(options.dataDir);
  const localService = embeddedService(options.dataDir, {
    lineSpeed: options.lineSpeed,
    runner: options.serviceRunner ?? childProcessRunner(),
  });
  // The core (its services, the API client, the stores, the contract's schemas) loads after
  // the server listens: the browser opens the page meanwhile, and the page waits for the core.
  const made = import('../core/app').then(({ createCore }) =>
    createCore({
      dataDir: options.dataDir,
      log,
      credentials: options.credentials ?? new KeytarCredentialStore(),
      localService,
      pollMs: options.pollMs,
      host: {
        kind: 'headless',
        version: options.version ?? '0.0.0',
        platform: process.platform,
        locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
        async openExternal(url) {
          openedLinks.push(url.href);
        },
        dialogs,
        notifications,
      },
    }),
  );
  let server: HeadlessServer;
  try {
    server = await startHeadlessServer({
      core: made,
      webRoot: options.webRoot,
      log,
      port: options.port,
      heartbeatMs: options.heartbeatMs,
    });
  } catch (error) {
    await made.then(
      (core) => core.dispose(),
      () => undefined,
    );
    throw error;
  }
  options.onListening?.(server.url);
  let core: Core;
  try {
    core = await made;
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: server.url,
    origin: server.origin,
    launchUrl: (path) => server.launchUrl(path),
    core,
    openedLinks,
    notifications,
    dialogs,
    localService,
    async close() {
      await server.close();
      await core.dispose();
    },
  };
}
