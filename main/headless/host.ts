import { mkdir } from 'node:fs/promises';
import { createCore, type Core } from '../core/app';
import { createLogger, type Logger } from '../core/log/logger';
import { headlessDialogs } from './headless-dialogs';
import { startHeadlessServer, type HeadlessServer } from './headless-server';

/** Options of the headless composition root. */
export interface HeadlessHostOptions {
  dataDir: string;
  webRoot: string;
  port?: number;
  version?: string;
  locale?: string;
  log?: Logger;
}

/** A running headless host. */
export interface HeadlessHost {
  url: string;
  core: Core;
  /** External links the page asked to open; the page itself opens them in a new tab. */
  openedLinks: readonly string[];
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
  const core = await createCore({
    dataDir: options.dataDir,
    log,
    host: {
      kind: 'headless',
      version: options.version ?? '0.0.0',
      platform: process.platform,
      locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
      async openExternal(url) {
        openedLinks.push(url.href);
      },
      dialogs: headlessDialogs(options.dataDir),
    },
  });
  let server: HeadlessServer;
  try {
    server = await startHeadlessServer({ core, webRoot: options.webRoot, log, port: options.port });
  } catch (error) {
    await core.dispose();
    throw error;
  }
  return {
    url: server.url,
    core,
    openedLinks,
    async close() {
      await server.close();
      await core.dispose();
    },
  };
}
