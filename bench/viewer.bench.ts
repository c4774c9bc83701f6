/**
 * Our fax viewer against pdf.js's own PDFViewer (given the same `getDocument` options), in one
 * Chromium run. Time until page 1 is painted at its final size (fit width in the pane's final
 * column, not an earlier 25 % render), on: the generated 200-page fine-mode fax as Flate, the same
 * pages re-encoded as CCITT G4 by Ghostscript, and the fax PDFs of ../shared/corpus/pdf-fax.
 * Memory after scrolling through every page of the CCITT fax: main-thread JS heap after GC,
 * canvas pixels still held, the proportional set size of the page's own renderer process and of
 * Chromium's GPU process. Both pages are built here with Vite.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import react from '@vitejs/plugin-react';
import type { Browser, CDPSession } from 'playwright-core';
import { build } from 'vite';
import { contentSecurityPolicy } from '../main/core/security/csp';
import { pdfjsAssets } from '../vite.web.config';
import { faxPdf } from '../test/helpers/fax-pdf';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';

const pageCount = 200;
// KAMIFAX_BENCH_ROUNDS lowers the count on a loaded machine; the table says how many were run.
const rounds = Number(process.env.KAMIFAX_BENCH_ROUNDS ?? 3);
const corpusDir = fileURLToPath(new URL('../../shared/corpus/pdf-fax', import.meta.url));
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
    firstAnyPaint: number | null;
    firstPaint: number | null;
    firstSource?: string | null;
    showPage: ((pageNumber: number) => Promise<void>) | null;
  };
  document: { querySelectorAll(selector: 'canvas'): Iterable<{ width: number; height: number }> };
}

interface Paint {
  /** Page 1 at its final size. */
  firstPaintMs: number;
  /** Page 1 at any size (the figure this bench used to report). */
  anyPaintMs: number;
  /** What that paint was: `ahead` (page 1 rendered ahead), `pdf`, or null (the reference). */
  source: string | null;
}

interface Memory {
  jsHeapMb: number;
  canvasMb: number;
  rendererMb: number;
  gpuMb: number;
}

/** Ours opening a fax cold, ours opening it after rendering page 1 ahead, and PDFViewer. */
type Viewer = 'ours' | 'ahead' | 'reference';

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

/** Serves the built pages and the documents (`/docs/<name>`); ours under the app's CSP. */
function serve(root: string, docs: ReadonlyMap<string, Uint8Array>) {
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const doc = path.startsWith('/docs/') ? docs.get(decodeURIComponent(path.slice(6))) : null;
    const body = doc ?? (await readFile(join(root, normalize(path))));
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

/** The 200-page fax re-encoded by Ghostscript with CCITT G4 (K −1), the pages unchanged; null without gs. */
async function ccittFax(flate: Uint8Array, folder: string): Promise<Uint8Array | null> {
  const input = join(folder, 'flate.pdf');
  const output = join(folder, 'ccitt.pdf');
  await writeFile(input, flate);
  try {
    await promisify(execFile)('gs', [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=pdfwrite',
      '-dEncodeMonoImages=true',
      '-dAutoFilterMonoImages=false',
      '-dMonoImageFilter=/CCITTFaxEncode',
      '-dDownsampleMonoImages=false',
      `-sOutputFile=${output}`,
      input,
    ]);
  } catch (error) {
    console.log(
      `Skipping the CCITT G4 fax: Ghostscript (gs) failed or is missing: ${String(error)}`,
    );
    return null;
  }
  return new Uint8Array(await readFile(output));
}

async function processes(cdp: CDPSession): Promise<Array<{ type: string; id: number }>> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  return processInfo;
}

async function pssMegabytes(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
}

async function openViewer(browser: Browser, url: string, warnings: Set<string>) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${url}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error')
      warnings.add(`${url.replace(/^.*\//, '')}: ${message.text().slice(0, 120)}`);
  });
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).benchState?.firstPaint != null,
    null,
    { timeout: 30_000 },
  );
  const paint = await page.evaluate(() => {
    const state = (globalThis as unknown as PageGlobals).benchState!;
    return {
      firstPaintMs: state.firstPaint!,
      anyPaintMs: state.firstAnyPaint!,
      source: state.firstSource ?? null,
    };
  });
  return { context, page, paint };
}

