import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { a4, faxPdf, heavyPdf, passwordPdf } from '../helpers/fax-pdf';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { errorMessage, openBytes, openViewerPage, outcome, pageInk } from './viewer-harness';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

describe.skipIf(!hasChromium)('the fax viewer in real Chromium', () => {
  let host: TestHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startTestHost({ locale: 'en-US' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('keeps a standard-resolution fax (1728×1100 image on A4) at the page’s true shape', async () => {
    const page = await openViewerPage(host, browser);
    await openBytes(page, 'standard.pdf', await faxPdf(1, { width: 1728, height: 1100 }));
    expect(await outcome(page, 20_000)).toBe('rendered');
    const drawn = await pageInk(page, 1);
    const a4Ratio = a4.height / a4.width;
    expect(drawn.ink).toBeGreaterThan(1000);
    expect(drawn.height / drawn.width).toBeCloseTo(a4Ratio, 2);
    expect(drawn.cssHeight / drawn.cssWidth).toBeCloseTo(a4Ratio, 1);
    await page.close();
  });

  it('says clearly, in English and Japanese, when a PDF is password-protected or damaged', async () => {
    const protectedPdf = await passwordPdf();
    const good = await faxPdf(2);
    const cases: Array<[string, Uint8Array, string]> = [
      ['protected.pdf', protectedPdf, 'password'],
      ['truncated.pdf', good.slice(0, 700), 'invalid'],
      ['garbage.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a pdf at all'), 'invalid'],
      ['empty.pdf', new Uint8Array(0), 'invalid'],
    ];
    const page = await openViewerPage(host, browser);
    for (const [name, bytes, reason] of cases) {
      await openBytes(page, name, bytes);
      expect(await outcome(page, 20_000), name).toBe(`failed:${reason}`);
      expect(await page.locator('.viewer-error p').textContent()).toBe(errorMessage(reason));
    }
    await page.close();
    const japanese = await openViewerPage(host, browser, { locale: 'ja-JP' });
    await openBytes(japanese, 'protected.pdf', protectedPdf);
    expect(await outcome(japanese, 20_000)).toBe('failed:password');
    expect(await japanese.locator('.viewer-error p').textContent()).toBe(
      ja['viewer.error.password'],
    );
    await japanese.close();
  });

  it('shows “could not be displayed” with a retry when a page misses its render deadline', async () => {
    const page = await openViewerPage(host, browser, { query: '?renderMs=300' });
    await openBytes(page, 'heavy.pdf', await heavyPdf());
    expect(await outcome(page, 20_000)).toBe('page-failed');
    const alert = page.locator('.viewer-page[data-page-number="1"] [role="alert"]');
    expect(await alert.locator('p').textContent()).toBe(
      en['viewer.page.failed'].replace('{page}', '1'),
    );
    await alert.getByRole('button', { name: en['viewer.page.retry'] }).click();
    await page.waitForSelector('.viewer-page[data-page-number="1"][data-render-state="failed"]');
    // The viewer stays responsive: the toolbar still works.
    await page.getByRole('button', { name: en['viewer.zoom.in'] }).click();
    await page.close();
  });

  it('prints through the host: every page as an image, then window.print()', async () => {
    const page = await openViewerPage(host, browser);
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = String(
          document.querySelectorAll('.viewer-print img').length,
        );
      };
    });
    await openBytes(page, 'three.pdf', await faxPdf(3));
    expect(await outcome(page, 20_000)).toBe('rendered');
    await page.getByRole('button', { name: en['viewer.print'] }).click();
    await page.waitForSelector('body[data-printed="3"]', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('.viewer-print').length === 0);
    await page.close();
  });

  it('opens a 200-page fine fax: jump to 150, rotate, zoom, keys, save a copy equal to the original', async () => {
    const original = await faxPdf(200);
    const page = await openViewerPage(host, browser);
    const started = Date.now();
    await openBytes(page, 'long fax.pdf', original);
    expect(await outcome(page, 20_000)).toBe('rendered');
    console.log(`200-page fax: first page drawn in ${Date.now() - started} ms`);
    expect(await page.locator('.viewer-page').count()).toBe(200);

    const pageBox = page.getByLabel(en['viewer.page.input']);
    await pageBox.fill('150');
    await pageBox.press('Enter');
    await page.waitForSelector('.viewer-body[data-current-page="150"]');
    await page.waitForSelector(
      '.viewer-page[data-page-number="150"][data-render-state="rendered"]',
    );
    const live = await page.evaluate(
      () =>
        [...document.querySelectorAll('.viewer-page canvas')].filter(
          (c) => (c as HTMLCanvasElement).width > 0,
        ).length,
    );
    expect(live).toBeLessThanOrEqual(5);

    await page.getByRole('button', { name: en['viewer.rotate.page'] }).click();
    await page.waitForFunction(() => {
      const box = document
        .querySelector('.viewer-page[data-page-number="150"]')!
        .getBoundingClientRect();
      return box.width > box.height;
    });
    await page.getByRole('button', { name: en['viewer.rotate.documentRight'] }).click();
    const zoomBefore = Number(await page.locator('.viewer-body').getAttribute('data-zoom'));
    await page.getByRole('button', { name: en['viewer.zoom.in'] }).click();
    await expect
      .poll(async () => Number(await page.locator('.viewer-body').getAttribute('data-zoom')))
      .toBeGreaterThan(zoomBefore);
    expect(await page.locator('.viewer-body').getAttribute('data-current-page')).toBe('150');
    await page.waitForSelector(
      '.viewer-page[data-page-number="150"][data-render-state="rendered"]',
    );
    // Rotation is remembered in the signed-in account's store, never in the browser's storage.
    const remembered = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('kamifax.viewer.rotation.')),
    );
    expect(remembered).toEqual([]);

    await page.getByRole('region', { name: en['viewer.pageArea'] }).focus();
    await page.keyboard.press('End');
    await page.waitForSelector('.viewer-body[data-current-page="200"]');
    await page.keyboard.press('Home');
    await page.waitForSelector('.viewer-body[data-current-page="1"]');
    await page.keyboard.press('PageDown');
    await page.waitForSelector('.viewer-body[data-current-page="2"]');

    await page.getByRole('button', { name: en['viewer.save'] }).click();
    await page.waitForSelector('.viewer-notice button');
    const folder = join(host.dataDir, 'Saved faxes');
    const [saved] = await readdir(folder);
    expect(saved).toBe('long fax.pdf');
    expect(Buffer.compare(await readFile(join(folder, saved!)), Buffer.from(original))).toBe(0);
    await page.getByRole('button', { name: en['viewer.showInFolder'] }).click();
    expect(await page.locator('.viewer-notice[role="alert"]').count()).toBe(0);
    await page.close();
  });
});
