/**
 * The inbox search's query side alone, in one Node process: the 46 keystroke searches of
 * inbox-ui (a known sender's number as the list shows it, a contact's name, 請求書, the newest
 * day as YYYY/MM/DD and YYYY-MM-DD, each typed key by key and cleared) replayed straight on
 * `InboxStore` over realistic stores of 100,000 and 300,000 faxes. Per key: the first window
 * with the list's capped count (what a keystroke asks), then the exact count the list asks
 * for once typing rests. Reference in the same run: the unsearched list's first window.
 * Also the whole inbox's first window sorted by sender and by pages (the toolbar's sort).
 *
 * The stores are built once into the system's temporary folder (synced as the app syncs: ten
 * feed pages a transaction, then the subject index filled) and reused by later runs.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InboxStore } from '../main/core/inbox/inbox-store';
import type { InboxQuery } from '../preload/contract';
import { realisticSenders } from '../service/demo/realistic-inbox';
import { realisticRecords } from '../test/helpers/realistic-records';
import { fixed, printTable, quantile, realisticSearchWords } from './inbox-helpers';

/** The list's quick count and window (renderer/src/inbox/useInboxRows.ts, useWindowedRows.ts). */
const quickCount = 500;
const windowSize = 100;
const end = new Date(2026, 10, 30, 18, 0, 0).getTime();
const sizes = (process.env.KAMIFAX_BENCH_QUERY_SIZES ?? '100000,300000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => size > 0);
const rounds = Number(process.env.KAMIFAX_BENCH_QUERY_ROUNDS ?? 3);

/** The typed strings, key by key, as inbox-ui types them ('' after each word: cleared). */
function typedSearches(newest: number): string[] {
  const { number, name, japanese, slashDate, dashDate } = realisticSearchWords(newest);
  return [number, name, japanese, slashDate, dashDate].flatMap((word) => [
    ...[...word].map((_c, i) => [...word].slice(0, i + 1).join('')),
    '',
  ]);
}

/** A store of `count` realistic faxes, built once (as a first sync writes it) and reused. */
function openStore(count: number): InboxStore {
  const path = join(tmpdir(), `kamifax-search-query-${count}.sqlite`);
  if (!existsSync(path)) {
    const building = `${path}.building`;
    rmSync(building, { force: true });
    const store = new InboxStore(building);
    const started = performance.now();
    const records = realisticRecords(count, end, () => randomUUID());
    for (let at = 0; at < records.length; at += 5000) {
      const pages = [];
      for (let page = at; page < Math.min(at + 5000, records.length); page += 500)
        pages.push({ upserts: records.slice(page, page + 500), deletes: [] });
      store.applyPages(pages, String(at));
    }
    for (const sender of realisticSenders())
      if (sender.contact) store.setContact(sender.number, sender.name);
    while (store.indexSubjects(5000));
    store.close();
    rmSync(`${building}-wal`, { force: true });
    rmSync(`${building}-shm`, { force: true });
    renameSync(building, path);
    console.log(`built ${count} faxes in ${fixed(performance.now() - started)} ms: ${path}`);
  }
  return new InboxStore(path);
}

const ask = (search: string, more: Partial<InboxQuery> = {}): InboxQuery => ({
  search,
  filter: 'all',
  sort: 'newest',
  offset: 0,
  limit: windowSize,
  ...more,
});

function forget(store: InboxStore): void {
  (store as unknown as { counted: unknown }).counted = null;
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** The longest stretch a promised piece of work held the event loop (main) without a break. */
async function longestHold(run: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  let done = false;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  await run();
  done = true;
  return Math.max(worst, performance.now() - last);
}

type Sliced = InboxStore & {
  queryInSlices?: (query: InboxQuery, now: number, superseded: () => boolean) => Promise<unknown>;
};

const rows: string[][] = [];
const perKey: string[][] = [];
for (const count of sizes) {
  const store = openStore(count);
  const newest = store.query(ask(''), end).rows[0]!.at;
  const typed = typedSearches(newest);
  const window: number[] = [];
  const exact: number[] = [];
  const held: number[] = [];
  const reference: number[] = [];
  const byKey = typed.map(() => ({ window: Infinity, exact: Infinity, held: Infinity, total: 0 }));
  const sliced = store as Sliced;
  // A sort chosen in the toolbar: the first window of the whole inbox in that order, as the
  // list asks it (a screenful, the capped count); the count stays kept, as the app keeps it
  // across a sort change (same criteria but the order).
  const sorted = { sender: [] as number[], pages: [] as number[] };
  for (let round = 0; round < rounds; round += 1)
    for (const sort of ['sender', 'pages'] as const) {
      store.query(ask(''), end);
      sorted[sort].push(
        time(() => store.query(ask('', { sort, limit: 24, countUpTo: quickCount }), end)),
      );
    }
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, search] of typed.entries()) {
      forget(store);
      reference.push(time(() => store.query(ask(''), end)));
      forget(store);
      const w = time(() => store.query(ask(search, { countUpTo: quickCount }), end));
      let total = 0;
      const e = time(() => (total = store.query(ask(search, { limit: 1 }), end).total));
      window.push(w);
      exact.push(e);
      // The same exact count as the app's page asks it: in slices, main free between them.
      forget(store);
      const h = sliced.queryInSlices
        ? await longestHold(() =>
            sliced.queryInSlices!(ask(search, { limit: 1 }), end, () => false),
          )
        : Number.NaN;
      held.push(h);
      const key = byKey[index]!;
      key.window = Math.min(key.window, w);
      key.exact = Math.min(key.exact, e);
      key.held = Math.min(key.held, h);
      key.total = total;
    }
  }
  const label = `${count / 1000}k`;
  const line = (what: string, values: number[]) => [
    `${label} ${what}`,
    fixed(quantile(values, 0.5), 2),
    fixed(quantile(values, 0.95), 2),
    fixed(Math.max(...values), 2),
  ];
  rows.push(line('keystroke window + capped count', window));
  rows.push(line('exact count after typing rests', exact));
  rows.push(line('  the same in slices: longest hold of main', held));
  rows.push(line('reference: unsearched first window + its count', reference));
  rows.push(line('sort by sender: first window, count kept', sorted.sender));
  rows.push(line('sort by pages: first window, count kept', sorted.pages));
  if (process.env.KAMIFAX_BENCH_QUERY_KEYS)
    typed.forEach((search, index) => {
      const key = byKey[index]!;
      perKey.push([
        `${label} "${search}"`,
        String(key.total),
        fixed(key.window, 2),
        fixed(key.exact, 2),
        fixed(key.held, 2),
      ]);
    });
  store.close();
}
printTable(
  `Inbox search, query side (${rounds} rounds of ${46} keys, ms)`,
  ['size / what', 'p50', 'p95', 'max'],
  rows,
);
if (perKey.length > 0)
  printTable(
    'Per key (best of the rounds, ms)',
    ['search', 'matches', 'window', 'exact count', 'sliced: hold'],
    perKey,
  );
