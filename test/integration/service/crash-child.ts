/**
 * The service as a child process for the crash tests, configured through
 * KAMIFAX_CRASH_CHILD (JSON): its data folder, and at which delivery steps it SIGKILLs itself
 * with what chance (only for faxes whose subject starts with `killSubjects`, so the demo's own
 * seeding is left alone). Prints `ready <url>` when listening.
 */
import type { DeliveryStep } from '../../../service/delivery/delivery';
import { startService } from '../../../service/server';

const config = JSON.parse(process.env.KAMIFAX_CRASH_CHILD ?? '{}') as {
  dataDir: string;
  adminToken: string;
  kills?: Partial<Record<DeliveryStep, number>>;
  killSubjects?: string;
};
const service = await startService({
  port: 0,
  dataDir: config.dataDir,
  demo: true,
  adminToken: config.adminToken,
  lineSpeed: 100_000,
  // One inspection worker: restarts are quicker, and these tests send small PDFs.
  inspection: { workers: 1 },
  deliveryProbe: (step, fax) => {
    if (!config.killSubjects || !fax.subject?.startsWith(config.killSubjects)) return;
    const chance = config.kills?.[step] ?? 0;
    if (chance > 0 && Math.random() < chance) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`ready ${service.url}\n`);
