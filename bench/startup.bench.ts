/**
 * Start-up: from the host process's start to the first inbox row painted, in the headless
 * host (the desktop app's core, served to Chromium), for a signed-in user whose 10,000 and
 * 100,000 realistic faxes (service/demo/realistic-inbox.ts) are already synced; beside
 * Chromium painting a blank page from the same server. Each run is a fresh host process on
 * the same data folder, the sizes and the two browser cases taking turns; the first round,
 * which warms the OS file cache, is not counted. Two browser cases:
 * - restart: as the desktop app restarts. Electron keeps its profile (V8's code cache, the
 *   HTTP cache of `app://`) across restarts and its page is always the same origin, so each
 *   size has a Chromium profile kept across its runs and the host a fixed `--port`. Chromium
 *   is launched on that profile before the host process (not timed) and closed after each run
 *   (nothing stays in its memory); each profile is primed by two loads before the rounds
 *   (Chromium keeps a script's code cache from its second load on).
 * - cold: a fresh profile (a new context in a running Chromium) and a new port each run, as
 *   the first start after installing.
 * The host runs built to JavaScript, as `npm run start:web` and the installed app run it
 * (main/headless/host-build.ts; the build is not timed). The sign-in is restored from a
 * keychain: the host process gets an in-memory one filled from stdin (no keychain answers on
 * the build machine). KAMIFAX_BENCH_PROFILE=1 writes a CPU profile of each host process
 * (node --cpu-prof) and prints where they are.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { buildHost } from '../main/headless/host-build';
import { compileCacheFolder } from '../main/core/compile-cache';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { startHeadlessHost } from '../main/headless/host';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import { demoPassword, fixed, median, printTable, startServiceProcess } from './inbox-helpers';

const sizes = [
  { faxes: 10_000, email: 'bob@example.com' },
  { faxes: 100_000, email: 'alice@example.com' },
];
/** KAMIFAX_BENCH_STARTUP_RUNS: counted rounds (5 by default). */
const runs = Number(process.env.KAMIFAX_BENCH_STARTUP_RUNS ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
/** KAMIFAX_BENCH_STARTUP_TSX=1: also time the host from TypeScript through tsx (the old way), in turn. */
const compareTsx = process.env.KAMIFAX_BENCH_STARTUP_TSX === '1';
/**
 * KAMIFAX_BENCH_STARTUP_AGAINST=<an older build's startup-host.js>: the restart case also takes
 * turns with that host (built by that tree's host-build.ts with this bench's entries), old vs new
 * in the same window.
 */
const againstHost = process.env.KAMIFAX_BENCH_STARTUP_AGAINST;
/** The steps compared with the older build. */
const againstSteps = ['loaded', 'listening', 'pageAsked', 'queryAnswered', 'pageSent'] as const;
/** The steps whose host CPU and run-queue wait are printed. */
const cpuSteps = [
  'loaded',
  'listening',
  'coreMade',
  'pageAsked',
  'queryAnswered',
  'pageSent',
] as const;
/** What the host processes said of their compile cache (main/core/compile-cache.ts). */
const compileCacheSeen = new Set<string>();
/** KAMIFAX_BENCH_STARTUP_TAB_AFTER=1: the tab opens once the host listens (the old order). */
const tabAfterListening = process.env.KAMIFAX_BENCH_STARTUP_TAB_AFTER === '1';
/** KAMIFAX_BENCH_STARTUP_TAB_AB=1: the restart case also takes turns with the old order. */
const compareTabAfter = process.env.KAMIFAX_BENCH_STARTUP_TAB_AB === '1';
const profileDir =
  process.env.KAMIFAX_BENCH_PROFILE === '1' ? join(tmpdir(), 'kamifax-startup-prof') : null;
/** The steps the host process marks (bench/startup-host.ts), and the bench's tab opened, in order. */
const steps = [
  'loaded',
  'listening',
  'coreMade',
  'tabOpened',
  'restored',
  'pageAsked',
  'queryAsked',
  'queryAnswered',
  'pageSent',
] as const;
type Step = (typeof steps)[number];

/**
 * In the page, before anything else: the wall-clock times the first inbox row is painted (any
 * `.fax-row[data-fax-id]`, also one the host painted) and the first live one is (outside the
 * host's inert `.first-paint` screen: one the user can click).
 */
function watchFirstRow(): void {
  const state = globalThis as unknown as {
    firstRowPaintedAt?: number;
    firstLiveRowPaintedAt?: number;
    requestAnimationFrame(callback: () => void): void;
  };
  type Found = { closest(s: string): unknown };
  const doc = (
    globalThis as unknown as {
      document: { querySelector(s: string): unknown; querySelectorAll(s: string): Found[] };
    }
  ).document;
  // No function assigned to a name in here: tsx would wrap it in a helper the page lacks.
  let seen = false;
  const observer = new (
    globalThis as unknown as {
      MutationObserver: new (cb: () => void) => {
        observe(n: unknown, o: object): void;
        disconnect(): void;
      };
    }
  ).MutationObserver(() => {
    if (!seen && doc.querySelector('.fax-row[data-fax-id]')) {
      seen = true;
      state.requestAnimationFrame(() =>
        state.requestAnimationFrame(() => (state.firstRowPaintedAt = Date.now())),
      );
    }
    const live = [...doc.querySelectorAll('.fax-row[data-fax-id]')].some(
      (row) => !row.closest('.first-paint'),
    );
    if (!live) return;
    observer.disconnect();
    state.requestAnimationFrame(() =>
      state.requestAnimationFrame(() => (state.firstLiveRowPaintedAt = Date.now())),
    );
  });
  observer.observe(doc, { childList: true, subtree: true });
}

async function startHostProcess(
  hostArgs: readonly string[],
  dataDir: string,
  webRoot: string,
  secrets: [string, string][],
  port: number,
  compileCache: string | null,
) {
  const profile = profileDir ? [`--cpu-prof`, `--cpu-prof-dir=${profileDir}`] : [];
  const started = Date.now();
  const child = spawn(process.execPath, [...profile, ...hostArgs], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    // The restart case keeps the host's compile cache in the data folder, as the app does.
    env: { ...process.env, KAMIFAX_BENCH_COMPILE_CACHE: compileCache ?? '' },
  });
  child.stdin.end(JSON.stringify({ dataDir, webRoot, secrets, port }));
  let rotated: [string, string][] = secrets;
  const marks = new Map<Step, number>();
  /** The host process's CPU time (ms, all threads) at each step. */
  const cpu = new Map<Step, number>();
  /** The host's main thread's run-queue wait (ms) at each step (Linux; absent elsewhere). */
  const wait = new Map<Step, number>();
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
      if (line.startsWith('secrets ')) rotated = JSON.parse(line.slice('secrets '.length));
      if (line.startsWith('compile-cache '))
        compileCacheSeen.add(line.slice('compile-cache '.length));
      const [word, name, at] = line.split(' ');
      if (word === 'mark') {
        marks.set(name as Step, Number(at));
        const [cpuAt, waitAt] = line.split(' ').slice(3);
        if (cpuAt !== undefined) cpu.set(name as Step, Number(cpuAt));
        if (waitAt !== undefined && Number(waitAt) >= 0) wait.set(name as Step, Number(waitAt));
      }
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code})`)));
  });
  const stop = () =>
    new Promise<[string, string][]>((resolve) => {
      child.once('exit', () => resolve(rotated));
      child.kill('SIGTERM');
    });
  return { started, url, marks, cpu, wait, stop };
}

const stepNames: Record<Step, string> = {
  loaded: "host's first modules loaded",
  listening: 'page served (listening)',
  coreMade: 'core made (its modules loaded, the restore begun)',
  tabOpened: 'navigation starts (tab open and host listening)',
  restored: 'sign-in restored, stores open',
  pageAsked: 'shell page asked for (its first answers begin)',
  queryAsked: 'first inbox query asked of the host',
  queryAnswered: 'first inbox query answered',
  pageSent: 'shell page sent whole (first answers, painted rows)',
};

/** How Chromium meets the host: a kept profile on a fixed port, or a fresh one. */
type Case = 'restart' | 'cold';
const cases: readonly Case[] = ['restart', 'cold'];
const caseNames: Record<Case, string> = {
  restart: 'restart (kept Chromium profile, fixed port)',
  cold: 'cold (fresh Chromium profile, new port)',
};

/** A Chromium profile kept across runs, and the port its host always takes. */
interface Kept {
  profileDir: string;
  port: number;
}

/** A run's figures for one case. */
interface Figures {
  first: number[];
  /** The first live row (not the host's painted screen), from the process start. */
  live: number[];
  blank: number[];
  /** Each step's time from spawning the process, per counted run. */
  split: Map<Step, number[]>;
  /** The host process's CPU time at each step it marks (all threads), per counted run. */
  cpu: Map<Step, number[]>;
  /** The host's main thread's run-queue wait at each step it marks, per counted run. */
  wait: Map<Step, number[]>;
  /** How long Chromium took to open the tab (overlapping the host's start). */
  tabOpen: number[];
}

interface Size {
  faxes: number;
  dataDir: string;
  kept: Kept;
  secrets: [string, string][];
  total: number;
  figures: Record<Case, Figures>;
  /** First row painted with the host run from TypeScript through tsx (KAMIFAX_BENCH_STARTUP_TSX; restart case). */
  tsxFirst: number[];
  /** Restart turns with the tab opened once the host listens (KAMIFAX_BENCH_STARTUP_TAB_AB). */
  tabAfter: { asked: number[]; first: number[]; live: number[] };
  /** Restart turns with the older build (KAMIFAX_BENCH_STARTUP_AGAINST): steps, first rows. */
  against: Map<string, number[]>;
}

const noFigures = (): Figures => ({
  first: [],
  live: [],
  blank: [],
  split: new Map(),
  cpu: new Map(),
  wait: new Map(),
  tabOpen: [],
});

/** A port free now, for a host to take at every restart. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One fresh host process on a size's folder: first row painted, and a blank page beside it. */
async function run(
  size: Size,
  host: { args: readonly string[]; tsx: boolean; tabAfter?: boolean; against?: boolean },
  webRoot: string,
  browser: Browser,
  browserCase: Case,
  counted: boolean,
) {
  const viewport = { width: 1280, height: 900 };
  // The kept profile's Chromium starts before the host (as the cold case's is already running).
  const context: BrowserContext =
    browserCase === 'restart'
      ? await chromium.launchPersistentContext(size.kept.profileDir, {
          executablePath: chromiumPath ?? undefined,
          args: chromiumArgs,
          viewport,
        })
      : await browser.newContext({ viewport });
  const port = browserCase === 'restart' ? size.kept.port : 0;
  // The tab opens while the host starts, as the desktop app creates its window while its core
  // starts (main/electron/index.ts); it navigates once the host listens.
  // (KAMIFAX_BENCH_STARTUP_TAB_AFTER=1: once it listens, as a browser tab opened on the
  // printed link, the bench's way before.)
  let tabStart = Date.now();
  const openTab = () =>
    context.newPage().then(async (page) => {
      await page.addInitScript(watchFirstRow);
      return { page, openedAt: Date.now() };
    });
  let tab = tabAfterListening || host.tabAfter ? null : openTab();
  tab?.catch(() => undefined);
  const started = await startHostProcess(
    host.args,
    size.dataDir,
    webRoot,
    size.secrets,
    port,
    // The older build's cache apart, so that the two builds do not replace each other's.
    browserCase === 'restart'
      ? join(size.dataDir, host.against ? `${compileCacheFolder}-against` : compileCacheFolder)
      : null,
  );
  try {
    if (!tab) {
      tabStart = Date.now();
      tab = openTab();
    }
    const { page, openedAt } = await tab;
    started.marks.set('tabOpened', Math.max(openedAt, started.marks.get('listening') ?? 0));
    const figures = size.figures[browserCase];
    if (counted && !host.tsx && !host.tabAfter && !host.against)
      figures.tabOpen.push(openedAt - tabStart);
    await page.goto(started.url);
    await page
      .locator('.fax-row[data-fax-id]')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(tmpdir(), 'kamifax-startup-bench.png') });
        throw error;
      });
    type Times = { firstRowPaintedAt?: number; firstLiveRowPaintedAt?: number };
    await page
      .waitForFunction(
        () =>
          (globalThis as Times).firstRowPaintedAt && (globalThis as Times).firstLiveRowPaintedAt,
        null,
        { timeout: 60_000 },
      )
      .catch(async (error: unknown) => {
        const shot = join(tmpdir(), 'kamifax-startup-bench.png');
        await page.screenshot({ path: shot });
        console.error(`no live inbox row after 60 s (screenshot: ${shot})`);
        throw error;
      });
    const [painted, live] = await page.evaluate(() => [
      (globalThis as Times).firstRowPaintedAt!,
      (globalThis as Times).firstLiveRowPaintedAt!,
    ]);
    const blankPage = await context.newPage();
    const goto = Date.now();
    await blankPage.goto(`${started.url.replace(/\/\?.*$|\/[^/]*$/, '/')}blank.html`);
    const blankPainted = await blankPage.evaluate(() => {
      const g = globalThis as unknown as { requestAnimationFrame(cb: () => void): void };
      return new Promise<number>((resolve) =>
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(Date.now()))),
      );
    });
    if (counted && host.tsx) size.tsxFirst.push(painted - started.started);
    else if (counted && host.against) {
      const add = (name: string, at: number | undefined) =>
        size.against.set(name, [...(size.against.get(name) ?? []), (at ?? NaN) - started.started]);
      for (const step of againstSteps) add(step, started.marks.get(step));
      for (const step of againstSteps)
        size.against.set(`cpu ${step}`, [
          ...(size.against.get(`cpu ${step}`) ?? []),
          started.cpu.get(step) ?? NaN,
        ]);
      add('first', painted);
      add('live', live);
    } else if (counted && host.tabAfter) {
      size.tabAfter.asked.push((started.marks.get('pageAsked') ?? NaN) - started.started);
      size.tabAfter.first.push(painted - started.started);
      size.tabAfter.live.push(live - started.started);
    } else if (counted) {
      figures.first.push(painted - started.started);
      figures.live.push(live - started.started);
      figures.blank.push(blankPainted - goto);
      for (const step of steps) {
        const at = started.marks.get(step);
        if (at === undefined) throw new Error(`the host did not mark ${step}`);
        figures.split.set(step, [...(figures.split.get(step) ?? []), at - started.started]);
        const cpuAt = started.cpu.get(step);
        if (cpuAt !== undefined) figures.cpu.set(step, [...(figures.cpu.get(step) ?? []), cpuAt]);
        const waitAt = started.wait.get(step);
        if (waitAt !== undefined)
          figures.wait.set(step, [...(figures.wait.get(step) ?? []), waitAt]);
      }
    }
  } finally {
    await context.close();
    size.secrets = await started.stop();
  }
}

async function main(): Promise<void> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  const service = await startServiceProcess();
  const webRoot = await mkdtemp(join(tmpdir(), 'kamifax-bench-web-'));
  // Inside the project, so the bundle's packages resolve from node_modules.
  await mkdir(join(root, 'out'), { recursive: true });
  const hostOut = await mkdtemp(join(root, 'out/bench-startup-host-'));
  const hostScript = join(hostOut, 'startup-host.js');
  const profilesDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-chromium-'));
  const prepared: Size[] = [];
  let browser: Browser | null = null;
  try {
    await buildHost({
      projectRoot: root,
      outDir: hostOut,
      entries: {
        'startup-host': 'bench/startup-boot.ts',
        'startup-main': 'bench/startup-host.ts',
        'service-process': 'main/core/session/service-process.ts',
      },
    });
    await build({
      configFile: join(root, 'vite.web.config.ts'),
      build: { outDir: webRoot, emptyOutDir: true },
      logLevel: 'warn',
    });
    await writeFile(join(webRoot, 'blank.html'), '<!doctype html><title>blank</title>');
    // Sign in and sync once per size; later runs start from these folders and secrets.
    for (const { faxes, email } of sizes) {
      const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-startup-'));
      await service.seed(email, faxes, { realistic: true });
      const credentials = new MemoryCredentialStore();
      const setup = await startHeadlessHost({
        dataDir,
        webRoot,
        credentials,
        pollMs: 600_000,
        log: createLogger(() => {}, 'bench', 'error'),
      });
      await setup.core.session.signIn({ kind: 'remote', url: service.url }, email, demoPassword);
      const inbox = setup.core.features.inbox()!;
      const status = await inbox.syncNow();
      await inbox.searchIndexed();
      await setup.close();
      prepared.push({
        faxes,
        dataDir,
        secrets: [...credentials.entries],
        kept: { profileDir: join(profilesDir, `${faxes}`), port: await freePort() },
        total: status.total,
        figures: { restart: noFigures(), cold: noFigures() },
        tsxFirst: [],
        tabAfter: { asked: [], first: [], live: [] },
        against: new Map(),
      });
    }
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const built = { args: [hostScript], tsx: false };
    const fromSource = {
      args: ['--import', 'tsx', join(root, 'bench/startup-host.ts')],
      tsx: true,
    };
    // The tsx comparison takes its turns on a restart.
    const kinds = [
      ...cases.map((browserCase) => ({ host: built, browserCase })),
      ...(compareTsx ? [{ host: fromSource, browserCase: 'restart' as const }] : []),
      ...(compareTabAfter
        ? [{ host: { ...built, tabAfter: true }, browserCase: 'restart' as const }]
        : []),
      ...(againstHost
        ? [
            {
              host: { args: [againstHost], tsx: false, against: true },
              browserCase: 'restart' as const,
            },
          ]
        : []),
    ];
    // Each kept profile is primed by two loads (its code cache is kept from the second on).
    for (const size of prepared)
      for (let load = 0; load < 2; load += 1)
        await run(size, built, webRoot, browser, 'restart', false);
    for (let round = 0; round <= runs; round += 1)
      for (let turn = 0; turn < prepared.length * kinds.length; turn += 1) {
        const kind = kinds[(Math.floor(turn / prepared.length) + round) % kinds.length]!;
        await run(
          prepared[(turn + round) % prepared.length]!,
          kind.host,
          webRoot,
          browser,
          kind.browserCase,
          round > 0,
        );
      }
    const column = (values: (size: Size) => number[]) =>
      prepared.map((size) => fixed(median(values(size))));
    printTable(
      `Start-up of the headless host, signed in, realistic synced faxes (median of ${runs} runs each)`,
      ['measure', ...prepared.map((size) => `${size.total} faxes (ms)`)],
      cases.flatMap((browserCase) => [
        [`${caseNames[browserCase]}:`, ...prepared.map(() => '')],
        ...steps.map((step) => [
          `  process start → ${stepNames[step]}`,
          ...column((s) => s.figures[browserCase].split.get(step) ?? []),
        ]),
        [
          "  process start → first inbox row painted (the host's or live)",
          ...column((s) => s.figures[browserCase].first),
        ],
        [
          '  process start → first live inbox row painted (interactive)',
          ...column((s) => s.figures[browserCase].live),
        ],
        ...cpuSteps.map((step) => [
          `  host CPU (all threads, ms) by ${stepNames[step]}`,
          ...column((s) => s.figures[browserCase].cpu.get(step) ?? []),
        ]),
        ...cpuSteps.map((step) => [
          `  host main thread waiting for a core (run queue, ms) by ${stepNames[step]}`,
          ...column((s) => s.figures[browserCase].wait.get(step) ?? []),
        ]),
        ...(compareTsx && browserCase === 'restart'
          ? [
              [
                '  the same, host from TypeScript through tsx (the old way)',
                ...column((s) => s.tsxFirst),
              ],
            ]
          : []),
        ...(againstHost && browserCase === 'restart'
          ? [
              [`  in turns, the older build (${againstHost}):`, ...prepared.map(() => '')],
              ...againstSteps.map((step) => [
                `    … process start → ${stepNames[step]}`,
                ...column((s) => s.against.get(step) ?? []),
              ]),
              ['    … first inbox row painted', ...column((s) => s.against.get('first') ?? [])],
              ['    … first live row painted', ...column((s) => s.against.get('live') ?? [])],
              ...againstSteps.map((step) => [
                `    … host CPU (all threads, ms) by ${stepNames[step]}`,
                ...column((s) => s.against.get(`cpu ${step}`) ?? []),
              ]),
            ]
          : []),
        ...(compareTabAfter && browserCase === 'restart'
          ? [
              [
                '  in turns, the tab opened once the host listens (the old order): page asked',
                ...column((s) => s.tabAfter.asked),
              ],
              ['    … first row painted', ...column((s) => s.tabAfter.first)],
              ['    … first live row painted', ...column((s) => s.tabAfter.live)],
            ]
          : []),
        [
          '  reference: Chromium opens the tab (newPage, beside the host start)',
          ...column((s) => s.figures[browserCase].tabOpen),
        ],
        [
          '  reference: Chromium paints a blank page from the same server',
          ...column((s) => s.figures[browserCase].blank),
        ],
      ]),
    );
    console.log(
      'restart: each size has a Chromium profile kept across its runs (V8 code cache, HTTP cache) and a fixed port, as Electron keeps its profile and app:// origin across restarts; Chromium is launched on it before the host (not timed) and closed after each run; the profile was primed by two loads. cold: a fresh profile and a new port each run.',
    );
    console.log(
      `Host compile cache (Node's module.enableCompileCache, kept in the data folder in the restart case, none cold): ${[...compileCacheSeen].join(', ')} on Node ${process.versions.node}${compileCacheSeen.has('unsupported') ? ' (Node < 22.1 has none: every start compiles the host, as the cold case)' : ''}.`,
    );
    if (profileDir) console.log(`CPU profiles of the host processes: ${profileDir}`);
  } finally {
    await browser?.close();
    await service.stop();
    await rm(webRoot, { recursive: true, force: true });
    await rm(hostOut, { recursive: true, force: true });
    await rm(profilesDir, { recursive: true, force: true });
    for (const size of prepared) await rm(size.dataDir, { recursive: true, force: true });
  }
}

await main();
