import { chromium, type Browser, type Page } from 'playwright-core';
import { en } from '../../renderer/src/i18n/messages/en';
import { chromiumArgs, chromiumPath } from './system';

/** Launches Debian's Chromium headless through playwright-core (no browser download). */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** Opens the host's page in a new tab and waits until the app says it is ready. */
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
