import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { publishedService, publishService, unpublishService } from './service-sharing';
import type { LocalServiceLauncher } from './service-resolver';

/** The embedded service, with what tests and the demo need to drive it. */
export interface EmbeddedService extends LocalServiceLauncher {
  /** The random admin token of this launch (the demo's "simulate an incoming fax" uses it). */
  readonly adminToken: string;
  /** The base URL once started, else null. */
  url(): string | null;
}

/** What the service process is started with (it crosses a process boundary: plain data). */
export interface EmbeddedServiceConfig {
  dataDir: string;
  adminToken: string;
  lineSpeed?: number;
  /** The service's log file (rotated by the service), in the app's log folder. */
  logFile?: string;
}

/** A started service, wherever it runs. */
export interface RunningEmbeddedService {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the service somewhere: another process in the hosts (Electron's utilityProcess, a
 * Node child process), or in this one for tests that want it close at hand.
 */
export type ServiceRunner = (config: EmbeddedServiceConfig) => Promise<RunningEmbeddedService>;

/**
 * Runs the service in this process. The import is dynamic: Fastify and the service's routes
 * cost 200–300 ms of imports, paid only when the demo is first used, never at start-up.
 */
export const inProcessRunner: ServiceRunner = async (config) => {
  const { startService } = await import('../../../service/server');
  const { sqliteBindingHere } = await import('../native/sqlite-binding');
  return startService({
    port: 0,
    host: '127.0.0.1',
    dataDir: config.dataDir,
    demo: true,
    adminToken: config.adminToken,
    lineSpeed: config.lineSpeed,
    sqliteBinding: sqliteBindingHere(),
    openapi: false,
    logger: config.logFile ? { file: config.logFile, stdout: false } : false,
  });
};

/**
 * The reference service on loopback with demo data, so a new user sees a working app at
 * once. It starts on first use; its data lives in `<data>/local-service/`, its log (one line
 * per request, errors with their stack, rotated) in `<data>/local-service/logs/service.log`.
 */
export function embeddedService(
  dataDir: string,
  options: {
    lineSpeed?: number;
    runner?: ServiceRunner;
    /**
     * `publish` (the app's hosts): say where the started service listens, in
     * `local-service/running.json`, for `kamifax send`. `adopt` (the command line): use the
     * service a running app published, starting one only when there is none.
     */
    sharing?: 'publish' | 'adopt';
  } = {},
): EmbeddedService {
  const adminToken = randomBytes(24).toString('base64url');
  const runner = options.runner ?? inProcessRunner;
  const folder = join(dataDir, 'local-service');
  const sharing = options.sharing ?? 'publish';
  let running: RunningEmbeddedService | null = null;
  return {
    adminToken,
    url: () => running?.url ?? null,
    async start() {
      if (!running && sharing === 'adopt') {
        const url = await publishedService(folder);
        if (url) running = { url, close: async () => {} };
      }
      if (!running) {
        running = await runner({
          dataDir: folder,
          adminToken,
          lineSpeed: options.lineSpeed,
          logFile: join(folder, 'logs', 'service.log'),
        });
        if (sharing === 'publish') await publishService(folder, running.url);
      }
      return running.url;
    },
    async stop() {
      const current = running;
      running = null;
      if (current && sharing === 'publish') await unpublishService(folder);
      await current?.close();
    },
  };
}
