import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { screens } from '../../renderer/src/app/screens';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

describe.skipIf(!hasChromium)('the shell in real Chromium through the headless host', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const nav = () => page.getByRole('navigation');

  beforeAll(async () => {
    // The shell is under test here, not the keychain: an in-memory store keeps it independent.
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await signInToDemo(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('round-trips app:info over the bridge', async () => {
    const info = await page.evaluate(async () => {
      const meta = document.querySelector('meta[name="kamifax-bridge"]');
      return meta ? 'bridge' : 'none';
    });
    expect(info).toBe('bridge');
    await nav().getByRole('button', { name: en['nav.settings'] }).click();
    await expect
      .poll(() => page.getByTestId('about-version').textContent())
      .toContain('0.0.0-test');
  });

  it('shows every screen in English', async () => {
    for (const screen of screens) {
      await nav()
        .getByRole('button', { name: en[`nav.${screen}`] })
        .click();
      const heading = page.getByRole('heading', { level: 1 });
      expect(await heading.textContent()).toBe(en[`screen.${screen}.title`]);
      expect(
        await nav()
          .getByRole('button', { name: en[`nav.${screen}`] })
          .getAttribute('aria-current'),
      ).toBe('page');
    }
  });

  it('switches to Japanese in Settings, remembers it, and shows every screen in Japanese', async () => {
    await nav().getByRole('button', { name: en['nav.settings'] }).click();
    await page.getByLabel(en['settings.language']).selectOption('ja');
    await page.waitForSelector('html[lang="ja"]');
    for (const screen of screens) {
      await nav()
        .getByRole('button', { name: ja[`nav.${screen}`] })
        .click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        ja[`screen.${screen}.title`],
      );
    }
    await page.reload();
    await page.waitForSelector('html[data-ready="true"][lang="ja"]');
    expect(await host.core.settings.get()).toMatchObject({ language: 'ja' });
  });

  it('jumps between screens with Ctrl+number in the navigation order', async () => {
    await page.keyboard.press('Control+3');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      ja['screen.outbox.title'],
    );
    await page.keyboard.press('Control+2');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      ja['screen.inbox.title'],
    );
  });

  it('follows a forced dark theme', async () => {
    // Settings is the tenth screen: past Ctrl+9, reached from the navigation.
    await nav().getByRole('button', { name: ja['nav.settings'] }).click();
    await page.getByLabel(ja['settings.theme'], { exact: true }).selectOption('dark');
    await page.waitForSelector('html[data-theme="dark"]');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(22, 24, 28)');
    await page.getByLabel(ja['settings.theme'], { exact: true }).selectOption('system');
  });

  it('refuses a bridge connection without the session cookie or from a foreign origin', async () => {
    const url = new URL(host.origin);
    const attempt = (origin: string, cookie?: string) =>
      new Promise<string>((resolve) => {
        const headers = cookie ? { cookie } : undefined;
        const ws = new WebSocket(`ws://${url.host}/bridge`, { origin, headers });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    // The page's own cookie (HttpOnly: the page's script cannot read it, the test can).
    const [session] = await page.context().cookies(host.origin);
    const cookie = `${session!.name}=${session!.value}`;
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe('Strict');
    expect(await attempt(url.origin)).toBe('403');
    expect(await attempt('http://evil.example', cookie)).toBe('403');
    expect(await attempt(url.origin, cookie)).toBe('open');
  });
});
