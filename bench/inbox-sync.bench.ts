/**
 * First sync on realistic inboxes of several sizes (`KAMIFAX_BENCH_SYNC_SIZES`, default
 * 10,000 and 100,000; 300,000 when asked, it is slow to seed): the desktop core signs in to a
 * reference service (in a child process, so this process's memory is the client's alone) and
 * pulls the change feed into a fresh SQLite store. Reference, same run, same client: the same
 * feed fetched over the same HTTP client and parsed into records, nothing stored (its own
 * login, no desktop core: a core fills its search index after a sync). Then the
 * three costs apart, per size, so the growth shows beside the reference:
 * - service: the feed's pages read by the service's own storage code (the Trash purge check
 *   and the page query each request runs) from its database, in this process;
 * - fetch+parse: the reference above (the service's whole answer included);
 * - store: the fetched pages written into a fresh store as the sync engine writes them (the
 *   first page alone, then 10 pages to a transaction), and one page to a transaction as the
 *   engine did before, both timed here with no network.
 * The engine asks for the next page while it writes, so a first sync costs about the larger
 * of fetch and store, not their sum. Rounds: 3 below 50,000 faxes, 1 above.
 */
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../main/core/api/http-client';
import { InboxApi } from '../main/core/inbox/inbox-api';
import { InboxStore } from '../main/core/inbox/inbox-store';
import { createLogger } from '../main/core/log/logger';
import type { ChangePage } from '../main/core/inbox/sync-engine';
import { SqliteFaxes } from '../service/storage/sqlite/faxes';
import {
  demoPassword,
  fixed,
  median,
  printTable,
  startBenchClient,
  startServiceProcess,
  type ServiceProcess,
} from './inbox-helpers';

