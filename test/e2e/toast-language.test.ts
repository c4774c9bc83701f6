import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

// Toasts keep a message key and its values, not words: a language switch while one is up
// re-translates it (and its Undo button), the shell's own notices included.
describe.skipIf(!hasChromium)('toasts follow a language switch (Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await signInToDemo(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('an Undo toast and a shell notice shown in English turn Japanese when the language changes', async () => {
    const toasts = page.getByTestId('toast');
    // An inbox action's toast (key + values, with Undo)…
    const list = page.getByRole('listbox', { name: en['inbox.list'] });
    await list.locator('[role="option"]').first().waitFor();
    await list.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await toasts.filter({ hasText: en['inbox.deletedOne'] }).waitFor();
    // …and the shell's notice after a settings change (made elsewhere, so the page stays put).
    await page.getByRole('navigation').getByRole('button', { name: en['nav.settings'] }).click();
    await page.getByLabel(en['settings.theme'], { exact: true }).selectOption('dark');
    await toasts.filter({ hasText: en['settings.saved'] }).waitFor();

    await host.core.router.dispatch('settings:update', { language: 'ja' });
    await page.waitForSelector('html[lang="ja"]');
    await toasts.filter({ hasText: ja['inbox.deletedOne'] }).waitFor();
    await toasts.filter({ hasText: ja['settings.saved'] }).waitFor();
    expect(await toasts.filter({ hasText: en['inbox.deletedOne'] }).count()).toBe(0);
    expect(await toasts.filter({ hasText: en['settings.saved'] }).count()).toBe(0);
    const undo = toasts
      .filter({ hasText: ja['inbox.deletedOne'] })
      .getByRole('button', { name: ja['shell.undo'] });
    await undo.click();
    await toasts.filter({ hasText: ja['shell.undone'] }).waitFor();
  });
});
