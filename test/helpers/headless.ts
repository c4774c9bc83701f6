import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHeadlessHost, type HeadlessHost } from '../../main/headless/host';
import { createLogger } from '../../main/core/log/logger';
import type { CredentialStore } from '../../main/core/credentials/credential-store';

/** The built renderer the e2e global setup writes. */
export const webRoot =
  process.env.KAMIFAX_WEB_OUT ?? fileURLToPath(new URL('../../out/web', import.meta.url));

/**
 * A headless host on its own temporary data folder, with its log lines kept for assertions.
 * Reading `url` mints a fresh one-time link (the host refuses a link used before), so every
 * `openApp(browser, host.url)` opens the app the way a person does; `origin` is the bare
 * address, which refuses anyone without the session cookie.
 */
export interface TestHost extends HeadlessHost {
  dataDir: string;
  logLines: string[];
  stop(): Promise<void>;
}

/** Starts a headless host for one test file. */
export async function startTestHost(
  options: {
    locale?: string;
    credentials?: CredentialStore;
    pollMs?: number;
    heartbeatMs?: number;
    /** The demo line's speed factor: 1000 (faxes take milliseconds) unless a test needs a queue. */
    lineSpeed?: number;
    /** Reuse a data folder (a restart); the caller then removes it, `stop` leaves it. */
    dataDir?: string;
  } = {},
): Promise<TestHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kamifax-e2e-')));
  const logLines: string[] = [];
  const host = await startHeadlessHost({
    dataDir,
    webRoot,
    locale: options.locale ?? 'en-US',
    credentials: options.credentials,
    lineSpeed: options.lineSpeed ?? 1000,
    pollMs: options.pollMs,
    heartbeatMs: options.heartbeatMs,
    version: '0.0.0-test',
    log: createLogger((line) => logLines.push(line), 'test'),
  });
  const testHost: TestHost = Object.assign(host, {
    dataDir,
    logLines,
    async stop() {
      await host.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  });
  Object.defineProperty(testHost, 'url', { get: () => host.launchUrl(), enumerable: true });
  return testHost;
}

/**
 * Seeds `count` received faxes for a demo account through the embedded service's admin route
 * and syncs them into the host's inbox (the local service must be started).
 */
export async function seedDemoInbox(host: TestHost, email: string, count: number): Promise<void> {
  const seeded = await fetch(`${host.localService.url()!}/v1/admin/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-token': host.localService.adminToken },
    body: JSON.stringify({ email, count }),
  });
  if (seeded.status !== 200) throw new Error(`seeding ${email} answered ${seeded.status}`);
  await host.core.features.inbox()!.syncNow();
}
