/**
 * Our fax viewer against pdf.js's own PDFViewer, in one Chromium run, on the same generated
 * 200-page fine-mode fax: time to the first painted page, and memory after scrolling through
 * every page (main-thread JS heap after GC, canvas pixels still held, and the proportional set
 * size of Chromium's renderer and GPU processes). Both pages are built here with Vite.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, CDPSession } from 'playwright-core';
import { build } from 'vite';
import { contentSecurityPolicy } from '../main/core/security/csp';
import { pdfjsAssets } from '../vite.web.config';
import { faxPdf } from '../test/helpers/fax-pdf';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';

const pageCount = 200;
const rounds = 3;
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/**
 * The page's globals as the evaluated functions see them. This file is type-checked without the
 * DOM, and the pages' CSP forbids evaluating strings, so the (serialised) functions cast.
 */
interface PageGlobals {
  benchState?: {
    firstPaint: number | null;
    showPage: ((pageNumber: number) => Promise<void>) | null;
  };
  document: { querySelectorAll(selector: 'canvas'): Iterable<{ width: number; height: number }> };
}

interface Figures {
  firstPaintMs: number;
  jsHeapMb: number;
  canvasMb: number;
  processMb: number;
}

async function buildPages(outDir: string): Promise<void> {
  const root = fileURLToPath(new URL('./browser', import.meta.url));
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react(), pdfjsAssets()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      chunkSizeWarningLimit: 4000,
      rollupOptions: {
        input: { ours: join(root, 'ours.html'), reference: join(root, 'reference.html') },
      },
    },
  });
}

/** Serves the built pages; ours under the app's CSP, as the hosts serve it. */
function serve(root: string, fax: Uint8Array) {
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = path === '/fax.pdf' ? fax : await readFile(join(root, normalize(path)));
    const headers: Record<string, string> = {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
    };
    if (path === '/ours.html') headers['content-security-policy'] = contentSecurityPolicy();
    response.writeHead(200, headers).end(body);
  };
  return createServer((request, response) => {
    answer(request, response).catch(() => response.writeHead(404).end());
  });
}

async function processMegabytes(cdp: CDPSession): Promise<number> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  let kilobytes = 0;
  for (const process of processInfo.filter((p) => p.type === 'renderer' || p.type === 'gpu')) {
    const rollup = await readFile(`/proc/${process.id}/smaps_rollup`, 'utf8').catch(() => '');
    kilobytes += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return kilobytes / 1024;
}

async function measure(browser: Browser, url: string): Promise<Figures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${url}: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).benchState?.firstPaint != null,
    null,
    {
      timeout: 60_000,
    },
  );
  const firstPaintMs = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).benchState!.firstPaint!,
  );
  for (let number = 1; number <= pageCount; number += 1)
    await page.evaluate(
      (n) => (globalThis as unknown as PageGlobals).benchState!.showPage!(n),
      number,
    );
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const jsHeap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
  const canvasBytes = await page.evaluate(() =>
    [...(globalThis as unknown as PageGlobals).document.querySelectorAll('canvas')].reduce(
      (sum, c) => sum + c.width * c.height * 4,
      0,
    ),
  );
  const browserCdp = await browser.newBrowserCDPSession();
  const processMb = await processMegabytes(browserCdp);
  await context.close();
  return {
    firstPaintMs,
    jsHeapMb: jsHeap / 1048576,
    canvasMb: canvasBytes / 1048576,
    processMb,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'kamifax-viewer-bench-'));
  const fax = await faxPdf(pageCount);
  await buildPages(outDir);
  await writeFile(join(outDir, 'fax.pdf'), fax);
  const server = serve(outDir, fax);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!chromiumPath) throw new Error('Chromium is not installed (apt-get install chromium)');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--enable-precise-memory-info'],
    headless: true,
  });
  const results: Record<'ours' | 'reference', Figures[]> = { ours: [], reference: [] };
  try {
    for (let round = 0; round < rounds; round += 1)
      for (const name of round % 2 === 0
        ? (['ours', 'reference'] as const)
        : (['reference', 'ours'] as const))
        results[name].push(await measure(browser, `${origin}/${name}.html`));
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
  const keys = ['firstPaintMs', 'jsHeapMb', 'canvasMb', 'processMb'] as const;
  const labels = {
    firstPaintMs: 'first page painted (ms)',
    jsHeapMb: 'main-thread JS heap after scrolling (MB)',
    canvasMb: 'canvas pixels held after scrolling (MB)',
    processMb: 'renderer + GPU process PSS (MB)',
  };
  console.log(
    `Viewer benchmark: ${pageCount}-page fine-mode fax (${(fax.length / 1024).toFixed(0)} KB), ` +
      `1280×900, median of ${rounds} runs each, same Chromium`,
  );
  console.log(
    `${'figure'.padEnd(44)}${'Kamifax'.padStart(10)}${'PDFViewer'.padStart(12)}${'ratio'.padStart(8)}`,
  );
  for (const key of keys) {
    const ours = median(results.ours.map((r) => r[key]));
    const reference = median(results.reference.map((r) => r[key]));
    const ratio = reference > 0 ? (ours / reference).toFixed(2) : 'n/a';
    console.log(
      `${labels[key].padEnd(44)}${ours.toFixed(1).padStart(10)}${reference.toFixed(1).padStart(12)}${ratio.padStart(8)}`,
    );
  }
  console.log('ratio = Kamifax / PDFViewer (below 1 is better)');
}

await main();
