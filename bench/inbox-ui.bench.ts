/**
 * The inbox screen in Chromium with 100,000 faxes, and the same measurements with 1,000 as the
 * reference: first paint of the list, time per search keystroke, and scrolling (DOM rows, JS
 * heap, frames). The service runs in a child process; the headless host (the same core as the
 * desktop app) runs here, signed in and synced from Node before the page opens.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { startHeadlessHost, type HeadlessHost } from '../main/headless/host';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import {
  demoPassword,
  fixed,
  median,
  printTable,
  quantile,
  startServiceProcess,
  type ServiceProcess,
} from './inbox-helpers';

const loads = 3;
const viewport = { width: 1280, height: 900 };
/** A day the seeded faxes cover (they are one a minute up to now), as a date search. */
const yesterday = new Date(Date.now() - 24 * 3600_000);
const dateSearch = [yesterday.getFullYear(), yesterday.getMonth() + 1, yesterday.getDate()]
  .map((part) => String(part).padStart(2, '0'))
  .join('-');
/** Typed one key at a time; `\b` is Backspace, `\u0001` selects all (then Backspace clears). */
const searches = [
  { name: 'number: "5556", then 4× Backspace', keys: [...'5556', '\b', '\b', '\b', '\b'] },
  { name: 'subject: "Seeded fax 9999", then clear', keys: [...'Seeded fax 9999', '\u0001'] },
  { name: `date: "${dateSearch}", then clear`, keys: [...dateSearch, '\u0001'] },
] as const;
const keystrokes = searches.flatMap((search, group) => search.keys.map((key) => ({ key, group })));
const scrollSteps = 50;
const smoothFrames = 120;

/** What a keystroke sample, the first row and the scroll runs record in the page. */
interface KeySample {
  search: string;
  key: number;
  commit: number;
  painted: number;
}
interface ScrollFigures {
  stepMs: number[];
  maxDomRows: number;
  frameMs: number[];
  blankFrames: number;
}
interface BenchState {
  keyAt: number;
  samples: KeySample[];
  firstRow: number | null;
  firstRowPainted: number | null;
}

/**
 * The page's globals as the evaluated functions see them. This file is type-checked without
 * the DOM and the app's CSP forbids evaluating strings, so the (serialised) functions cast.
 */
interface ProbeElement {
  getAttribute(name: string): string | null;
  scrollTop: number;
  clientHeight: number;
  getBoundingClientRect(): { top: number; bottom: number };
}
interface PageGlobals {
  inboxBench: BenchState;
  document: {
    querySelector(selector: string): ProbeElement | null;
    querySelectorAll(selector: string): ArrayLike<ProbeElement>;
  };
  performance: {
    now(): number;
    getEntriesByName(name: string): Array<{ startTime: number }>;
  };
  addEventListener(
    type: 'keydown',
    listener: (event: { timeStamp: number }) => void,
    capture: boolean,
  ): void;
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  MutationObserver: new (
    callback: (records: Array<{ type: string; target: ProbeElement }>) => void,
  ) => {
    observe(target: unknown, options: Record<string, unknown>): void;
    disconnect(): void;
  };
}

/**
 * Installed before the app's scripts: notes each key press, each time the list shows the rows
 * of a new search (`data-shown-search`, set in the same render as the rows), and the first
 * row with a fax; "painted" is taken after the next frame.
 */
function installProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const state: BenchState = { keyAt: 0, samples: [], firstRow: null, firstRowPainted: null };
  page.inboxBench = state;
  const afterPaint = (then: (at: number) => void) =>
    page.requestAnimationFrame(() => page.setTimeout(() => then(page.performance.now()), 0));
  page.addEventListener('keydown', (event) => (state.keyAt = event.timeStamp), true);
  const observer = new page.MutationObserver((records) => {
    const now = page.performance.now();
    if (state.firstRow === null && page.document.querySelector('.fax-row[data-fax-id]')) {
      state.firstRow = now;
      afterPaint((at) => (state.firstRowPainted = at));
    }
    for (const record of records) {
      if (record.type !== 'attributes') continue;
      const search = record.target.getAttribute('data-shown-search');
      if (search === null) continue;
      const key = state.keyAt;
      afterPaint((painted) => state.samples.push({ search, key, commit: now, painted }));
    }
  });
  observer.observe(page.document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-shown-search'],
  });
}

