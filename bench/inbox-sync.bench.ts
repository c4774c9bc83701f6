/**
 * First sync of 10,000 faxes: the desktop core signs in to a reference service (in a child
 * process, so this process's memory is the client's alone) and pulls the change feed into a
 * fresh SQLite store. Reference, same run, same client: the same change feed fetched over the
 * same HTTP client and parsed into records, with no store writes, so the difference is what
 * the store costs. Median of 3 rounds, each on a fresh client folder.
 */
import { InboxApi } from '../main/core/inbox/inbox-api';
import {
  demoPassword,
  fixed,
  median,
  printTable,
  startBenchClient,
  startServiceProcess,
  type ServiceProcess,
} from './inbox-helpers';

const faxCount = 10_000;
const rounds = 3;
const feedPageSize = 500;
const email = 'alice@example.com';

interface Figures {
  ms: number;
  rows: number;
  pages: number;
  rssMb: number;
  heapMb: number;
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

async function round(service: ServiceProcess): Promise<{ sync: Figures; fetchOnly: Figures }> {
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
      const started = performance.now();
      const status = await inbox.syncNow();
      return { ms: performance.now() - started, rows: status.total };
    });
    const api = new InboxApi(core.session.requireAccount().http);
    const fetchOnly = await sampled(async () => {
      const started = performance.now();
      let since: string | null = null;
      let rows = 0;
      let pages = 0;
      for (;;) {
        const page = await api.changes(since, feedPageSize);
        rows += page.upserts.length;
        pages += 1;
        since = page.next;
        if (!page.hasMore) break;
      }
      return { ms: performance.now() - started, rows, pages };
    });
    return {
      sync: { ...sync.value, pages: fetchOnly.value.pages, rssMb: sync.rssMb, heapMb: sync.heapMb },
      fetchOnly: { ...fetchOnly.value, rssMb: fetchOnly.rssMb, heapMb: fetchOnly.heapMb },
    };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const service = await startServiceProcess();
  const results: Array<{ sync: Figures; fetchOnly: Figures }> = [];
  try {
    const seeding = performance.now();
    await service.seed(email, faxCount);
    console.log(
      `Seeded ${faxCount.toLocaleString('en-US')} faxes into ${email} in ` +
        `${fixed(performance.now() - seeding)} ms (service in a child process)`,
    );
    for (let index = 0; index < rounds; index += 1) results.push(await round(service));
  } finally {
    await service.stop();
  }
  const of = (pick: (figures: Figures) => number, which: 'sync' | 'fetchOnly') =>
    median(results.map((result) => pick(result[which])));
  const figure = (label: string, pick: (figures: Figures) => number, digits = 0) => {
    const sync = of(pick, 'sync');
    const fetchOnly = of(pick, 'fetchOnly');
    return [label, fixed(sync, digits), fixed(fetchOnly, digits), fixed(sync / fetchOnly, 2)];
  };
  printTable(
    `Inbox first sync: ${faxCount.toLocaleString('en-US')} seeded faxes (+ demo faxes), ` +
      `feed pages of ${feedPageSize}, median of ${rounds} fresh clients`,
    ['figure', 'first sync', 'fetch+parse only', 'ratio'],
    [
      figure('time (ms)', (f) => f.ms),
      figure('rows', (f) => f.rows),
      figure('rows/s', (f) => (f.rows / f.ms) * 1000),
      figure('feed pages', (f) => f.pages),
      figure('peak rss above baseline (MB)', (f) => f.rssMb, 1),
      figure('peak heapUsed above baseline (MB)', (f) => f.heapMb, 1),
    ],
  );
  console.log(
    'first sync = syncNow() on a freshly signed-in core (SQLite store writes included); ' +
      'fetch+parse only = the same feed over the same HTTP client, no store. ' +
      'Memory is this process only (the service runs in a child).',
  );
}

await main();
