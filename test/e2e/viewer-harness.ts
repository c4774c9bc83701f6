import type { Browser, Page } from 'playwright-core';
import { en } from '../../renderer/src/i18n/messages/en';
import type { TestHost } from '../helpers/headless';

/** What became of an opened file: its first page drawn, the page failed, or the document refused. */
export type Outcome = 'rendered' | 'page-failed' | `failed:${string}`;

/** Opens the stand-alone viewer page and reveals its file input (the headless host has no dialog). */
export async function openViewerPage(
  host: TestHost,
  browser: Browser,
  options: { query?: string; locale?: string } = {},
): Promise<Page> {
  const page = await browser.newPage({ locale: options.locale ?? 'en-US' });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  if (process.env.KAMIFAX_VIEWER_CONSOLE)
    page.on('console', (message) => console.log(`console ${message.type()}: ${message.text()}`));
  await page.goto(host.launchUrl(`viewer.html${options.query ?? ''}`));
  await page.waitForSelector('html[data-ready="true"]');
  await page.locator('.viewer-opener button').first().click();
  await page.waitForSelector('.viewer-opener input[type="file"]');
  return page;
}

/**
 * Feeds bytes to the page's file input, as a user picking a file would. A viewer already open
 * is closed first, so what follows can only see the new document.
 */
export async function openBytes(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const close = page.getByRole('button', { name: en['viewer.close'] });
  if ((await close.count()) > 0) {
    await close.first().click();
    await page.waitForSelector('.viewer', { state: 'detached' });
  }
  await page.locator('.viewer-opener input[type="file"]').setInputFiles({
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(bytes),
  });
}

/** Waits for the first page to be drawn or for a clear error, whichever comes first. */
export async function outcome(page: Page, timeout: number): Promise<Outcome> {
  const first = '.viewer-page[data-page-number="1"]';
  await page.waitForSelector(
    `${first}[data-render-state="rendered"], ${first}[data-render-state="failed"], [data-viewer-state="failed"]`,
    { timeout },
  );
  const failed = await page.locator('[data-viewer-state="failed"] [data-error-reason]').count();
  if (failed > 0)
    return `failed:${await page.locator('[data-error-reason]').getAttribute('data-error-reason')}`;
  const state = await page.locator(first).getAttribute('data-render-state');
  return state === 'rendered' ? 'rendered' : 'page-failed';
}

/** The drawn canvas of a page: its pixel and CSS sizes, and how many pixels are not white. */
export async function pageInk(
  page: Page,
  pageNumber: number,
): Promise<{ width: number; height: number; cssWidth: number; cssHeight: number; ink: number }> {
  return page.evaluate((number) => {
    const canvas = document.querySelector<HTMLCanvasElement>(
      `.viewer-page[data-page-number="${number}"] canvas`,
    );
    if (!canvas) return { width: 0, height: 0, cssWidth: 0, cssHeight: 0, ink: 0 };
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250) ink += 1;
    const box = canvas.getBoundingClientRect();
    return {
      width: canvas.width,
      height: canvas.height,
      cssWidth: box.width,
      cssHeight: box.height,
      ink,
    };
  }, pageNumber);
}

/** The English error text for a refusal reason, for asserting what the user reads. */
export function errorMessage(reason: string): string {
  return en[`viewer.error.${reason}` as keyof typeof en];
}
