/**
 * The inbox bench in the page: a probe installed before the app's scripts (inputs, the rows
 * of each new search, the first row painted), the scroll and sort runs, and the Playwright
 * side that opens the page and types. This file is type-checked without the DOM and the
 * app's CSP forbids evaluating strings, so the (serialised) functions cast the page's globals.
 */
import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { endTrace, startKeyCpu, stopKeyCpu } from './inbox-ui-cpu';

/** The window the bench's pages open in. */
export const viewport = { width: 1280, height: 900 };

/** One key of a search; `\b` is Backspace, `\u0001` selects all (then Backspace clears). */
export interface Keystroke {
  key: string;
  group: number;
}

/** What a keystroke sample, the first row and the scroll runs record in the page. */
export interface KeySample {
  search: string;
  key: number;
  commit: number;
  painted: number;
}
export interface ScrollFigures {
  stepMs: number[];
  maxDomRows: number;
  frameMs: number[];
  blankFrames: number;
}
export interface BenchState {
  keyAt: number;
  samples: KeySample[];
  /** The first row (the host's painted one, or the live one when there is none). */
  firstRow: number | null;
  firstRowPainted: number | null;
  /** The first live row: no `.first-paint` ancestor (React's, clickable). */
  liveRow: number | null;
  liveRowPainted: number | null;
  /**
   * When the first row, and the first live row, were shown: the frame that put their text on
   * screen, by the Element Timing API (its renderTime: the frame's presentation, raster included).
   */
  firstRowShown: number | null;
  liveRowShown: number | null;
}

/**
 * The page's globals as the evaluated functions see them. This file is type-checked without
 * the DOM and the app's CSP forbids evaluating strings, so the (serialised) functions cast.
 */
