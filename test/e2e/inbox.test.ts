import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { seedDemoInbox, startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

describe.skipIf(!hasChromium)('the inbox in Chromium against the embedded demo service', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const rows = () => page.locator('.fax-row[data-fax-id]');

  const inject = async (body: Record<string, unknown>) => {
    const url = host.localService.url()!;
    const response = await fetch(`${url}/v1/admin/inbound`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-admin-token': host.localService.adminToken,
      },
      body: JSON.stringify({ to: '+815011112222', ...body }),
    });
    return (await response.json()) as { fax: { id: string } };
  };

  beforeAll(async () => {
    // The keychain is tested in sign-in.test.ts; here the inbox is under test.
    // No safety-net poll during the test: a new fax can only arrive through the live event
    // stream, so its row appearing is the signal that live updates work (no stopwatch).
    host = await startTestHost({ credentials: new MemoryCredentialStore(), pollMs: 3_600_000 });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await signInToDemo(page);
    await page.getByRole('listbox', { name: en['inbox.list'] }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('lists the demo faxes, newest first, with unread state, counts and the title badge', async () => {
    await expect.poll(() => rows().count()).toBe(4);
    await expect
      .poll(() => page.getByTestId('inbox-count').textContent())
      .toBe('4 faxes · 4 unread');
    await expect.poll(() => page.title()).toBe('(4) Inbox — Kamifax');
    // Newest first; numbers show in the national form of the account's own country (Japan),
    // whatever the browser's region (once the account has answered: until then the browser's).
    await expect.poll(() => rows().first().textContent()).toContain('092-123-4567');
    expect(await rows().first().textContent()).toContain('4 p.');
  });

  it('shows an injected fax from the live event stream with a notification; clicking it opens the fax', async () => {
    const { fax } = await inject({ from: '+81355550123', pages: 2, subject: 'Urgent order' });
    await page.locator(`.fax-row[data-fax-id="${fax.id}"]`).waitFor();
    expect(host.notifications.shown.at(-1)?.notice).toMatchObject({
      title: 'New fax',
      body: 'From +81355550123 · 2 pages',
      faxId: fax.id,
    });
    const toast = page.getByTestId('notification-toast');
    await toast.waitFor();
    expect(await toast.textContent()).not.toContain('Urgent order');
    await toast.click();
    const pane = page.getByTestId('fax-pane');
    await pane.waitFor();
    expect(await pane.getAttribute('data-fax-id')).toBe(fax.id);
    await page.locator('.fax-pane canvas').first().waitFor();
    await page.getByRole('button', { name: en['inbox.close'] }).click();
    await expect
      .poll(() => page.getByTestId('inbox-count').textContent())
      .toBe('5 faxes · 4 unread');
  });

  it('searches by digits, filters unread and selects with the keyboard to mark read and delete', async () => {
    const search = page.getByRole('searchbox', { name: en['inbox.search'] });
    await search.fill('5550123');
    await expect.poll(() => rows().count()).toBe(1);
    await search.fill('');
    await expect.poll(() => rows().count()).toBe(5);
    await page.getByLabel(en['inbox.filter'], { exact: true }).selectOption('unread');
    await expect.poll(() => rows().count()).toBe(4);
    const list = page.getByRole('listbox', { name: en['inbox.list'] });
    await list.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByRole('button', { name: en['inbox.markRead'] }).click();
    await expect.poll(() => rows().count()).toBe(2);
    await page.getByLabel(en['inbox.filter'], { exact: true }).selectOption('all');
    await expect.poll(() => rows().count()).toBe(5);
    await list.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await expect.poll(() => rows().count()).toBe(4);
    await expect.poll(() => host.core.features.inbox()!.status().pendingChanges).toBe(0);
  });

  it('sums a burst into one notification', async () => {
    const before = host.notifications.shown.length;
    await Promise.all(Array.from({ length: 6 }, (_v, i) => inject({ from: `+8190000000${i}` })));
    await expect.poll(() => rows().count(), { timeout: 5000 }).toBe(10);
    const added = () => host.notifications.shown.slice(before).map((s) => s.notice.title);
    // The first is announced at once; the rest wait out the burst window and come as one.
    await expect
      .poll(() => added().some((title) => /new faxes/.test(title)), { timeout: 5000 })
      .toBe(true);
    expect(added().length).toBeLessThan(6);
  });

  it('shows the inbox in Japanese too, with Japanese numbers in national form', async () => {
    await page.getByRole('navigation').getByRole('button', { name: en['nav.settings'] }).click();
    await page.getByLabel(en['settings.language']).selectOption('ja');
    await page.getByRole('navigation').getByRole('button', { name: ja['nav.inbox'] }).click();
    await page.getByRole('listbox', { name: ja['inbox.list'] }).waitFor();
    expect(await page.getByTestId('sync-status').textContent()).toBe(ja['inbox.status.online']);
    await expect.poll(() => page.locator('.fax-row', { hasText: '092-123-4567' }).count()).toBe(1);
  });

  it('warns on the account page at 80% of the received pages and at the limit', async () => {
    const usage = async () => {
      const result = await host.core.router.dispatch('account:get', {});
      if (!result.ok) throw new Error(result.error.code);
      return (result.value as { usage: { receivedPages: { used: number; limit: number } } }).usage
        .receivedPages;
    };
    const before = await usage();
    await inject({ from: '+81311112222', pages: Math.ceil(before.limit * 0.85) - before.used });
    await page.getByRole('navigation').getByRole('button', { name: ja['nav.account'] }).click();
    await page.getByText(ja['account.nearLimit'].replace('{percent}', '85')).waitFor();
    await inject({ from: '+81311112222', pages: before.limit });
    await page.getByRole('navigation').getByRole('button', { name: ja['nav.inbox'] }).click();
    await page.getByRole('navigation').getByRole('button', { name: ja['nav.account'] }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: ja['account.atLimit'] }).count())
      .toBe(1);
  });

  it('counts a search of many matches as "500 件以上" at once, then exactly', async () => {
    await seedDemoInbox(host, 'alice@example.com', 700);
    await page.getByRole('navigation').getByRole('button', { name: ja['nav.inbox'] }).click();
    // Every text the count line shows, in order (the capped count lasts ~300 ms).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { countsSeen: string[] }).countsSeen = seen;
      const record = () => {
        const text = document.querySelector('[data-testid="inbox-count"]')?.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByRole('searchbox', { name: ja['inbox.search'] }).fill('Seeded fax');
    await expect.poll(() => page.getByTestId('inbox-count').textContent()).toBe('700 件');
    const seen = await page.evaluate(
      () => (window as unknown as { countsSeen: string[] }).countsSeen,
    );
    expect(seen).toContain('500 件以上');
    expect(seen.indexOf('500 件以上')).toBeLessThan(seen.indexOf('700 件'));
  });
});
