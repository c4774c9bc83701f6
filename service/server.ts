import type { AddressInfo } from 'node:net';
import { buildApp, type AppDeps } from './app';
import { DemoCarrier } from './delivery/carrier';
import { seedDemo } from './demo/seed';
import { eraseAccount } from './routes/account';
import { openSqliteStorage } from './storage/sqlite-storage';

/** How to start the service. */
export interface ServiceOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 unless said otherwise. */
  host?: string;
  dataDir: string;
  /** Creates the demo accounts (idempotent). */
  demo?: boolean;
  /** Enables the admin endpoints with this token. */
  adminToken?: string;
  /** Speeds up the simulated phone line (tests use 1000 or more). */
  lineSpeed?: number;
  /** How long deletion requests wait (default seven days). */
  deletionGraceMs?: number;
  /** Logging: false (silent, the default), true (info to stdout), or where and how much. */
  logger?: AppDeps['logger'];
  now?: () => number;
  /** Budgets of the PDF inspection workers. */
  inspection?: AppDeps['inspection'];
  /** Password throttle settings (tests lower the per-address limit). */
  throttle?: AppDeps['throttle'];
  /** Observes delivery steps (the crash tests kill the process at one). */
  deliveryProbe?: AppDeps['deliveryProbe'];
  /** better-sqlite3's native build to load (the desktop app's, for Electron's ABI). */
  sqliteBinding?: string;
  /** Serve the OpenAPI document (default on). */
  openapi?: boolean;
}

/** A running service. */
export interface RunningService {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the reference service: opens the storage, resumes undelivered faxes, seeds the demo
 * if asked, and listens. `close()` ends event streams and timers, keeping unfinished faxes
 * queued for the next start.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const storage = openSqliteStorage(options.dataDir, options.sqliteBinding);
  const { app, ctx, streams } = await buildApp({
    storage,
    carrier: new DemoCarrier(options.lineSpeed ?? 1),
    now: options.now,
    adminToken: options.adminToken ?? null,
    deletionGraceMs: options.deletionGraceMs,
    logger: options.logger,
    inspection: options.inspection,
    throttle: options.throttle,
    deliveryProbe: options.deliveryProbe,
    openapi: options.openapi,
  });
  ctx.inspector.warm();
  ctx.delivery.resume();
  if (options.demo) await seedDemo(storage, ctx.delivery, ctx.now);

  const sweep = async () => {
    for (const request of storage.policies.dueRequests(ctx.now())) {
      if (request.type === 'deletion') await eraseAccount(ctx, request.accountId);
      else storage.policies.updateRequest(request.id, { status: 'completed' });
    }
  };
  await sweep();
  // A failed sweep is logged and tried again on the next tick; it must not end the process.
  const sweeper = setInterval(
    () => {
      sweep().catch((error: unknown) => app.log.error({ err: error }, 'deletion sweep failed'));
    },
    Math.min(60_000, Math.max(50, options.deletionGraceMs ?? 60_000)),
  );
  sweeper.unref();

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      clearInterval(sweeper);
      for (const end of [...streams]) end();
      await ctx.delivery.stop();
      await app.close();
      storage.close();
    },
  };
}