interface ProbeElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selector: string): ArrayLike<ProbeElement>;
  scrollTop: number;
  clientHeight: number;
  getBoundingClientRect(): { top: number; bottom: number };
}
export interface PageGlobals {
  inboxBench: BenchState;
  document: {
    querySelector(selector: string): ProbeElement | null;
    querySelectorAll(selector: string): ArrayLike<ProbeElement>;
  };
  performance: {
    now(): number;
    mark(name: string): unknown;
    getEntriesByName(name: string): Array<{ startTime: number }>;
  };
  addEventListener(
    type: 'beforeinput',
    listener: (event: { timeStamp: number }) => void,
    capture: boolean,
  ): void;
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  PerformanceObserver: new (
    callback: (list: {
      getEntries(): Array<{ identifier: string; renderTime: number; loadTime: number }>;
    }) => void,
  ) => { observe(options: Record<string, unknown>): void };
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
export function installProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const state: BenchState = {
    keyAt: 0,
    samples: [],
    firstRow: null,
    firstRowPainted: null,
    liveRow: null,
    liveRowPainted: null,
    firstRowShown: null,
    liveRowShown: null,
  };
  page.inboxBench = state;
  // Element Timing: a row's text reports the frame that showed it, if the row (and what it
  // holds: text is reported on the element around it) carries the attribute before that frame.
  const shownId = { first: 'kamifax-bench-first-row', live: 'kamifax-bench-live-row' };
  const timeShown = (row: ProbeElement | null, id: string) => {
    if (!row) return;
    row.setAttribute('elementtiming', id);
    for (const inside of Array.from(row.querySelectorAll('*')))
      inside.setAttribute('elementtiming', id);
  };
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const at = entry.renderTime || entry.loadTime;
      if (entry.identifier === shownId.first && state.firstRowShown === null)
        state.firstRowShown = at;
      // React's row, whether it came after a painted one or was the first of all.
      const live =
        entry.identifier === shownId.live ||
        (entry.identifier === shownId.first && state.firstRow === state.liveRow);
      if (live && state.liveRowShown === null) state.liveRowShown = at;
      // A painted row that React replaced before any frame showed it was never shown: the
      // first row shown is then React's.
      if (state.firstRowShown === null) state.firstRowShown = at;
    }
  }).observe({ type: 'element', buffered: true });
  const afterPaint = (then: (at: number) => void) =>
    page.requestAnimationFrame(() => page.setTimeout(() => then(page.performance.now()), 0));
  // The input, not the key: a Japanese word arrives as text (an input method's commit).
  page.addEventListener(
    'beforeinput',
    (event) => {
      state.keyAt = event.timeStamp;
      // For a trace of the typing: where each key begins (inbox-ui-cpu.ts).
      page.performance.mark('inbox-bench-key');
    },
    true,
  );
  const observer = new page.MutationObserver((records) => {
    const now = page.performance.now();
    if (state.firstRow === null && page.document.querySelector('.fax-row[data-fax-id]')) {
      state.firstRow = now;
      timeShown(page.document.querySelector('.fax-row[data-fax-id]'), shownId.first);
      afterPaint((at) => (state.firstRowPainted = at));
    }
    // "Interactive": a row of React's, not inside the host-painted screen (main/core/first-paint.ts).
    if (
      state.liveRow === null &&
      page.document.querySelector('.fax-row[data-fax-id]:not(.first-paint *)')
    ) {
      state.liveRow = now;
      const live = page.document.querySelector('.fax-row[data-fax-id]:not(.first-paint *)');
      // React's first row may be the first row of all (nothing painted ahead).
      timeShown(live, live?.getAttribute('elementtiming') ? shownId.first : shownId.live);
      afterPaint((at) => (state.liveRowPainted = at));
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
export async function scrollList(args: { target: number; steps: number; frames: number }) {
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

/**
 * Chooses a sort in the toolbar's list (as a person does: the value, then a change event)
 * and waits until row 0 shows the fax expected first in that order; returns the time from
 * the change to the frame after, on the page's clock.
 */
export async function sortAndWait(args: { sort: string; firstId: string }): Promise<number> {
  const page = globalThis as unknown as PageGlobals & {
    HTMLSelectElement: { prototype: object };
    Event: new (type: string, init: { bubbles: boolean }) => unknown;
  };
  const frame = () => new Promise<number>((resolve) => page.requestAnimationFrame(resolve));
  const option = page.document.querySelector(`select option[value="${args.sort}"]`) as unknown as {
    parentElement: { dispatchEvent(event: unknown): void };
  };
  const select = option.parentElement;
  const setValue = Object.getOwnPropertyDescriptor(page.HTMLSelectElement.prototype, 'value')!.set!;
  const started = page.performance.now();
  setValue.call(select, args.sort);
  select.dispatchEvent(new page.Event('change', { bubbles: true }));
  while (!page.document.querySelector(`#fax-row-0[data-fax-id="${args.firstId}"]`)) await frame();
  await frame();
  return page.performance.now() - started;
}

export async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  await cdp.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1048576;
}

export async function openInbox(browser: Browser, url: string) {
  return openInboxIn(await browser.newContext({ viewport, locale: 'en-US' }), url);
}

/** Resolves once the probe has seen a row shown (Element Timing); fails after 60 s. */
async function shown(page: Page, which: 'firstRowShown' | 'liveRowShown'): Promise<void> {
  const seen = await page.evaluate(
    (field) =>
      new Promise<boolean>((resolve) => {
        const state = (globalThis as unknown as PageGlobals).inboxBench;
        const given = Date.now() + 60_000;
        const check = () => {
          if (state[field] !== null) resolve(true);
          else if (Date.now() > given) resolve(false);
          else (globalThis as unknown as PageGlobals).setTimeout(check, 5);
        };
        check();
      }),
    which,
  );
  if (!seen) throw new Error(`no ${which} after 60 s`);
}

/**
 * Opens the inbox in `context` (a fresh one, or a persistent profile's for a returning user)
 * and waits for the first row painted.
 */
export async function openInboxIn(context: BrowserContext, url: string) {
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; the
  // serialised probe and scroll functions need that helper in the page too.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const profiling = process.env.KAMIFAX_BENCH_PROFILE === '1';
  const cdp = profiling ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const started = performance.now();
  // Not to the load event (`goto`'s default): that waits for the scripts to have run, and a
  // row the host painted is there before them.
  await page.goto(url, { waitUntil: 'commit' });
  // Painted: any row, the host's included; interactive: a live row (React's). Waited for
  // through the probe's own state, not Playwright's selector engine, whose script would be
  // put into the page and run beside its first frame (~100 ms of the renderer's main thread).
  await shown(page, 'firstRowShown');
  const gotoToRowMs = performance.now() - started;
  await shown(page, 'liveRowShown');
  const gotoToLiveMs = performance.now() - started;
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).inboxBench.liveRowPainted !== null,
  );
  // What follows (typing, scrolling) starts from a loaded page, as before.
  await page.waitForLoadState('load');
  if (cdp)
    printProfile(
      ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile,
      'navigation → first row',
    );
  const inPage = await page.evaluate(() => {
    const globals = globalThis as unknown as PageGlobals;
    return {
      firstRow: globals.inboxBench.firstRowShown!,
      liveRow: globals.inboxBench.liveRowShown!,
      fcp: globals.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    };
  });
  return {
    context,
    page,
    gotoToRowMs,
    gotoToLiveMs,
    firstRowMs: inPage.firstRow,
    liveRowMs: inPage.liveRow,
    /** Whether the page came with the host's painted screen (its first row came before React's). */
    hostPainted: inPage.firstRow < inPage.liveRow,
    fcpMs: inPage.fcp,
  };
}

/** One keystroke: key → rows painted, key → React commit, and the bridge round trip of its query. */
export interface Typed {
  total: number[];
  commit: number[];
  bridge: number[];
  /** The most rows a keystroke's first window asked main for (the list's screenful). */
  firstLimit: number;
  /** The first key, ms after the first row was painted (page clock): how soon the typing began. */
  firstKeyAfterRowMs: number;
  /** With `cpu`: the page's main-thread CPU from each key to its rows painted (inbox-ui-cpu.ts). */
  cpu: number[];
}

/**
 * Types the searches. The bridge's WebSocket frames, timed by Chromium's network stack, give
 * each `inbox:query` call's round trip (transport plus main), which splits a keystroke into
 * what main costs and what the page costs.
 */
export async function typeSearch(
  page: Page,
  keystrokes: readonly Keystroke[],
  options: { cpu?: boolean } = {},
): Promise<Typed> {
  const cdp = await page.context().newCDPSession(page);
  const sent = new Map<number, { search: string; at: number }>();
  const roundTrips = new Map<string, number>();
  const frame = (event: { timestamp: number; response: { payloadData: string } }) => {
    try {
      return JSON.parse(event.response.payloadData) as {
        id?: number;
        channel?: string;
        payload?: { search?: string; offset?: number; limit?: number };
      };
    } catch {
      return {};
    }
  };
  const typed: Typed = {
    total: [],
    commit: [],
    bridge: [],
    firstLimit: 0,
    firstKeyAfterRowMs: Number.NaN,
    cpu: [],
  };
  cdp.on('Network.webSocketFrameSent', (event) => {
    const message = frame(event);
    if (message.channel === 'inbox:query' && message.id !== undefined)
      sent.set(message.id, { search: message.payload?.search ?? '', at: event.timestamp });
    if (message.channel === 'inbox:query' && message.payload?.offset === 0)
      typed.firstLimit = Math.max(typed.firstLimit, message.payload.limit ?? 0);
  });
  cdp.on('Network.webSocketFrameReceived', (event) => {
    const message = frame(event);
    const request = message.id === undefined ? undefined : sent.get(message.id);
    if (!request) return;
    const ms = (event.timestamp - request.at) * 1000;
    roundTrips.set(request.search, Math.max(roundTrips.get(request.search) ?? 0, ms));
  });
  await cdp.send('Network.enable');
  // KAMIFAX_BENCH_PROFILE=keys: the page's CPU profile over all the typing.
  const profiling = process.env.KAMIFAX_BENCH_PROFILE === 'keys';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // KAMIFAX_BENCH_TRACE=file.json: a Chrome trace of the typing (open it in DevTools).
  const tracePath = process.env.KAMIFAX_BENCH_TRACE;
  if (tracePath) await startTrace(cdp);
  // One trace at a time: the full one (KAMIFAX_BENCH_TRACE) or the top-level tasks only.
  const cpu = options.cpu === true && !tracePath;
  if (cpu) await startKeyCpu(cdp);
  const search = page.getByRole('searchbox', { name: 'Search faxes' });
  await search.focus();
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
    } else if (key === '\b') await page.keyboard.press('Backspace');
    // A Japanese word comes as text, as an input method commits it.
    else if (/[^\x20-\x7e]/.test(key)) await page.keyboard.insertText(key);
    else await page.keyboard.press(key === ' ' ? 'Space' : key);
    const handle = await page
      .waitForFunction(
        (wanted) =>
          (globalThis as unknown as PageGlobals).inboxBench.samples.find(
            (s) => s.search === wanted,
          ),
        expected,
        { timeout: 30_000 },
      )
      .catch(async (error: unknown) => {
        const shown = await page
          .locator('section[data-shown-search]')
          .getAttribute('data-shown-search');
        const alerts = await page.getByRole('alert').allTextContents();
        throw new Error(
          `the rows of "${expected}" never showed (shown: "${shown}"; alerts: ${alerts.join(' | ')})`,
          {
            cause: error,
          },
        );
      });
    const sample = (await handle.jsonValue()) as KeySample;
    if (typed.total.length === 0) typed.firstKeyAfterRowMs = sample.key;
    typed.total.push(sample.painted - sample.key);
    typed.commit.push(sample.commit - sample.key);
    typed.bridge.push(roundTrips.get(expected) ?? Number.NaN);
  }
  // Read after the typing, so that no extra call paces the keys.
  typed.firstKeyAfterRowMs -= await page.evaluate(
    () => (globalThis as unknown as PageGlobals).inboxBench.firstRowPainted!,
  );
  if (profiling)
    printProfile(
      ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile,
      `typing ${keystrokes.length} keys`,
    );
  if (tracePath) await stopTrace(cdp, tracePath);
  if (cpu) typed.cpu = await stopKeyCpu(cdp, typed.total);
  await cdp.detach();
  return typed;
}

async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'toplevel',
        'v8.execute',
        'blink',
        'net',
        'mojom',
        'disabled-by-default-devtools.timeline.frame',
        // JS samples, so a key's tasks can be read down to the function (DevTools shows them).
        'disabled-by-default-v8.cpu_profiler',
      ],
    },
  });
}

async function stopTrace(cdp: CDPSession, path: string): Promise<void> {
  await writeFile(path, await endTrace(cdp));
  console.log(`Trace of the typing written to ${path}`);
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** The page's CPU time over a span (`what`), by script and by function (self time). */
function printProfile(profile: CpuProfile, what: string): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)!;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const script = frame.url.replace(/^.*\//, '') || `(${frame.functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${name}`)
      .join('\n');
  console.log(`Page CPU profile, ${what} (self time):\n${top(byScript, 8)}`);
  console.log(`By function:\n${top(byFunction, 20)}`);
}
