/**
 * What the inbox benchmarks share: the reference service in a child process (so this process
 * holds only the client's heap), a desktop core on a fresh folder, and figures as small tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../main/core/app';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { headlessDialogs } from '../main/headless/headless-dialogs';
import { RecordedNotifications } from '../main/headless/headless-notifications';
import { formatFaxNumber } from '../preload/fax-numbers';
import { realisticSenders } from '../service/demo/realistic-inbox';

/** The admin token the benchmark services are started with. */
export const adminToken = 'bench-admin-token';

/** The demo password of alice and bob. */
export const demoPassword = 'kamifax-demo';

/** A reference service running in its own Node process. */
export interface ServiceProcess {
  url: string;
  /** Its data folder (`service.sqlite` inside), for a bench that reads the database itself. */
  dataDir: string;
  /**
   * Inserts `count` received faxes into an account, in one transaction on the service;
   * `realistic` seeds service/demo/realistic-inbox.ts's senders, subjects, pages and times.
   */
  seed(email: string, count: number, options?: { realistic?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'service', 'cli.ts');
const children = new Set<ChildProcess>();
// Whatever way the benchmark ends (a throw included), no service is left running.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts `service/cli.ts` on a free port and a temporary data folder; resolves once it listens. */
export async function startServiceProcess(): Promise<ServiceProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-svc-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      '--port',
      '0',
      '--data',
      dataDir,
      '--demo',
      '--admin-token',
      adminToken,
      '--line-speed',
      '1000',
    ],
    // From the repository root, where `--import tsx` resolves.
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    children.delete(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        const match = /^Kamifax service listening on (\S+)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) =>
        reject(new Error(`the service exited (${code}) before listening`)),
      );
      setTimeout(() => reject(new Error('the service did not start within 60 s')), 60_000).unref();
    });
    return {
      url,
      dataDir,
      stop,
      async seed(email, count, options) {
        const response = await fetch(`${url}/v1/admin/seed`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-admin-token': adminToken },
          body: JSON.stringify({ email, count, ...options }),
        });
        if (!response.ok) throw new Error(`seeding failed: ${response.status}`);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A desktop core on its own temporary folder, built the way the integration tests build it. */
export interface BenchClient {
  core: Core;
  close(): Promise<void>;
}

/** Starts a core with an in-memory keychain; only warnings and errors reach stderr. */
export async function startBenchClient(): Promise<BenchClient> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-client-'));
  const core = await createCore({
    dataDir,
    log: createLogger((line) => process.stderr.write(`${line}\n`), 'bench', 'warn'),
    credentials: new MemoryCredentialStore(),
    localService: {
      start: () => Promise.reject(new Error('the benchmarks use a remote service')),
      stop: async () => {},
    },
    pollMs: 600_000,
    host: {
      kind: 'headless',
      version: '0.0.0-bench',
      platform: process.platform,
      locale: 'en-US',
      openExternal: async () => {},
      dialogs: headlessDialogs(dataDir),
      notifications: new RecordedNotifications(),
    },
  });
  await core.restored;
  return {
    core,
    async close() {
      await core.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value at a quantile (0–1) of some samples, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The median of some samples. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Prints a table: the first column left-aligned, the others right-aligned. */
export function printTable(title: string, header: readonly string[], rows: readonly string[][]) {
  const all = [header, ...rows];
  const widths = header.map((_h, column) => Math.max(...all.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]! + 2),
      )
      .join('');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log('-'.repeat(line(header).length));
  for (const row of rows) console.log(line(row));
}

/** A number with a fixed count of decimals, for the tables. */
export function fixed(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/**
 * The words both inbox benches search for (inbox-ui types them, search-query replays them):
 * the digits of a known sender as the list shows his number (national form), a contact's
 * name, a Japanese word, and the newest day in two spellings.
 */
export function realisticSearchWords(newest: number): {
  number: string;
  name: string;
  japanese: string;
  slashDate: string;
  dashDate: string;
} {
  const senders = realisticSenders();
  const known = senders.find((s) => s.rank > 100 && s.number.startsWith('+813'))!;
  const contact = senders.find((s) => s.contact && /Office|Clinic|Foods/.test(s.name))!;
  const day = new Date(newest);
  const date = (separator: string) =>
    [day.getFullYear(), day.getMonth() + 1, day.getDate()]
      .map((part) => String(part).padStart(2, '0'))
      .join(separator);
  return {
    number: formatFaxNumber(known.number, 'JP'),
    name: contact.name.split(' ')[0]!,
    japanese: '請求書',
    slashDate: date('/'),
    dashDate: date('-'),
  };
}
