import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app';
import type { InboxService } from '../../../main/core/inbox/inbox-service';
import type { CredentialStore } from '../../../main/core/credentials/credential-store';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import type { FileDialogs } from '../../../main/core/files/file-handlers';
import { createLogger } from '../../../main/core/log/logger';
import type { LocalServiceLauncher } from '../../../main/core/session/service-resolver';
import { headlessDialogs } from '../../../main/headless/headless-dialogs';
import { RecordedNotifications } from '../../../main/headless/headless-notifications';
import { startService, type RunningService } from '../../../service/server';

/** The admin token of test services. */
export const adminToken = 'test-admin-token';

/** A real service on its own data folder; restartable on the same port. */
export interface TestService {
  url: string;
  dataDir: string;
  service: RunningService | null;
  stop(): Promise<void>;
  restart(): Promise<void>;
  admin(path: string, body: unknown): Promise<Response>;
}

/** Starts the reference service with demo data and a fast simulated line (`lineSpeed` 1: real speed). */
export async function startTestService(
  options: { now?: () => number; deletionGraceMs?: number; lineSpeed?: number } = {},
): Promise<TestService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-svc-'));
  const start = (port: number) =>
    startService({
      port,
      dataDir,
      demo: true,
      adminToken,
      lineSpeed: options.lineSpeed ?? 1000,
      now: options.now,
      deletionGraceMs: options.deletionGraceMs,
    });
  let service: RunningService | null = await start(0);
  const port = Number(new URL(service.url).port);
  const handle: TestService = {
    url: service.url,
    dataDir,
    get service() {
      return service;
    },
    async stop() {
      await service?.close();
      service = null;
    },
    async restart() {
      await service?.close();
      service = await start(port);
    },
    admin: (path, body) =>
      fetch(`${handle.url}/v1/admin/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-token': adminToken },
        body: JSON.stringify(body),
      }),
  };
  return handle;
}

/** A desktop core (the same composition root the hosts use) on its own data folder. */
export interface TestClient {
  core: Core;
  dataDir: string;
  logLines: string[];
  notifications: RecordedNotifications;
  credentials: CredentialStore;
  close(): Promise<void>;
}

/** Starts the core with an in-memory keychain (the keychain itself is tested elsewhere). */
export async function startTestClient(
  options: {
    credentials?: CredentialStore;
    pollMs?: number;
    dataDir?: string;
    /** The demo service's launcher (default: none, the tests use a remote service). */
    localService?: LocalServiceLauncher;
    /** The host's file dialogs (default: the headless host's). */
    dialogs?: FileDialogs;
  } = {},
): Promise<TestClient> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kamifax-client-')));
  const logLines: string[] = [];
  const notifications = new RecordedNotifications();
  const credentials = options.credentials ?? new MemoryCredentialStore();
  const core = await createCore({
    dataDir,
    log: createLogger((line) => logLines.push(line), 'test', 'debug'),
    credentials,
    localService: options.localService ?? {
      start: () => Promise.reject(new Error('the tests use a remote service')),
      stop: async () => {},
    },
    pollMs: options.pollMs ?? 60_000,
    host: {
      kind: 'headless',
      version: '0.0.0-test',
      platform: process.platform,
      locale: 'en-US',
      openExternal: async () => {},
      dialogs: options.dialogs ?? headlessDialogs(dataDir),
      notifications,
    },
  });
  await core.restored;
  return {
    core,
    dataDir,
    logLines,
    notifications,
    credentials,
    async close() {
      await core.dispose();
    },
  };
}

/** A client signed in to the service as someone (the demo's alice by default), inbox synced once. */
export async function signedInInbox(
  service: { url: string },
  options: { pollMs?: number; who?: { email: string; password: string } } = {},
): Promise<{ client: TestClient; inbox: InboxService }> {
  const who = options.who ?? { email: 'alice@example.com', password: 'kamifax-demo' };
  const client = await startTestClient({ pollMs: options.pollMs ?? 3_600_000 });
  await client.core.session.signIn({ kind: 'remote', url: service.url }, who.email, who.password);
  const inbox = client.core.features.inbox()!;
  await inbox.syncNow();
  return { client, inbox };
}

/** Waits until `check` is true, polling, or fails after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Removes a folder. */
export async function removeFolder(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/**
 * A data folder as a restart finds it: alice signed in and synced once, then the client
 * closed. The credentials keep her sign-in for the next client on that folder.
 */
export async function signedInDataDir(
  serviceUrl: string,
  credentials: CredentialStore,
): Promise<string> {
  const first = await startTestClient({ credentials, pollMs: 3_600_000 });
  await first.core.session.signIn(
    { kind: 'remote', url: serviceUrl },
    'alice@example.com',
    'kamifax-demo',
  );
  await first.core.features.inbox()!.syncNow();
  await first.close();
  return first.dataDir;
}
