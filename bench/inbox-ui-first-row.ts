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
import { chromium, type Page } from 'playwright-core';
import { firstAnswers } from '../main/core/first-answers';
import { loadFirstScreenRenderer } from '../main/core/first-paint';
import type { Router } from '../main/core/rpc/router';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import { fixed, median, printTable } from './inbox-helpers';
import { openInboxIn, viewport } from './inbox-ui-page';
import { serve } from './inbox-ui-ab';

/**
 * One load's figures, on the page's clock except the `goto…` ones (the bench's). "Painted":
 * the first `.fax-row[data-fax-id]`, the host's painted one included (main/core/first-paint.ts);
 * "live" (interactive): the first such row with no `.first-paint` ancestor, React's.
 */
export interface FirstRow {
  gotoToRowMs: number;
  gotoToLiveMs: number;
  firstRowMs: number;
  liveRowMs: number;
  fcpMs: number;
  /** Whether the host painted the first screen (a painted row came before the live one). */
  hostPainted: boolean;
  /** Where the time before the first row went, on the page's clock (navigationPhases). */
  phases: Phases;
}

/**
 * The steps before the first frame, ms after navigation start (Navigation and Resource
 * Timing): the launch link's redirect (the headless host's one-time secret, answered with a
 * cookie; Electron's `app://` has none), the page's first byte and its last, the last
 * stylesheet in (they hold the first frame), the document parsed (`domInteractive`).
 */
export interface Phases {
  redirectEnd: number;
  responseStart: number;
  responseEnd: number;
  stylesheetsIn: number;
  parsed: number;
}

export const phaseNames: Record<keyof Phases, string> = {
  redirectEnd: 'launch link redirected',
  responseStart: "page's first byte",
  responseEnd: "page's last byte (first answers, painted rows)",
  stylesheetsIn: 'stylesheets in',
  parsed: 'page parsed (domInteractive)',
};

/** The page's phases (Phases), read once it has loaded. */
export async function navigationPhases(page: Page): Promise<Phases> {
  return page.evaluate(() => {
    // The page's timing entries (the bench compiles without the DOM's types).
    type Entry = Record<string, number> & { name: string; initiatorType?: string };
    const timing = (
      globalThis as unknown as { performance: { getEntriesByType(type: string): Entry[] } }
    ).performance;
    const navigation = timing.getEntriesByType('navigation')[0];
    const sheets = timing
      .getEntriesByType('resource')
      .filter((entry) => entry.initiatorType === 'link' && entry.name.endsWith('.css'))
      .map((entry) => entry.responseEnd!);
    return {
      redirectEnd: navigation?.redirectEnd ?? NaN,
      responseStart: navigation?.responseStart ?? NaN,
      responseEnd: navigation?.responseEnd ?? NaN,
      stylesheetsIn: sheets.length > 0 ? Math.max(...sheets) : NaN,
      parsed: navigation?.domInteractive ?? NaN,
    };
  });
}

/**
 * The host's own render of the first screen (main/core/first-paint.ts) on its real first
 * answers, `renders` times in a row: the time each holds the host's event loop. The renderer
 * is loaded and warmed once before (as the host does 1 s after its start).
 */
export async function hostRenderTimes(router: Router, renders = 15): Promise<number[]> {
  const render = await loadFirstScreenRenderer();
  const answers = await firstAnswers(router);
  if (!answers) throw new Error('no first answers: the bench host is not signed in');
  const times: number[] = [];
  for (let count = 0; count < renders; count += 1) {
    const began = performance.now();
    if (!render(answers, ['en-US'])) throw new Error('the first screen was not painted');
    times.push(performance.now() - began);
  }
  return times;
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
    const { gotoToRowMs, gotoToLiveMs, firstRowMs, liveRowMs, fcpMs, hostPainted } = opened;
    const phases = await navigationPhases(opened.page);
    return { gotoToRowMs, gotoToLiveMs, firstRowMs, liveRowMs, fcpMs, hostPainted, phases };
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
  /** Called as a build's turn begins (the unpainted A/B turns the host's painting off). */
  turnOf?: (build: 'this' | 'other') => void;
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
      args.turnOf?.(build);
      profiles[build] = await returningProfile(args.url);
    }
    for (let turn = 0; turn < args.turns * 2; turn += 1) {
      // ABBA: neither build always goes first after the other.
      const build = kinds[(turn + Math.floor(turn / 2)) % 2]!;
      await serve(args.link, args.builds[build]);
      args.turnOf?.(build);
      load.push(loadavg()[0]!);
      args.beforeLoad();
      figures[build].cold.push(await firstVisit(args.url()));
      args.beforeLoad();
      figures[build].warm.push(await returningVisit(profiles[build]!, args.url()));
    }
  } finally {
    args.turnOf?.('this');
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
      ...(['cold', 'warm'] as const).flatMap((kind) => {
        const pick = (f: (typeof figures)['this']) => f[kind];
        return [
          row(
            `${kind === 'cold' ? 'first visit' : 'returning'}: goto → first row visible, painted (ms)`,
            (f) => pick(f).map((r) => r.gotoToRowMs),
          ),
          row('  first row shown (Element Timing), page clock (ms)', (f) =>
            pick(f).map((r) => r.firstRowMs),
          ),
          row('  goto → live row visible, interactive (ms)', (f) =>
            pick(f).map((r) => r.gotoToLiveMs),
          ),
          row('  live row shown (Element Timing), page clock (ms)', (f) =>
            pick(f).map((r) => r.liveRowMs),
          ),
          row('  first contentful paint (ms)', (f) => pick(f).map((r) => r.fcpMs)),
          ...Object.entries(phaseNames).map(([key, name]) =>
            row(`    ${name} (ms)`, (f) => pick(f).map((r) => r.phases[key as keyof Phases])),
          ),
        ];
      }),
    ],
  );
}
