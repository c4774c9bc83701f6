/**
 * Compose's preview of a 50-page fax at fine resolution, in Chromium: the 50-page PDF is
 * normalised and merged behind a Japanese cover page as Compose does (timed in Node), then
 * a page (bench/preview/) opens it with the viewer's loader and draws every page through the
 * viewer's renderPage at 204×196 dots with the 1-bit slicer (`faxResolution: 'fine'`), beside
 * pdf.js drawing the same pages on canvases of the same size without the 1-bit step (one pixel
 * read, so Chromium rasterises what pdf.js recorded, as showing the page would). Time to
 * the first page and to all pages, from opening the document; median of 3, alternating order.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { normaliseDocument } from '../main/core/compose/documents';
import { FontSource } from '../main/core/compose/fonts';
import { mergeFax } from '../main/core/compose/merge';
import { chromiumArgs, chromiumPath } from '../test/helpers/system';
import { pdfjsAssets } from '../vite.web.config';
import type { OneBitCheck, PreviewResult } from './preview/preview-result';
import { realisticPdf } from './realistic-pdf';

const rounds = 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};
type Mode = 'ours' | 'reference';

/** The 50-page fax as Compose builds it (normalised pages behind a Japanese cover page). */
async function buildFax(): Promise<{ pdf: Uint8Array; ms: number[] }> {
  const two = await PDFDocument.load(await realisticPdf());
  const fifty = await PDFDocument.create();
  for (let i = 0; i < 25; i += 1)
    for (const page of await fifty.copyPages(two, two.getPageIndices())) fifty.addPage(page);
  const bytes = await fifty.save();
  const fonts = new FontSource();
  const times: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  for (let i = 0; i < rounds + 1; i += 1) {
    const started = performance.now();
    const doc = await normaliseDocument({ name: 'fifty.pdf', bytes }, { paper: 'a4', fonts });
    if (!doc.ok) throw new Error(doc.code);
    const fax = await mergeFax({
      cover: {
        template: 'classic',
        from: '山田 太郎',
        to: '田中 花子 様',
        company: '株式会社カミファクス',
        message: '資料を送付いたします。',
      },
      facts: { subject: '資料', date: new Date(), language: 'ja' },
      documents: [doc],
      paper: 'a4',
      fonts,
    });
    if (i > 0) times.push(performance.now() - started);
    pdf = fax.pdf;
  }
  return { pdf, ms: times };
}

async function measure(browser: Browser, url: string): Promise<PreviewResult> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as { previewResult?: PreviewResult }).previewResult,
      undefined,
      { timeout: 600_000, polling: 100 },
    );
    return (await handle.jsonValue()) as PreviewResult;
  } finally {
    await page.close();
  }
}

/** The word-wise slicer against the original on every page, with each step's time. */
async function runCheck(browser: Browser, url: string): Promise<OneBitCheck> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as { oneBitCheck?: OneBitCheck }).oneBitCheck,
      undefined,
      { timeout: 600_000, polling: 100 },
    );
    return (await handle.jsonValue()) as OneBitCheck;
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (!chromiumPath) throw new Error('Chromium is not installed (apt-get install chromium)');
  const fax = await buildFax();
  const outDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-preview-'));
  const root = fileURLToPath(new URL('./preview', import.meta.url));
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [pdfjsAssets()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: { preview: join(root, 'preview.html') } },
    },
  });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body =
      path === '/docs/fax.pdf' ? Promise.resolve(fax.pdf) : readFile(join(outDir, normalize(path)));
    body.then(
      (bytes) =>
        response
          .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
          .end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  const results: Record<Mode, PreviewResult[]> = { ours: [], reference: [] };
  const orders: Mode[][] = [
    ['ours', 'reference'],
    ['reference', 'ours'],
  ];
  let check: OneBitCheck;
  try {
    check = await runCheck(browser, `${origin}/preview.html?mode=check`);
    for (let round = 0; round < rounds; round += 1)
      for (const mode of orders[round % 2]!) {
        const result = await measure(browser, `${origin}/preview.html?mode=${mode}`);
        results[mode].push(result);
        console.log(
          `  ${mode}: first page ${result.firstPageMs.toFixed(0)} ms, all ${result.pages} pages ${result.allPagesMs.toFixed(0)} ms`,
        );
      }
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
  const ours = results.ours;
  const reference = results.reference;
  if (!ours[0]?.blackDotsPage1)
    throw new Error('the fax-resolution render drew no black dots on page 1');
  const row = (label: string, a: number, b: number) =>
    console.log(
      `${label.padEnd(40)}${a.toFixed(0).padStart(10)}${b.toFixed(0).padStart(12)}${(a / b).toFixed(2).padStart(8)}`,
    );
  console.log(
    `\nBuilding the 50-page fax (normalised + Japanese cover, ${ours[0].pages} pages, ${(fax.pdf.length / 1024).toFixed(0)} kB): ${median(fax.ms).toFixed(0)} ms (median of ${rounds}, Node)`,
  );
  console.log(
    `Preview at fine resolution in Chromium, median of ${rounds}, from opening the document:`,
  );
  console.log(
    `${'(ms)'.padEnd(40)}${'1-bit fax'.padStart(10)}${'pdf.js only'.padStart(12)}${'ratio'.padStart(8)}`,
  );
  row(
    'first preview page',
    median(ours.map((r) => r.firstPageMs)),
    median(reference.map((r) => r.firstPageMs)),
  );
  row(
    `all ${ours[0].pages} pages`,
    median(ours.map((r) => r.allPagesMs)),
    median(reference.map((r) => r.allPagesMs)),
  );
  console.log('ratio = 1-bit fax render / pdf.js on the same canvas size without the 1-bit step');
  const step = (label: string, ms: number) =>
    console.log(`  ${label.padEnd(38)}${(ms / check.pages).toFixed(1).padStart(8)} ms a page`);
  console.log(`Where a page's time goes (one pass over all ${check.pages} pages):`);
  step('pdf.js draws the page (recorded)', check.ms.render);
  step('Chromium rasterises it (1-pixel read)', check.ms.raster);
  step('getImageData of the whole page', check.ms.read);
  step('1-bit slicer, original per-pixel loop', check.ms.original);
  step('1-bit slicer, word-wise (in use)', check.ms.words);
  step('putImageData', check.ms.write);
  console.log(
    `word-wise vs original slicer: ${check.differentPixels} bytes and ${check.differentCounts} black-dot counts differ over ${check.pages} pages (${check.blackDots} black dots)`,
  );
  if (check.differentPixels > 0 || check.differentCounts > 0)
    throw new Error('the word-wise 1-bit slicer does not match the original');
}

await main();
