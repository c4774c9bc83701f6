/**
 * Start-up: from the host process's start to the first inbox row painted, in the headless
 * host (the desktop app's core, served to Chromium), for a signed-in user whose 10,000 and
 * 100,000 realistic faxes (service/demo/realistic-inbox.ts) are already synced; beside
 * Chromium painting a blank page from the same server. Each run is a fresh process on the
 * same data folder, the sizes taking turns; the first round, which warms the OS file cache,
 * is not counted. The host runs built to JavaScript, as `npm run start:web` and the installed
 * app run it (main/headless/host-build.ts; the build is not timed). The sign-in is restored
 * from a keychain: the host process gets an in-memory one filled from stdin (no keychain
 * answers on the build machine). KAMIFAX_BENCH_PROFILE=1 writes a CPU profile of each host
 * process (node --cpu-prof) and prints where they are.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { buildHost } from '../main/headless/host-build';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { startHeadlessHost } from '../main/headless/host';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import { demoPassword, fixed, median, printTable, startServiceProcess } from './inbox-helpers';

const sizes = [
  { faxes: 10_000, email: 'bob@example.com' },
  { faxes: 100_000, email: 'alice@example.com' },
];
const runs = 5;
const root = fileURLToPath(new URL('..', import.meta.url));
/** KAMIFAX_BENCH_STARTUP_TSX=1: also time the host from TypeScript through tsx (the old way), in turn. */
const compareTsx = process.env.KAMIFAX_BENCH_STARTUP_TSX === '1';
const profileDir =
  process.env.KAMIFAX_BENCH_PROFILE === '1' ? join(tmpdir(), 'kamifax-startup-prof') : null;
/** The steps the host process marks (bench/startup-host.ts), in order. */
const steps = ['loaded', 'listening', 'restored', 'queryAsked', 'queryAnswered'] as const;
type Step = (typeof steps)[number];

/** In the page, before anything else: the wall-clock time the first inbox row is painted. */
function watchFirstRow(): void {
  const state = globalThis as unknown as {
    firstRowPaintedAt?: number;
    requestAnimationFrame(callback: () => void): void;
  };
  const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } })
    .document;
  const observer = new (
    globalThis as unknown as {
      MutationObserver: new (cb: () => void) => {
        observe(n: unknown, o: object): void;
        disconnect(): void;
      };
    }
  ).MutationObserver(() => {
    if (state.firstRowPaintedAt || !doc.querySelector('.fax-row[data-fax-id]')) return;
    observer.disconnect();
    state.requestAnimationFrame(() =>
      state.requestAnimationFrame(() => (state.firstRowPaintedAt = Date.now())),
    );
  });
  observer.observe(doc, { childList: true, subtree: true });
}

async function startHostProcess(
  hostArgs: readonly string[],
  dataDir: string,
  webRoot: string,
  secrets: [string, string][],
) {
  const profile = profileDir ? [`--cpu-prof`, `--cpu-prof-dir=${profileDir}`] : [];
  const started = Date.now();
  const child = spawn(process.execPath, [...profile, ...hostArgs], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify({ dataDir, webRoot, secrets }));
  let rotated: [string, string][] = secrets;
  const marks = new Map<Step, number>();
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
      if (line.startsWith('secrets ')) rotated = JSON.parse(line.slice('secrets '.length));
      const [word, name, at] = line.split(' ');
      if (word === 'mark') marks.set(name as Step, Number(at));
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code})`)));
  });
  const stop = () =>
    new Promise<[string, string][]>((resolve) => {
      child.once('exit', () => resolve(rotated));
      child.kill('SIGTERM');
    });
  return { started, url, marks, stop };
}

const stepNames: Record<Step, string> = {
  loaded: 'host modules loaded',
  listening: 'page served (listening)',
  restored: 'sign-in restored, stores open',
  queryAsked: 'first inbox query asked by the page',
  queryAnswered: 'first inbox query answered',
};

interface Size {
  faxes: number;
  dataDir: string;
  secrets: [string, string][];
  total: number;
  first: number[];
  /** First row painted with the host run from TypeScript through tsx (KAMIFAX_BENCH_STARTUP_TSX). */
  tsxFirst: number[];
  blank: number[];
  /** Each step's time from spawning the process, per counted run. */
  split: Map<Step, number[]>;
}

/** One fresh host process on a size's folder: first row painted, and a blank page beside it. */
async function run(
  size: Size,
  host: { args: readonly string[]; tsx: boolean },
  webRoot: string,
  browser: Browser,
  counted: boolean,
) {
  const started = await startHostProcess(host.args, size.dataDir, webRoot, size.secrets);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFirstRow);
    await page.goto(started.url);
    await page
      .locator('.fax-row[data-fax-id]')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(tmpdir(), 'kamifax-startup-bench.png') });
        throw error;
      });
    await page.waitForFunction(
      () => (globalThis as { firstRowPaintedAt?: number }).firstRowPaintedAt,
      null,
      { timeout: 60_000 },
    );
    const painted = await page.evaluate(
      () => (globalThis as { firstRowPaintedAt?: number }).firstRowPaintedAt!,
    );
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
    else if (counted) {
      size.first.push(painted - started.started);
      size.blank.push(blankPainted - goto);
      for (const step of steps) {
        const at = started.marks.get(step);
        if (at === undefined) throw new Error(`the host did not mark ${step}`);
        size.split.set(step, [...(size.split.get(step) ?? []), at - started.started]);
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
  const prepared: Size[] = [];
  let browser: Browser | null = null;
  try {
    await buildHost({
      projectRoot: root,
      outDir: hostOut,
      entries: {
        'startup-host': 'bench/startup-host.ts',
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
        total: status.total,
        first: [],
        tsxFirst: [],
        blank: [],
        split: new Map(),
      });
    }
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const built = { args: [hostScript], tsx: false };
    const fromSource = {
      args: ['--import', 'tsx', join(root, 'bench/startup-host.ts')],
      tsx: true,
    };
    const hosts = compareTsx ? [built, fromSource] : [built];
    for (let round = 0; round <= runs; round += 1)
      for (let turn = 0; turn < prepared.length * hosts.length; turn += 1)
        await run(
          prepared[(turn + round) % prepared.length]!,
          hosts[(Math.floor(turn / prepared.length) + round) % hosts.length]!,
          webRoot,
          browser,
          round > 0,
        );
    printTable(
      `Start-up of the headless host, signed in, realistic synced faxes (median of ${runs} runs each)`,
      ['measure', ...prepared.map((size) => `${size.total} faxes (ms)`)],
      [
        ...steps.map((step) => [
          `process start → ${stepNames[step]}`,
          ...prepared.map((s) => fixed(median(s.split.get(step) ?? []))),
        ]),
        ['process start → first inbox row painted', ...prepared.map((s) => fixed(median(s.first)))],
        ...(compareTsx
          ? [
              [
                'the same, host from TypeScript through tsx (the old way)',
                ...prepared.map((s) => fixed(median(s.tsxFirst))),
              ],
            ]
          : []),
        [
          'reference: Chromium paints a blank page from the same server',
          ...prepared.map((s) => fixed(median(s.blank))),
        ],
      ],
    );
    if (profileDir) console.log(`CPU profiles of the host processes: ${profileDir}`);
  } finally {
    await browser?.close();
    await service.stop();
    await rm(webRoot, { recursive: true, force: true });
    await rm(hostOut, { recursive: true, force: true });
    for (const size of prepared) await rm(size.dataDir, { recursive: true, force: true });
  }
}

await main();
