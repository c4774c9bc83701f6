/**
 * Keystrokes of the current renderer and of another build in turns, on the same host and
 * data (`KAMIFAX_BENCH_KEYS_AGAINST=<folder of a built web renderer>`): the host serves
 * through a symbolic link that points at one build or the other, each turn in a fresh
 * Chromium. Under load a figure means something only beside its reference taken in turns.
 */
import { rm, symlink } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { fixed, printTable, quantile } from './inbox-helpers';
import { openInbox, typeSearch, type Keystroke } from './inbox-ui-page';

export const turnsEach = Number(process.env.KAMIFAX_BENCH_AB_TURNS ?? 3);
/** The first keys of each page, listed apart: the first search's render is the slowest. */
const firstKeysCount = 3;

/** Points the served folder at a build. */
export async function serve(link: string, build: string): Promise<void> {
  await rm(link, { force: true });
  await symlink(build, link);
}

interface Turn {
  build: 'this' | 'other';
  keyMs: number[];
  commitMs: number[];
  bridgeMs: number[];
  cpuMs: number[];
  mainMs: number[];
  firstKeyAfterRowMs: number;
}

/**
 * Main's own time answering the page's `inbox:query` calls, by search (the longest, as the
 * bridge figure): the host's router is wrapped while the page types.
 */
export function mainQueryTimes(router: {
  dispatch(channel: unknown, payload: unknown): Promise<unknown>;
}): { bySearch: Map<string, number>; stop(): void } {
  const bySearch = new Map<string, number>();
  const dispatch = router.dispatch;
  router.dispatch = async (channel, payload) => {
    const started = performance.now();
    const result = await dispatch.call(router, channel, payload);
    const query = payload as { search?: string; offset?: number; countUpTo?: number } | null;
    // A keystroke's own query: a new search's first window (its count capped), not the exact
    // count asked for once typing rests (sliced, it spans other work in main).
    if (channel === 'inbox:query' && query?.offset === 0 && query.countUpTo !== undefined) {
      const search = query.search ?? '';
      const ms = performance.now() - started;
      bySearch.set(search, Math.max(bySearch.get(search) ?? 0, ms));
    }
    return result;
  };
  return { bySearch, stop: () => (router.dispatch = dispatch) };
}

/** Each keystroke's search, as the list shows it after the key. */
export function searchesTyped(keystrokes: readonly Keystroke[]): string[] {
  let search = '';
  return keystrokes.map(({ key }) => {
    search = key === '\b' ? search.slice(0, -1) : key === '\u0001' ? '' : search + key;
    return search;
  });
}