/** Jumps the list to row `target` in steps, then scrolls on, one frame at a time. */
async function scrollList(args: { target: number; steps: number; frames: number }) {
  const page = globalThis as unknown as PageGlobals;
  const list = page.document.querySelector('.fax-list')!;
  const spacer = page.document.querySelector('.fax-list-spacer') as unknown as {
    offsetHeight: number;
  };
  const first = page.document.querySelector('.fax-row');
  const total = Number(first?.getAttribute('aria-setsize') ?? 1);
  const rowHeight = spacer.offsetHeight / total;
  const frame = () => new Promise<number>((resolve) => page.requestAnimationFrame(resolve));
  const result: ScrollFigures = { stepMs: [], maxDomRows: 0, frameMs: [], blankFrames: 0 };
  const domRows = () => page.document.querySelectorAll('.fax-row').length;
  for (let step = 1; step <= args.steps; step += 1) {
    const index = Math.round((args.target * step) / args.steps);
    const started = page.performance.now();
    list.scrollTop = index * rowHeight;
    while (!page.document.querySelector(`#fax-row-${index}[data-fax-id]`)) await frame();
    result.stepMs.push(page.performance.now() - started);
    result.maxDomRows = Math.max(result.maxDomRows, domRows());
  }
  // Wheel-like: ten rows a frame, counting frames that showed any row still loading.
  let last = await frame();
  for (let count = 0; count < args.frames; count += 1) {
    list.scrollTop += rowHeight * 10;
    const now = await frame();
    result.frameMs.push(now - last);
    last = now;
    if (page.document.querySelector('.fax-row:not([data-fax-id])')) result.blankFrames += 1;
    result.maxDomRows = Math.max(result.maxDomRows, domRows());
  }
  return result;
}

interface SizeFigures {
  rows: number;
  syncMs: number;
  gotoToRowMs: number[];
  firstRowMs: number[];
  fcpMs: number[];
  heapAfterLoadMb: number;
  /** Per keystroke, in the order of `keystrokes`. */
  keyMs: number[];
  keyCommitMs: number[];
  bridgeMs: number[];
  queryMs: number[];
  scroll: ScrollFigures;
  heapAfterScrollMb: number;
}

async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../vite.web.config.ts', import.meta.url)),
    // Our own folder, not out/web, which the e2e tests may be using at the same time.
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
}

async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  await cdp.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
}

async function openInbox(browser: Browser, host: HeadlessHost) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; the
  // serialised probe and scroll functions need that helper in the page too.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const started = performance.now();
  await page.goto(host.url);
  await page
    .locator('.fax-row[data-fax-id]')
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  const gotoToRowMs = performance.now() - started;
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).inboxBench.firstRowPainted !== null,
  );
  const inPage = await page.evaluate(() => {
    const globals = globalThis as unknown as PageGlobals;
    return {
      firstRow: globals.inboxBench.firstRowPainted!,
      fcp: globals.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    };
  });
  return { context, page, gotoToRowMs, firstRowMs: inPage.firstRow, fcpMs: inPage.fcp };
}

/** One keystroke: key → rows painted, key → React commit, and the bridge round trip of its query. */
interface Typed {
  total: number[];
  commit: number[];
  bridge: number[];
}

/**
 * Types the searches. The bridge's WebSocket frames, timed by Chromium's network stack, give
 * each `inbox:query` call's round trip (transport plus main), which splits a keystroke into
 * what main costs and what the page costs.
 */
