import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { corpusDir, corpusPresent } from '../helpers/corpus';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { openBytes, openViewerPage, outcome, pageInk } from './viewer-harness';

const corpus = corpusDir;
// Missing corpus: skipped with a message on a dev machine, a failure under KAMIFAX_REQUIRE_SYSTEM=1.
const files = corpusPresent()
  ? readdirSync(corpus)
      .filter((folder) => folder.startsWith('pdf-'))
      .flatMap((folder) =>
        readdirSync(join(corpus, folder))
          .filter((name) => name.toLowerCase().endsWith('.pdf'))
          .map((name) => join(folder, name)),
      )
      .sort()
  : [];

/**
 * Files whose first page really is empty (no content stream, or no page tree that pdf.js can
 * recover one from): a white page is the right rendering, so they need no ink.
 */
const emptyPages = new Set([
  'pdf-broken/bug1980958.pdf',
  'pdf-broken/issue15590.pdf',
  'pdf-broken/poppler-85140-0.pdf',
]);

/** Short deadlines, so a file that hangs pdf.js shows its error quickly. */
const loadMs = 5_000;
const renderMs = 5_000;
const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

describe.skipIf(!hasChromium || files.length === 0)('the viewer on every corpus PDF', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startTestHost({ locale: 'en-US' });
    browser = await launchChromium();
    page = await openViewerPage(host, browser, { query: `?loadMs=${loadMs}&renderMs=${renderMs}` });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it.each(files)('%s renders its first page or says why not, within the watchdog', async (file) => {
    const started = Date.now();
    await openBytes(page, file.replace('/', '-'), await readFile(join(corpus, file)));
    const result = await outcome(page, loadMs + renderMs + 5_000);
    const elapsed = Date.now() - started;
    const pages = await page.locator('.viewer-page').count();
    console.log(`${file}: ${result} in ${elapsed} ms (${pages} pages)`);
    expect(elapsed).toBeLessThan(loadMs + renderMs + 5_000);
    if (result === 'rendered') {
      const drawn = await pageInk(page, 1);
      expect(drawn.width).toBeGreaterThan(0);
      if (!emptyPages.has(file)) expect(drawn.ink).toBeGreaterThan(0);
    } else if (result === 'page-failed')
      expect(
        await page.locator('.viewer-page-failed [role="alert"], .viewer-page-failed').count(),
      ).toBe(1);
    else expect(await page.locator('.viewer-error p').textContent()).toBeTruthy();
    // Whatever the file did, the page still answers.
    expect(await page.evaluate(() => document.readyState)).toBe('complete');
  });
});
