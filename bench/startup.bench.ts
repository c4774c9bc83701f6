/**
 * Start-up: from the host process's start to the first inbox row painted, in the headless
 * host (the desktop app's core, served to Chromium), for a signed-in user whose 10,000 faxes
 * are already synced; beside Chromium painting a blank page from the same server. Each run
 * is a fresh process on the same data folder; the first run, which warms tsx's cache and the
 * OS file cache, is not counted.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { MemoryCredentialStore } from '../main/core/credentials/memory-store';
import { createLogger } from '../main/core/log/logger';
import { startHeadlessHost } from '../main/headless/host';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import { demoPassword, fixed, median, printTable, startServiceProcess } from './inbox-helpers';

const faxes = 10_000;
const runs = 5;
const email = 'alice@example.com';
const root = fileURLToPath(new URL('..', import.meta.url));

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

async function startHostProcess(dataDir: string, webRoot: string, secrets: [string, string][]) {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/startup-host.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify({ dataDir, webRoot, secrets }));
  let rotated: [string, string][] = secrets;
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
      if (line.startsWith('secrets ')) rotated = JSON.parse(line.slice('secrets '.length));
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code})`)));
  });
  const stop = () =>
    new Promise<[string, string][]>((resolve) => {
      child.once('exit', () => resolve(rotated));
      child.kill('SIGTERM');
    });
  return { started, listening: Date.now(), url, stop };
}

async function main(): Promise<void> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  const service = await startServiceProcess();
  const webRoot = await mkdtemp(join(tmpdir(), 'kamifax-bench-web-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-startup-'));
  let browser: Browser | null = null;
  try {
    await build({
      configFile: join(root, 'vite.web.config.ts'),
      build: { outDir: webRoot, emptyOutDir: true },
      logLevel: 'warn',
    });
    await writeFile(join(webRoot, 'blank.html'), '<!doctype html><title>blank</title>');
    // Sign in and sync once; later runs start from this folder and these secrets.
    await service.seed(email, faxes);
    const credentials = new MemoryCredentialStore();
    const setup = await startHeadlessHost({
      dataDir,
      webRoot,
      credentials,
      pollMs: 600_000,
      log: createLogger(() => {}, 'bench', 'error'),
    });
    await setup.core.session.signIn({ kind: 'remote', url: service.url }, email, demoPassword);
    const status = await setup.core.features.inbox()!.syncNow();
    await setup.close();
    let secrets = [...credentials.entries];

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const first: number[] = [];
    const listen: number[] = [];
    const blank: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const host = await startHostProcess(dataDir, webRoot, secrets);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(watchFirstRow);
        await page.goto(host.url);
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
        await blankPage.goto(`${host.url}blank.html`);
        const blankPainted = await blankPage.evaluate(() => {
          const g = globalThis as unknown as { requestAnimationFrame(cb: () => void): void };
          return new Promise<number>((resolve) =>
            g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(Date.now()))),
          );
        });
        if (run > 0) {
          first.push(painted - host.started);
          listen.push(host.listening - host.started);
          blank.push(blankPainted - goto);
        }
      } finally {
        await context.close();
        secrets = await host.stop();
      }
    }
    printTable(
      `Start-up of the headless host, ${status.total} synced faxes, signed in (median of ${runs} runs)`,
      ['measure', 'ms'],
      [
        ['process start → page served (listening)', fixed(median(listen))],
        ['process start → first inbox row painted', fixed(median(first))],
        ['reference: Chromium paints a blank page from the same server', fixed(median(blank))],
      ],
    );
    console.log(
      '(The host runs from TypeScript through tsx, so its figure includes tsx’s cached loading.)',
    );
  } finally {
    await browser?.close();
    await service.stop();
    await rm(webRoot, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
