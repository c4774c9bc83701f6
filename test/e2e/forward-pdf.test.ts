import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { en } from '../../renderer/src/i18n/messages/en';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { textPdf } from '../helpers/fax-pdf';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

/** A PDF of `pages` pages with a line of text each. */

describe.skipIf(!hasChromium)('Forward of a PDF opened in the viewer, in Chromium', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kamifax-forward-pdf-e2e-'));
    host = await startTestHost({ credentials: new MemoryCredentialStore(), dataDir: dir });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await page.setViewportSize({ width: 1200, height: 760 });
    await signInToDemo(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens Compose on a draft holding the opened PDF, with its page count', async () => {
    // The browser host has no open dialog: the page picks the file and Forward sends its bytes.
    await page.getByRole('button', { name: en['inbox.openPdf'], exact: true }).click();
    await page.locator('.viewer-opener input[type="file"]').setInputFiles({
      name: 'price-list.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await textPdf(3)),
    });
    await page
      .locator('.viewer-page[data-page-number="1"][data-render-state="rendered"]')
      .waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: en['viewer.forward'], exact: true }).click();
    await page.locator('.content[data-screen="compose"] .compose[data-draft-id]').waitFor();
    await page.locator('.document[data-document-id]').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.document-name').allTextContents()).toEqual(['price-list.pdf']);
    expect(await page.locator('.document-pages').allTextContents()).toEqual(['3 pages']);
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
  });
});