/** Types the searches `turnsEach` times with each build, in ABBA order; prints both. */
export async function keysInTurns(args: {
  label: string;
  link: string;
  builds: { this: string; other: string };
  keystrokes: readonly Keystroke[];
  launch: () => Promise<Browser>;
  url: () => string;
  /** The host's router, to time main's own answers (see mainQueryTimes). */
  router: Parameters<typeof mainQueryTimes>[0];
}): Promise<void> {
  const turns: Turn[] = [];
  const load: number[] = [];
  for (let turn = 0; turn < turnsEach * 2; turn += 1) {
    // Other, this, this, other, …: neither build always goes first after a fresh host state.
    const build = turn % 4 === 0 || turn % 4 === 3 ? 'other' : 'this';
    await serve(args.link, args.builds[build]);
    load.push(loadavg()[0]!);
    const browser = await args.launch();
    try {
      const { page } = await openInbox(browser, args.url());
      const main = mainQueryTimes(args.router);
      // The page's CPU per key as well: under load it says more than the wall time.
      const typed = await typeSearch(page, args.keystrokes, { cpu: true }).finally(main.stop);
      turns.push({
        build,
        keyMs: typed.total,
        commitMs: typed.commit,
        bridgeMs: typed.bridge,
        cpuMs: typed.cpu,
        mainMs: searchesTyped(args.keystrokes).map((search) => main.bySearch.get(search) ?? NaN),
        firstKeyAfterRowMs: typed.firstKeyAfterRowMs,
      });
    } finally {
      await browser.close();
    }
  }
  await serve(args.link, args.builds.this);
  const of = (build: Turn['build'], pick: (turn: Turn) => number[]) =>
    turns.filter((turn) => turn.build === build).flatMap(pick);
  for (const build of ['other', 'this'] as const)
    slowestKeys(`${args.label}, ${build} build`, args.keystrokes, {
      keyMs: of(build, (t) => t.keyMs),
      commitMs: of(build, (t) => t.commitMs),
      bridgeMs: of(build, (t) => t.bridgeMs),
      mainMs: of(build, (t) => t.mainMs),
      cpuMs: of(build, (t) => t.cpuMs),
    });
  /** The first search's first keys: the ones a cold page pays for (its first search render). */
  const firstKeys = (values: number[]) => values.slice(0, firstKeysCount);
  const row = (name: string, pick: (turn: Turn) => number[], q: number) => [
    name,
    fixed(quantile(of('other', pick), q), 1),
    fixed(quantile(of('this', pick), q), 1),
  ];
  printTable(
    `${args.label}: keystrokes, ${turnsEach} turns each build in ABBA order ` +
      `(load average ${load.map((value) => fixed(value, 1)).join(', ')}; first key ` +
      `${turns.map((t) => fixed(t.firstKeyAfterRowMs, 0)).join(', ')} ms after the first row)`,
    ['figure', 'other build', 'this build'],
    [
      row('keystroke p50 (ms)', (t) => t.keyMs, 0.5),
      row('keystroke p95 (ms)', (t) => t.keyMs, 0.95),
      row('keystroke max (ms)', (t) => t.keyMs, 1),
      row('  key → React commit p50 (ms)', (t) => t.commitMs, 0.5),
      row('  key → React commit p95 (ms)', (t) => t.commitMs, 0.95),
      row('  bridge round trip p50 (ms)', (t) => t.bridgeMs, 0.5),
      row('  bridge round trip p95 (ms)', (t) => t.bridgeMs, 0.95),
      row("    main's own answer p50 (ms)", (t) => t.mainMs, 0.5),
      row("    main's own answer p95 (ms)", (t) => t.mainMs, 0.95),
      row("page main thread's CPU, key → painted, p50 (ms)", (t) => t.cpuMs, 0.5),
      row("page main thread's CPU, key → painted, p95 (ms)", (t) => t.cpuMs, 0.95),
      row(`first ${firstKeysCount} keys of a page, p50 (ms)`, (t) => firstKeys(t.keyMs), 0.5),
      row(`  their page CPU, p50 (ms)`, (t) => firstKeys(t.cpuMs), 0.5),
      ...searchesTyped(args.keystrokes)
        .slice(0, firstKeysCount)
        .map((search, index) =>
          row(
            `  key ${index + 1} ("${search}"): page CPU, median of turns (ms)`,
            (t) => [t.cpuMs[index]!],
            0.5,
          ),
        ),
      [
        "page main thread's CPU, all keys, per turn (ms)",
        ...(['other', 'this'] as const).map((build) =>
          fixed(of(build, (t) => t.cpuMs).reduce((sum, ms) => sum + ms, 0) / turnsEach, 0),
        ),
      ],
    ],
  );
}

/** The slowest keystrokes, with the search each made and its parts (item 3 of issue 16). */
export function slowestKeys(
  name: string,
  keystrokes: readonly Keystroke[],
  parts: {
    keyMs: number[];
    commitMs: number[];
    bridgeMs: number[];
    queryMs?: number[];
    /** Main's own answer while the page typed (A/B turns). */
    mainMs?: number[];
    /** The page's main-thread CPU from the key to its paint (A/B turns). */
    cpuMs?: number[];
  },
): void {
  const typed = searchesTyped(keystrokes);
  const slowest = parts.keyMs
    .map((ms, index) => ({ ms, index }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map(({ ms, index }) => {
      const part = (label: string, values?: number[]) =>
        values ? `, ${label} ${fixed(values[index]!, 1)}` : '';
      const query =
        part('query', parts.queryMs) + part('main', parts.mainMs) + part('page CPU', parts.cpuMs);
      return (
        `"${typed[index % typed.length]}" ${fixed(ms, 1)} (commit ` +
        `${fixed(parts.commitMs[index]!, 1)}, bridge ${fixed(parts.bridgeMs[index]!, 1)}${query})`
      );
    });
  console.log(`${name}, slowest keystrokes (ms): ${slowest.join('; ')}`);
}