async function measurePaint(browser: Browser, url: string, warnings: Set<string>): Promise<Paint> {
  const { context, paint } = await openViewer(browser, url, warnings);
  await context.close();
  return paint;
}

/**
 * Memory after scrolling every page. The page's renderer is the renderer process that appeared
 * with this page (the largest, should Chromium also have started a spare one); the GPU process is
 * the one Chromium reports as type "GPU".
 */
async function measureMemory(
  browser: Browser,
  url: string,
  warnings: Set<string>,
): Promise<Memory> {
  const browserCdp = await browser.newBrowserCDPSession();
  const before = new Set((await processes(browserCdp)).map((p) => p.id));
  const { context, page } = await openViewer(browser, url, warnings);
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
  const all = await processes(browserCdp);
  const fresh = all.filter((p) => p.type === 'renderer' && !before.has(p.id));
  const rendererMb = Math.max(0, ...(await Promise.all(fresh.map((p) => pssMegabytes(p.id)))));
  const gpu = all.find((p) => p.type.toLowerCase() === 'gpu');
  if (!gpu) console.log(`No GPU process; Chromium reported: ${all.map((p) => p.type).join(', ')}`);
  const gpuMb = gpu ? await pssMegabytes(gpu.id) : Number.NaN;
  await context.close();
  await browserCdp.detach();
  return { jsHeapMb: jsHeap / 1048576, canvasMb: canvasBytes / 1048576, rendererMb, gpuMb };
}

