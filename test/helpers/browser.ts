import { chromium, type Browser, type Page } from 'playwright-core';
import { en } from '../../renderer/src/i18n/messages/en';
import { pageErrors } from './page-errors';
import { chromiumArgs, chromiumPath } from './system';

/**
 * Launches Debian's Chromium headless through playwright-core (no browser download). Every
 * page it opens is watched: a page error or console error fails the running e2e test.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  pageErrors.watchBrowser(browser);
  return browser;
}

/** Lets a test expect some page or console errors on one page (each pattern says which). */
export function allowPageErrors(page: Page, patterns: readonly RegExp[]): void {
  pageErrors.allow(page, patterns);
}

/**
 * Opens the host's page in a new tab and waits until the app says it is ready. `url` is a
 * headless host's one-time link (`TestHost.url` hands out a fresh one on every read): the
 * host swaps it for the session cookie and redirects to the page.
 */
export async function openApp(browser: Browser, url: string, locale = 'en-US'): Promise<Page> {
  const page = await browser.newPage({ locale });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/** Signs in to the local demo service as Alice with the sign-in screen's one-click button. */
export async function signInToDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: en['signIn.demo'] }).click();
  await page.getByRole('navigation').waitFor();
}
