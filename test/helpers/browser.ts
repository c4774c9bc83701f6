import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './system';

/** Launches Debian's Chromium headless through playwright-core (no browser download). */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed');
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}
