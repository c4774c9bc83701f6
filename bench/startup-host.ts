/**
 * The process the start-up benchmark times: a headless host on an already-synced data folder
 * whose sign-in is handed over on stdin (an in-memory keychain, as no keychain answers on the
 * build machine). The bench runs it built to JavaScript, as `npm run start:web` runs the host
 * (main/headless/host-build.ts). It prints `listening <url>` once the page can be served,
 * `mark <name> <epoch ms>` as start-up passes its steps (modules loaded, listening, sign-in
 * restored with the stores open, first inbox query asked and answered, the shell page sent
 * whole), with the process's CPU time so far, and at SIGTERM the
 * rotated secrets for the next run.
 */
import { ServerResponse } from 'node:http';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { startHeadlessHost } from '../main/headless/host';

/** `mark <step> <epoch ms> <this process's CPU ms so far, all threads>` (CPU is less load-bound). */
const mark = (name: string) => {
  const { user, system } = process.cpuUsage();
  console.log(`mark ${name} ${Date.now()} ${Math.round((user + system) / 1000)}`);
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
});
mark('listening');
console.log(`listening ${host.url}`);
host.core.restored.then(
  () => mark('restored'),
  () => undefined,
);
const router = host.core.router;
const dispatch = router.dispatch.bind(router);
let queried = false;
let called = false;
router.dispatch = async (channel, payload) => {
  // The first call of all is the page's first answers starting (the shell page was asked for).
  if (!called) {
    called = true;
    mark('pageAsked');
  }
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
