/**
 * The inbox's first row after navigation, two ways (bench/README.md, inbox-ui):
 * - a first visit: a fresh Chromium with an empty profile (no HTTP cache, no V8 code cache);
 * - a returning user: a new Chromium process on a profile kept from two earlier visits to the
 *   same origin (the host keeps its port), so the `immutable` build files come from the HTTP
 *   cache with V8's code cache — what Electron's `app://` (codeCache) gives every start after
 *   the first. Chromium makes a script's code cache on its second run and uses it from the
 *   third, hence two visits before the timed ones.
 * `KAMIFAX_BENCH_FIRST_ROW_AGAINST=<built web renderer>` times another build in turns.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import { fixed, median, printTable } from './inbox-helpers';
import { openInboxIn, viewport } from './inbox-ui-page';
import { serve } from './inbox-ui-ab';

/** One load's figures, on the page's clock except `gotoToRowMs` (the bench's). */
export interface FirstRow {
  gotoToRowMs: number;
  firstRowMs: number;
  fcpMs: number;
}

/** Visits before a returning user's timed ones (Chromium caches code from the second run). */
export const warmVisits = 2;

async function visit(profile: string | null, url: string): Promise<FirstRow> {
  const options = {
    executablePath: chromiumPath!,
    args: [...chromiumArgs, '--enable-precise-memory-info'],
    headless: true,
    viewport,
    locale: 'en-US',
  };
  const own = profile ?? (await mkdtemp(join(tmpdir(), 'kamifax-bench-profile-')));
  const context = await chromium.launchPersistentContext(own, options);
  try {
    const opened = await openInboxIn(context, url);
    return { gotoToRowMs: opened.gotoToRowMs, firstRowMs: opened.firstRowMs, fcpMs: opened.fcpMs };
  } finally {
    await context.close();
    if (!profile) await rm(own, { recursive: true, force: true });
  }
}

/** A first visit: a fresh Chromium on an empty profile. */
export function firstVisit(url: string): Promise<FirstRow> {
  return visit(null, url);
}

/** A returning user's profile, visited `warmVisits` times (not timed). */
export async function returningProfile(url: () => string): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'kamifax-bench-profile-'));
  for (let count = 0; count < warmVisits; count += 1) await visit(profile, url());
  return profile;
}

/** A returning user's visit: a new Chromium process on the kept profile. */
export function returningVisit(profile: string, url: string): Promise<FirstRow> {
  return visit(profile, url);
}

/**
 * This build and another in turns on one host (served through the link `link`), first visits
 * and returning visits, `turns` each; prints the medians side by side.
 */
export async function firstRowInTurns(args: {
  label: string;
  link: string;
  builds: { this: string; other: string };
  url: () => string;
  turns: number;
  /** Forgets the host's cached count before each load (a cold page). */
  beforeLoad: () => void;
}): Promise<void> {
  const kinds = ['other', 'this'] as const;
  const figures = {
    other: { cold: [] as FirstRow[], warm: [] as FirstRow[] },
    this: { cold: [] as FirstRow[], warm: [] as FirstRow[] },
  };
  const profiles: Record<string, string> = {};
  const load: number[] = [];
  try {
    for (const build of kinds) {
      await serve(args.link, args.builds[build]);
      profiles[build] = await returningProfile(args.url);
    }
    for (let turn = 0; turn < args.turns * 2; turn += 1) {
      const build = kinds[turn % 2]!;
      await serve(args.link, args.builds[build]);
      load.push(loadavg()[0]!);
      args.beforeLoad();
      figures[build].cold.push(await firstVisit(args.url()));
      args.beforeLoad();
      figures[build].warm.push(await returningVisit(profiles[build]!, args.url()));
    }
  } finally {
    await serve(args.link, args.builds.this);
    for (const profile of Object.values(profiles))
      await rm(profile, { recursive: true, force: true });
  }
  const row = (name: string, pick: (f: (typeof figures)['this']) => number[]) => [
    name,
    fixed(median(pick(figures.other))),
    fixed(median(pick(figures.this))),
  ];
  printTable(
    `${args.label}: first row, ${args.turns} turns each build in alternation ` +
      `(load average ${load.map((value) => fixed(value, 1)).join(', ')}), medians`,
    ['figure', 'other build', 'this build'],
    [
      row('first visit: goto → first row visible (ms)', (f) => f.cold.map((r) => r.gotoToRowMs)),
      row('  first row painted, page clock (ms)', (f) => f.cold.map((r) => r.firstRowMs)),
      row('  first contentful paint (ms)', (f) => f.cold.map((r) => r.fcpMs)),
      row('returning: goto → first row visible (ms)', (f) => f.warm.map((r) => r.gotoToRowMs)),
      row('  first row painted, page clock (ms)', (f) => f.warm.map((r) => r.firstRowMs)),
      row('  first contentful paint (ms)', (f) => f.warm.map((r) => r.fcpMs)),
    ],
  );
}
