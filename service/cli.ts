/**
 * `npm run service -- --port <n|0> --data <dir> [--demo] [--admin-token <t>] [--line-speed <x>] [--host <h>]`
 * `[--log-level info|warn|error|silent|debug]`. Logs JSON lines (pino) on stdout, and prints
 * `Kamifax service listening on <url>` on a line of its own when ready.
 */
import { parseArgs } from 'node:util';
import { lowerHelperThreads } from './helper-threads';
import { startService } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    data: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'admin-token': { type: 'string' },
    'line-speed': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'log-level': { type: 'string', default: 'info' },
  },
});

if (!values.data) {
  process.stderr.write('--data <dir> is required\n');
  process.exit(2);
}
const service = await startService({
  port: Number(values.port),
  host: values.host,
  dataDir: values.data,
  demo: values.demo,
  adminToken: values['admin-token'],
  lineSpeed: values['line-speed'] ? Number(values['line-speed']) : undefined,
  // JSON lines on stdout: one per request at info, errors with their stack, secrets redacted.
  logger: { level: values['log-level'] as 'info', stdout: true },
});
// The event loop answers every user: V8's and libuv's helper threads yield the CPU to it
// (nice +5: still ahead of the inspection workers, at 10).
await lowerHelperThreads(5);
process.stdout.write(`Kamifax service listening on ${service.url}\n`);
const stop = () => {
  service.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`could not close cleanly: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
