import type { Browser } from 'playwright-core';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { launchChromium, openApp, signInToDemo } from './browser';
import { seedDemoInbox, startTestHost, type TestHost } from './headless';

/**
 * A headless host whose demo user is signed in with an inbox shown once, and a Chromium: every
 * page opened on `host.url` afterwards starts straight on the inbox. `faxes` seeds that many
 * more into alice's inbox first (the demo's own are fewer than a screenful).
 */
export async function signedInInbox(faxes = 0): Promise<{ host: TestHost; browser: Browser }> {
  const host = await startTestHost({ credentials: new MemoryCredentialStore() });
  const browser = await launchChromium();
  const first = await openApp(browser, host.url);
  await signInToDemo(first);
  if (faxes > 0) await seedDemoInbox(host, 'alice@example.com', faxes);
  await first.locator('.fax-row[data-fax-id]').first().waitFor();
  await first.context().close();
  return { host, browser };
}
