/**
 * The process the start-up benchmark times: a headless host on an already-synced data folder
 * whose sign-in is handed over on stdin (an in-memory keychain, as no keychain answers on the
 * build machine). The bench runs it built to JavaScript, as `npm run start:web` runs the host
 * (main/headless/host-build.ts). It prints `listening <url>` once the page can be served,
 * `mark <name> <epoch ms>` as start-up passes its steps (its first modules loaded, listening,
 * the core made (its modules loaded, the restore begun), sign-in restored with the stores open, first inbox query asked and answered, the shell page sent
 * whole), with the process's CPU time so far, and at SIGTERM the
 * rotated secrets for the next run.
 */
import { readFileSync } from 'node:fs';
import { Server, ServerResponse, type IncomingMessage } from 'node:http';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { secretParam } from '../main/headless/access';
import { startHeadlessHost } from '../main/headless/host';

/**
 * The main thread's time so far waiting in the run queue for a core (ms; Linux's
 * /proc/self/schedstat, the thread group leader's second field), or -1 elsewhere: with CPU
 * time, it tells waiting for a core from waiting for files, the network or timers.
 */
function runQueueWaitMs(): number {
  try {
    return Math.round(Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6);
  } catch {
    return -1;
  }
}

/**
 * `mark <step> <epoch ms> <this process's CPU ms so far, all threads> <main thread's run-queue
 * wait ms so far>` (CPU is less load-bound than the wall clock).
 */
const mark = (name: string) => {
  const { user, system } = process.cpuUsage();
  const cpu = Math.round((user + system) / 1000);
  console.log(`mark ${name} ${Date.now()} ${cpu} ${runQueueWaitMs()}`);
};
// The signed-in shell page sent whole (its first answers and painted rows in it): the end of
// the host's part of a restart. Marked when the response for the page has been handed to the OS.
const end = ServerResponse.prototype.end;
let pageSent = false;
ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
  const path = this.req?.url?.split('?')[0];
  if (!pageSent && this.statusCode === 200 && (path === '/' || path === '/index.html')) {
    pageSent = true;
    this.once('finish', () => mark('pageSent'));
  }
  return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
} as typeof end;
// The shell page asked for: its request (after the one-time link's redirect) reaches the host,
// which may still be making its core.
const emit = Server.prototype.emit;
let pageAsked = false;
Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
  const target = new URL((args[0] as IncomingMessage | undefined)?.url ?? '', 'http://host');
  const shell = target.pathname === '/' || target.pathname === '/index.html';
  if (event === 'request' && !pageAsked && shell && !target.searchParams.has(secretParam)) {
    pageAsked = true;
    mark('pageAsked');
  }
  return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
} as typeof emit;
mark('loaded');
const input: string[] = [];
for await (const chunk of process.stdin) input.push(String(chunk));
const config = JSON.parse(input.join('')) as {
  dataDir: string;
  webRoot: string;
  secrets: [string, string][];
  /** A fixed port (a restart of the same origin); a free one when absent. */
  port?: number;
};
const credentials = new MemoryCredentialStore();
for (const [key, value] of config.secrets) credentials.entries.set(key, value);
const host = await startHeadlessHost({
  dataDir: config.dataDir,
  webRoot: config.webRoot,
  port: config.port ?? 0,
  credentials,
  locale: 'en-US',
  version: '0.0.0-bench',
  pollMs: 600_000,
  log: createLogger((line) => process.stderr.write(`${line}\n`), 'bench', 'warn'),
  // The host listens before its core is made (main/headless/host.ts).
  onListening: (url) => {
    mark('listening');
    console.log(`listening ${url}`);
  },
});
mark('coreMade');
host.core.restored.then(
  () => mark('restored'),
  () => undefined,
);
const router = host.core.router;
const dispatch = router.dispatch.bind(router);
let queried = false;
router.dispatch = async (channel, payload) => {
  const first = channel === 'inbox:query' && !queried;
  if (first) {
    queried = true;
    mark('queryAsked');
  }
  const result = await dispatch(channel, payload);
  if (first) mark('queryAnswered');
  return result;
};
process.on('SIGTERM', () => {
  host.close().then(
    () => {
      // The refresh token rotates at each restore: the next run needs the new one.
      console.log(`secrets ${JSON.stringify([...credentials.entries])}`);
      process.exit(0);
    },
    () => process.exit(1),
  );
});