async function typeSearch(page: Page): Promise<Typed> {
  const cdp = await page.context().newCDPSession(page);
  const sent = new Map<number, { search: string; at: number }>();
  const roundTrips = new Map<string, number>();
  const frame = (event: { timestamp: number; response: { payloadData: string } }) => {
    try {
      return JSON.parse(event.response.payloadData) as {
        id?: number;
        channel?: string;
        payload?: { search?: string };
      };
    } catch {
      return {};
    }
  };
  cdp.on('Network.webSocketFrameSent', (event) => {
    const message = frame(event);
    if (message.channel === 'inbox:query' && message.id !== undefined)
      sent.set(message.id, { search: message.payload?.search ?? '', at: event.timestamp });
  });
  cdp.on('Network.webSocketFrameReceived', (event) => {
    const message = frame(event);
    const request = message.id === undefined ? undefined : sent.get(message.id);
    if (!request) return;
    const ms = (event.timestamp - request.at) * 1000;
    roundTrips.set(request.search, Math.max(roundTrips.get(request.search) ?? 0, ms));
  });
  await cdp.send('Network.enable');
  const search = page.getByRole('searchbox', { name: 'Search faxes' });
  await search.focus();
  const typed: Typed = { total: [], commit: [], bridge: [] };
  for (const { key } of keystrokes) {
    const before = await search.inputValue();
    const expected = key === '\b' ? before.slice(0, -1) : key === '\u0001' ? '' : before + key;
    roundTrips.delete(expected);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).inboxBench.samples = [];
    });
    if (key === '\u0001') {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
    } else await page.keyboard.press(key === '\b' ? 'Backspace' : key === ' ' ? 'Space' : key);
    const handle = await page.waitForFunction(
      (wanted) =>
        (globalThis as unknown as PageGlobals).inboxBench.samples.find((s) => s.search === wanted),
      expected,
      { timeout: 30_000 },
    );
    const sample = (await handle.jsonValue()) as KeySample;
    typed.total.push(sample.painted - sample.key);
    typed.commit.push(sample.commit - sample.key);
    typed.bridge.push(roundTrips.get(expected) ?? Number.NaN);
  }
  await cdp.detach();
  return typed;
}

/** The same searches straight on the host's core: the main-side share of a keystroke. */
function queryTimes(host: HeadlessHost): number[] {
  const inbox = host.core.features.inbox()!;
  const times: number[] = [];
  let search = '';
  for (const { key } of keystrokes) {
    search = key === '\b' ? search.slice(0, -1) : key === '\u0001' ? '' : search + key;
    const started = performance.now();
    inbox.query({ search, filter: 'all', sort: 'newest', offset: 0, limit: 100 });
    times.push(performance.now() - started);
  }
  return times;
}

async function measureSize(
  browser: Browser,
  service: ServiceProcess,
  email: string,
  count: number,
): Promise<SizeFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-host-'));
  const host = await startHeadlessHost({
    dataDir,
    webRoot,
    locale: 'en-US',
    credentials: new MemoryCredentialStore(),
    version: '0.0.0-bench',
    pollMs: 600_000,
    log: createLogger((line) => process.stderr.write(`${line}\n`), 'bench', 'warn'),
  });
  try {
    await service.seed(email, count);
    await host.core.session.signIn({ kind: 'remote', url: service.url }, email, demoPassword);
    const syncStarted = performance.now();
    const status = await host.core.features.inbox()!.syncNow();
    const syncMs = performance.now() - syncStarted;
    const figures: Omit<
      SizeFigures,
      'keyMs' | 'keyCommitMs' | 'bridgeMs' | 'scroll' | 'heapAfterScrollMb'
    > = {
      rows: status.total,
      syncMs,
      gotoToRowMs: [],
      firstRowMs: [],
      fcpMs: [],
      heapAfterLoadMb: 0,
      queryMs: queryTimes(host),
    };
    // First paint on fresh pages; the last page stays open for typing and scrolling.
    let opened: Awaited<ReturnType<typeof openInbox>> | null = null;
    for (let load = 0; load < loads; load += 1) {
      await opened?.context.close();
      opened = await openInbox(browser, host);
      figures.gotoToRowMs.push(opened.gotoToRowMs);
      figures.firstRowMs.push(opened.firstRowMs);
      figures.fcpMs.push(opened.fcpMs);
    }
    const { page, context } = opened!;
    try {
      figures.heapAfterLoadMb = await jsHeapMb(page);
      const typed = await typeSearch(page);
      await page.locator('.fax-row[data-fax-id]').first().waitFor();
      const scroll = await page.evaluate(scrollList, {
        target: Math.floor(status.total / 2),
        steps: scrollSteps,
        frames: smoothFrames,
      });
      const heapAfterScrollMb = await jsHeapMb(page);
      return {
        ...figures,
        keyMs: typed.total,
        keyCommitMs: typed.commit,
        bridgeMs: typed.bridge,
        scroll,
        heapAfterScrollMb,
      };
    } finally {
      await context.close();
    }
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

let webRoot = '';

async function main(): Promise<void> {
  if (!chromiumPath) throw new Error('Chromium is not installed (apt-get install chromium)');
  webRoot = await mkdtemp(join(tmpdir(), 'kamifax-bench-web-'));
  let service: ServiceProcess | null = null;
  let browser: Browser | null = null;
  const results: Array<[string, SizeFigures]> = [];
  try {
    const building = performance.now();
    await buildRenderer(webRoot);
    console.log(`Built the renderer in ${fixed(performance.now() - building)} ms`);
    service = await startServiceProcess();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [...chromiumArgs, '--enable-precise-memory-info'],
      headless: true,
    });
    // The reference first, on bob, so alice's 100,000 never share a store with it.
    results.push(['1k', await measureSize(browser, service, 'bob@example.com', 1_000)]);
    results.push(['100k', await measureSize(browser, service, 'alice@example.com', 100_000)]);
  } finally {
    await browser?.close();
    await service?.stop();
    await rm(webRoot, { recursive: true, force: true });
  }
  report(results);
}

