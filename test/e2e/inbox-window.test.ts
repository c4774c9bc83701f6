import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInToDemo } from '../helpers/browser';
import { seedDemoInbox, startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

interface QuerySent {
  search: string;
  offset: number;
  limit: number;
}

/**
 * A search asks main for the rows the list shows (a screenful and its overscan), not a
 * whole window of 100; the rest comes when the list scrolls, and the keyboard still reaches
 * every row, each shown in the reading pane.
 */
describe.skipIf(!hasChromium)('a search loads a screenful first, more on scroll', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const queries: QuerySent[] = [];
  const search = () => page.getByRole('searchbox', { name: en['inbox.search'] });
  const list = () => page.getByRole('listbox', { name: en['inbox.list'] });
  const shown = (text: string) =>
    page.locator(`section[data-shown-search="${text}"]`).waitFor({ state: 'attached' });
  /** The queries sent for a search since the last call. */
  const takeQueries = (text: string) => queries.splice(0).filter((q) => q.search === text);

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore(), pollMs: 3_600_000 });
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string' || !payload.includes('"inbox:query"')) return;
        const call = JSON.parse(payload) as { payload: QuerySent };
        queries.push(call.payload);
      }),
    );
    await page.goto(host.url);
    await page.waitForSelector('html[data-ready="true"]');
    await host.localService.start();
    await signInToDemo(page);
    await seedDemoInbox(host, 'alice@example.com', 400);
    await page.locator('.fax-row[data-fax-id]').nth(8).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('a keystroke asks for the rows on screen, and every row on screen is filled', async () => {
    await search().fill('Seeded');
    await shown('Seeded');
    takeQueries('Seeded');
    await search().press('Space');
    await search().press('f');
    await shown('Seeded f');
    // One request for the first window: sent from the input event, not again by the render.
    const windows = takeQueries('Seeded f').filter((q) => q.limit > 1);
    expect(windows).toHaveLength(1);
    const [first] = windows;
    const domRows = await page.locator('.fax-row').count();
    expect(first?.offset).toBe(0);
    // A screenful and its overscan: every row in the DOM, and far fewer than a whole window.
    expect(first!.limit).toBeGreaterThanOrEqual(domRows);
    expect(first!.limit).toBeLessThan(100);
    expect(await page.locator('.fax-row:not([data-fax-id])').count()).toBe(0);
  });

  it('scrolling past the first rows loads the rest, with no row left loading', async () => {
    const text = 'Seeded f';
    takeQueries(text);
    await list().evaluate((element) => (element.scrollTop = 56 * 60));
    await page.locator('#fax-row-60[data-fax-id]').waitFor();
    await list().evaluate((element) => (element.scrollTop = 56 * 150));
    await page.locator('#fax-row-150[data-fax-id]').waitFor();
    await expect.poll(() => page.locator('.fax-row:not([data-fax-id])').count()).toBe(0);
    const more = takeQueries(text);
    expect(more.map((q) => q.offset)).toEqual(expect.arrayContaining([0, 100]));
    expect(more.every((q) => q.limit === 100)).toBe(true);
    await list().evaluate((element) => (element.scrollTop = 0));
    await page.locator('#fax-row-0[data-fax-id]').waitFor();
  });

  it('J and K move through every row past the first screenful, each shown in the pane', async () => {
    await search().fill('');
    await shown('');
    await list().focus();
    await page.keyboard.press('Home');
    // Past the first window of this search (a screenful and its overscan, ~30 rows here).
    const steps = 36;
    // The pane shows only a row that was loaded when the key came.
    const reached = async (index: number) => {
      const row = page.locator(`#fax-row-${index}.active.open[data-fax-id]`);
      await row.waitFor({ timeout: 10_000 }).catch(async () => {
        const active = await page
          .locator('.fax-row.active')
          .evaluate((element) => element.outerHTML.slice(0, 300))
          .catch(() => 'no active row');
        throw new Error(`row ${index} not reached; the active row: ${active}`);
      });
    };
    for (let index = 1; index <= steps; index += 1) {
      await page.keyboard.press('j');
      await reached(index);
    }
    for (let index = steps - 1; index >= steps - 5; index -= 1) {
      await page.keyboard.press('k');
      await reached(index);
    }
  }, 300_000);

  it('End and Home reach the last and the first row', async () => {
    const total = Number(await page.locator('.fax-row').first().getAttribute('aria-setsize'));
    expect(total).toBeGreaterThan(300);
    await list().focus();
    await page.keyboard.press('End');
    const last = page.locator(`#fax-row-${total - 1}.active`);
    await last.and(page.locator('[data-fax-id]')).waitFor();
    expect(await last.getAttribute('aria-posinset')).toBe(String(total));
    await page.keyboard.press('Home');
    await page.locator('#fax-row-0.active[data-fax-id]').waitFor();
    expect(await list().getAttribute('aria-activedescendant')).toBe('fax-row-0');
  });
});