function median(values: number[]): number {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const orders: ReadonlyArray<readonly Viewer[]> = [
  ['ours', 'ahead', 'reference'],
  ['reference', 'ahead', 'ours'],
];
const memoryOrders: ReadonlyArray<readonly Viewer[]> = [
  ['ours', 'reference'],
  ['reference', 'ours'],
];

function row(label: string, ours: number, reference: number, width = 44): string {
  const ratio = reference > 0 ? (ours / reference).toFixed(2) : 'n/a';
  return `${label.padEnd(width)}${ours.toFixed(1).padStart(10)}${reference.toFixed(1).padStart(12)}${ratio.padStart(8)}`;
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'kamifax-viewer-bench-'));
  const docs = new Map<string, Uint8Array>();
  const flate = await faxPdf(pageCount);
  docs.set('flate-200.pdf', flate);
  const ccitt = await ccittFax(flate, outDir);
  if (ccitt) docs.set('ccitt-g4-200.pdf', ccitt);
  const corpus = (await readdir(corpusDir).catch(() => [])).filter((name) => name.endsWith('.pdf'));
  if (corpus.length === 0)
    console.log(`No fax PDFs in ${corpusDir}; benching the generated faxes only.`);
  for (const name of corpus.sort())
    docs.set(`corpus-${name}`, new Uint8Array(await readFile(join(corpusDir, name))));
  const memoryDoc = ccitt ? 'ccitt-g4-200.pdf' : 'flate-200.pdf';
  await buildPages(join(outDir, 'site'));
  const server = serve(join(outDir, 'site'), docs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!chromiumPath) throw new Error('Chromium is not installed (apt-get install chromium)');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--enable-precise-memory-info'],
    headless: true,
  });
  // KAMIFAX_BENCH_COLD_WORKER=1: ours starts its pdf.js worker only when the fax opens.
  const cold = process.env.KAMIFAX_BENCH_COLD_WORKER === '1' ? '&worker=cold' : '';
  const url = (viewer: Viewer, doc: string) =>
    viewer === 'reference'
      ? `${origin}/reference.html?doc=${encodeURIComponent(doc)}`
      : `${origin}/ours.html?doc=${encodeURIComponent(doc)}${cold}${viewer === 'ahead' ? '&ahead=1' : ''}`;
  const paints = new Map<string, Record<Viewer, Paint[]>>();
  const memory: Record<Viewer, Memory[]> = { ours: [], ahead: [], reference: [] };
  const failed: string[] = [];
  const warnings = new Set<string>();
  try {
    for (let round = 0; round < rounds; round += 1)
      for (const doc of docs.keys()) {
        const entry = paints.get(doc) ?? { ours: [], ahead: [], reference: [] };
        paints.set(doc, entry);
        for (const viewer of orders[round % 2]!)
          try {
            entry[viewer].push(await measurePaint(browser, url(viewer, doc), warnings));
            // Printed as it goes, so a run cut short still shows what it measured.
            const last = entry[viewer].at(-1)!;
            console.log(
              `  ${viewer} ${doc}: ${last.firstPaintMs.toFixed(0)} ms (any size ${last.anyPaintMs.toFixed(0)}${last.source ? `, ${last.source}` : ''})`,
            );
          } catch (error) {
            failed.push(`${viewer} ${doc}: ${String(error).split('\n')[0]}`);
            console.log(`  ${viewer} ${doc}: no final-size paint`);
          }
      }
    for (let round = 0; round < rounds; round += 1)
      for (const viewer of memoryOrders[round % 2]!) {
        memory[viewer].push(await measureMemory(browser, url(viewer, memoryDoc), warnings));
        console.log(`  ${viewer} memory: ${JSON.stringify(memory[viewer].at(-1))}`);
      }
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
  console.log(
    `Viewer benchmark: 1280×900, median of ${rounds} runs each, same Chromium; page 1 at its final ` +
      'size (fit width in the final pane), PDFViewer with our getDocument options; ours with ' +
      (cold
        ? 'its pdf.js worker started when the fax opens'
        : 'a pdf.js worker started and loaded ahead, as the inbox has it') +
      '; "rendered ahead": a prefetched unread fax whose page 1 the inbox rendered while idle',
  );
  const head = (title: string) =>
    console.log(
      `${title.padEnd(44)}${'Kamifax'.padStart(10)}${'PDFViewer'.padStart(12)}${'ratio'.padStart(8)}`,
    );
  const ratios: Record<'ours' | 'ahead', number[]> = { ours: [], ahead: [] };
  for (const viewer of ['ours', 'ahead'] as const) {
    head(
      viewer === 'ours'
        ? 'page 1 at final size, cold (ms)'
        : 'page 1 at final size, rendered ahead (ms)',
    );
    for (const [doc, entry] of paints) {
      const ours = median(entry[viewer].map((p) => p.firstPaintMs));
      const reference = median(entry.reference.map((p) => p.firstPaintMs));
      const size = `${doc} (${((docs.get(doc)?.length ?? 0) / 1024).toFixed(0)} KB)`;
      const ahead = entry[viewer].filter((p) => p.source === 'ahead').length;
      const note = viewer === 'ahead' ? `  (${ahead}/${entry[viewer].length} from the image)` : '';
      console.log(`${row(size, ours, reference)}${note}`);
      if (doc !== 'flate-200.pdf' && ours > 0 && reference > 0)
        ratios[viewer].push(ours / reference);
    }
    console.log(
      `median ratio over the CCITT bench fax and the corpus fax PDFs (${ratios[viewer].length}), ` +
        `${viewer === 'ours' ? 'cold' : 'rendered ahead'}: ${median(ratios[viewer]).toFixed(2)} (goal ≤ 0.80)\n`,
    );
  }
  console.log(`\nMemory after scrolling all ${pageCount} pages of ${memoryDoc}`);
  const labels: Record<keyof Memory, string> = {
    jsHeapMb: 'main-thread JS heap after GC (MB)',
    canvasMb: 'canvas pixels held (MB)',
    rendererMb: "the page's renderer process PSS (MB)",
    gpuMb: 'GPU process PSS (MB)',
  };
  for (const key of Object.keys(labels) as Array<keyof Memory>)
    console.log(
      row(
        labels[key],
        median(memory.ours.map((m) => m[key])),
        median(memory.reference.map((m) => m[key])),
      ),
    );
  console.log('ratio = Kamifax / PDFViewer (below 1 is better)');
  for (const line of failed) console.log(`no final-size paint: ${line}`);
  for (const line of [...warnings].slice(0, 20)) console.log(`console: ${line}`);
}

await main();