const sizes = (process.env.KAMIFAX_BENCH_SYNC_SIZES ?? '10000,100000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0);
const feedPageSize = 500;
const pagesPerWrite = 10;
const trashDays = 30;
const email = 'alice@example.com';

interface Round {
  syncMs: number;
  /** CPU time of this process (the client's; the service runs in a child). */
  syncCpuMs: number;
  fetchCpuMs: number;
  rows: number;
  rssMb: number;
  heapMb: number;
  fetchMs: number;
}

/** Peak rss and heapUsed above a baseline, sampled every 10 ms while something runs. */
async function sampled<T>(
  work: () => Promise<T>,
): Promise<{ value: T; rssMb: number; heapMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 10);
  try {
    const value = await work();
    sample();
    return {
      value,
      rssMb: (peakRss - baseline.rss) / 1048576,
      heapMb: (peakHeap - baseline.heapUsed) / 1048576,
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The reference: the feed over the client's own HTTP client and parser, with a token from a
 * plain login and no desktop core (a signed-in core fills its subject index after a sync,
 * which would slow a reference taken beside it).
 */
async function fetchOnly(
  service: ServiceProcess,
  keepPages: boolean,
): Promise<{ ms: number; cpuMs: number; pages: ChangePage[] }> {
  const login = await fetch(`${service.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const api = new InboxApi(
    new HttpClient({
      baseUrl: service.url,
      log: createLogger(() => undefined, 'bench'),
      tokens: { current: () => accessToken, renew: () => Promise.resolve(accessToken) },
    }),
  );
  const pages: ChangePage[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let since: string | null = null;
  for (;;) {
    const page = await api.changes(since, feedPageSize);
    if (keepPages) pages.push(page);
    since = page.next;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), pages };
}

/** One round: the reference, then a fresh client's first sync. */
async function round(service: ServiceProcess): Promise<Round> {
  const reference = await fetchOnly(service, false);
  const client = await startBenchClient();
  try {
    const { core } = client;
    const state = await core.session.signIn(
      { kind: 'remote', url: service.url },
      email,
      demoPassword,
    );
    if (state.status !== 'signedIn') throw new Error(`sign-in failed: ${state.status}`);
    const inbox = core.features.inbox();
    if (!inbox) throw new Error('no inbox after sign-in');
    // Sign-in opens the event stream, whose first connection starts a sync by itself; syncNow
    // joins that run, so this times the first sync from the moment the account is active.
    const sync = await sampled(async () => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const status = await inbox.syncNow();
      return { ms: performance.now() - started, cpuMs: cpuMs(cpu), rows: status.total };
    });
    return {
      syncMs: sync.value.ms,
      syncCpuMs: sync.value.cpuMs,
      rows: sync.value.rows,
      rssMb: sync.rssMb,
      heapMb: sync.heapMb,
      fetchMs: reference.ms,
      fetchCpuMs: reference.cpuMs,
    };
  } finally {
    await client.close();
  }
}

/** CPU time of this process since `since` (user + system), in ms: steadier than wall time under load. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(since);
  return (spent.user + spent.system) / 1000;
}

/** The service's database work for the whole feed: what each /v1/changes request runs. */
function serviceShare(service: ServiceProcess): { ms: number; cpuMs: number } {
  const db = new Database(join(service.dataDir, 'service.sqlite'), { readonly: true });
  try {
    const { id } = db.prepare('SELECT id FROM accounts WHERE email = ?').get(email) as {
      id: string;
    };
    const faxes = new SqliteFaxes(db);
    const cpu = process.cpuUsage();
    const started = performance.now();
    let since = 0;
    for (;;) {
      faxes.trashedBefore(id, Date.now() - trashDays * 86_400_000);
      const rows = faxes.changes(id, since, feedPageSize);
      if (rows.length < feedPageSize) break;
      since = rows.at(-1)!.seq;
    }
    return { ms: performance.now() - started, cpuMs: cpuMs(cpu) };
  } finally {
    db.close();
  }
}

/** Writes the pages into a fresh store, `perWrite` pages to a transaction after the first. */
async function storeShare(
  pages: readonly ChangePage[],
  perWrite: number,
): Promise<{ ms: number; cpuMs: number; firstTenthMs: number; lastTenthMs: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'kamifax-bench-store-'));
  const store = new InboxStore(join(folder, 'inbox.sqlite'));
  try {
    const perPage: number[] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let index = 0; index < pages.length;) {
      const count = index === 0 ? 1 : perWrite;
      const group = pages.slice(index, index + count);
      const writeStarted = performance.now();
      store.applyPages(group, group.at(-1)!.next);
      const each = (performance.now() - writeStarted) / group.length;
      for (const _page of group) perPage.push(each);
      index += group.length;
    }
    const ms = performance.now() - started;
    const cpuSpent = cpuMs(cpu);
    const tenth = Math.max(1, Math.floor(perPage.length / 10));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    return {
      ms,
      cpuMs: cpuSpent,
      firstTenthMs: mean(perPage.slice(0, tenth)),
      lastTenthMs: mean(perPage.slice(-tenth)),
    };
  } finally {
    store.close();
    await rm(folder, { recursive: true, force: true });
  }
}

async function measure(size: number): Promise<string[][]> {
  const load = loadavg()[0]!;
  const service = await startServiceProcess();
  try {
    const seeding = performance.now();
    await service.seed(email, size, { realistic: true });
    console.log(
      `Seeded ${size.toLocaleString('en-US')} realistic faxes in ` +
        `${fixed(performance.now() - seeding)} ms (service in a child process)`,
    );
    const rounds = size < 50_000 ? 3 : 1;
    const results: Round[] = [];
    for (let index = 0; index < rounds; index += 1) results.push(await round(service));
    // The pages the store phases write, fetched once more, untimed: held during a first sync,
    // they would inflate its memory figures (a larger heap collects later).
    const { pages } = await fetchOnly(service, true);
    const serviceMs = serviceShare(service);
    // A throwaway store first, so neither way of writing pays for warming up the code.
    await storeShare(pages.slice(0, 4), pagesPerWrite);
    const batched = await storeShare(pages, pagesPerWrite);
    const onePerWrite = await storeShare(pages, 1);
    const of = (pick: (result: Round) => number) => median(results.map(pick));
    const both = (figures: { ms: number; cpuMs: number }) =>
      `${fixed(figures.ms)} / ${fixed(figures.cpuMs)}`;
    const syncMs = of((r) => r.syncMs);
    const fetchMs = of((r) => r.fetchMs);
    const label = `${size.toLocaleString('en-US')}`;
    const rows = [
      [label, 'first sync (ms)', fixed(syncMs), fixed(fetchMs), fixed(syncMs / fetchMs, 2)],
      [
        label,
        'client CPU, this process (ms)',
        fixed(of((r) => r.syncCpuMs)),
        fixed(of((r) => r.fetchCpuMs)),
        fixed(of((r) => r.syncCpuMs) / of((r) => r.fetchCpuMs), 2),
      ],
      [label, 'rows', fixed(of((r) => r.rows)), '', ''],
      [label, 'service: feed pages from its database, wall / CPU (ms)', both(serviceMs), '', ''],
      [
        label,
        `store: ${pagesPerWrite} pages a transaction, wall / CPU (ms)`,
        both(batched),
        '',
        '',
      ],
      [
        label,
        `  per page, first → last tenth (ms)`,
        `${fixed(batched.firstTenthMs, 1)} → ${fixed(batched.lastTenthMs, 1)}`,
        '',
        '',
      ],
      [label, 'store: 1 page a transaction, as before, wall / CPU (ms)', both(onePerWrite), '', ''],
      [
        label,
        `  per page, first → last tenth (ms)`,
        `${fixed(onePerWrite.firstTenthMs, 1)} → ${fixed(onePerWrite.lastTenthMs, 1)}`,
        '',
        '',
      ],
      [
        label,
        'first sync peak rss above baseline (MB)',
        fixed(
          of((r) => r.rssMb),
          1,
        ),
        '',
        '',
      ],
      [
        label,
        'first sync peak heapUsed (MB)',
        fixed(
          of((r) => r.heapMb),
          1,
        ),
        '',
        '',
      ],
      [label, 'load average (1 min) at start', fixed(load, 1), '', ''],
    ];
    printTable(`Inbox first sync, ${label} realistic faxes (median of ${rounds})`, header, rows);
    return rows;
  } finally {
    await service.stop();
  }
}

const header = ['faxes', 'figure', 'value', 'fetch+parse only', 'ratio'];

async function main(): Promise<void> {
  const all: string[][] = [];
  for (const size of sizes) all.push(...(await measure(size)));
  printTable(
    `Inbox first sync, realistic data (service/demo/realistic-inbox.ts), feed pages of ${feedPageSize}`,
    header,
    all,
  );
  console.log(
    'first sync = syncNow() on a freshly signed-in core (SQLite store writes included); ' +
      'fetch+parse only = the same feed over the same HTTP client, no store. service and store ' +
      'are timed apart in this process (see the comment at the top). Memory is this process ' +
      'only (the service runs in a child).',
  );
}

await main();
