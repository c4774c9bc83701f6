import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startService } from '../../../service/server';
import type { LocalServiceLauncher } from './service-resolver';

/** The embedded service, with what tests and the demo need to drive it. */
export interface EmbeddedService extends LocalServiceLauncher {
  /** The random admin token of this launch (the demo's "simulate an incoming fax" uses it). */
  readonly adminToken: string;
  /** The base URL once started, else null. */
  url(): string | null;
}

/**
 * The reference service run in-process on loopback with demo data, so a new user sees a
 * working app at once. Its data lives in `<data>/local-service/`.
 */
export function embeddedService(
  dataDir: string,
  options: { lineSpeed?: number } = {},
): EmbeddedService {
  const adminToken = randomBytes(24).toString('base64url');
  let running: { url: string; close(): Promise<void> } | null = null;
  return {
    adminToken,
    url: () => running?.url ?? null,
    async start() {
      running ??= await startService({
        port: 0,
        host: '127.0.0.1',
        dataDir: join(dataDir, 'local-service'),
        demo: true,
        adminToken,
        lineSpeed: options.lineSpeed,
      });
      return running!.url;
    },
    async stop() {
      const current = running;
      running = null;
      await current?.close();
    },
  };
}