function report(results: Array<[string, SizeFigures]>): void {
  const header = ['figure', ...results.map(([name]) => name)];
  const row = (label: string, pick: (figures: SizeFigures) => number, digits = 0) => [
    label,
    ...results.map(([, figures]) => fixed(pick(figures), digits)),
  ];
  printTable(
    `Inbox in Chromium (${viewport.width}×${viewport.height}), 1k rows as the reference for 100k`,
    header,
    [
      row('inbox rows', (f) => f.rows),
      row('first sync from Node, not in the page (ms)', (f) => f.syncMs),
      row(`goto → first row visible, median of ${loads} (ms)`, (f) => median(f.gotoToRowMs)),
      row('  first row painted, page clock (ms)', (f) => median(f.firstRowMs)),
      row('  first contentful paint (ms)', (f) => median(f.fcpMs)),
      row('JS heap after load, after GC (MB)', (f) => f.heapAfterLoadMb, 1),
    ],
  );
  printTable(
    `Search: ${keystrokes.length} keystrokes, each from key press to the rows of the new search ` +
      'painted; "query" is the same search run straight on the core (main side only)',
    header,
    [
      row('keystroke p50 (ms)', (f) => quantile(f.keyMs, 0.5), 1),
      row('keystroke p95 (ms)', (f) => quantile(f.keyMs, 0.95), 1),
      row('keystroke max (ms)', (f) => quantile(f.keyMs, 1), 1),
      row('  key → React commit p50 (ms)', (f) => quantile(f.keyCommitMs, 0.5), 1),
      row('  bridge round trip of the query p50 (ms)', (f) => quantile(f.bridgeMs, 0.5), 1),
      row('  query alone p50 (ms)', (f) => quantile(f.queryMs, 0.5), 1),
      ...searches.flatMap((search, group) => {
        const of = (values: number[]) => values.filter((_v, i) => keystrokes[i]!.group === group);
        return [
          row(`${search.name}: keystroke max (ms)`, (f) => quantile(of(f.keyMs), 1), 1),
          row(`  query alone max (ms)`, (f) => quantile(of(f.queryMs), 1), 1),
        ];
      }),
    ],
  );
  printTable(
    `Scroll: ${scrollSteps} jumps from the top to the middle row, then ${smoothFrames} frames ` +
      'at 10 rows a frame',
    header,
    [
      row('jump → target row filled p50 (ms)', (f) => quantile(f.scroll.stepMs, 0.5), 1),
      row('jump → target row filled p95 (ms)', (f) => quantile(f.scroll.stepMs, 0.95), 1),
      row('max DOM rows', (f) => f.scroll.maxDomRows),
      row('frame interval p50 (ms)', (f) => quantile(f.scroll.frameMs, 0.5), 1),
      row('frame interval p95 (ms)', (f) => quantile(f.scroll.frameMs, 0.95), 1),
      row('frames showing a loading row', (f) => f.scroll.blankFrames),
      row('JS heap after scroll, after GC (MB)', (f) => f.heapAfterScrollMb, 1),
    ],
  );
  console.log(
    'Each keystroke waits for the previous one to be painted; the lists do not debounce.',
  );
}

await main();
