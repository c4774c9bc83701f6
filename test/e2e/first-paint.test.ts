import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { TestHost } from '../helpers/headless';
import { signedInInbox } from '../helpers/signed-in-inbox';
import { chromiumPath, systemComponent } from '../helpers/system';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

const painted = '.first-paint .fax-row[data-fax-id]';
/** The agreed marker of a live row: no `.first-paint` ancestor. */
const live = '.fax-row[data-fax-id]:not(.first-paint *)';

describe.skipIf(!hasChromium)('the first screen the host paints', () => {
  let host: TestHost;
  let browser: Browser;

  beforeAll(async () => {
    // More than a screenful, so the painted screen is full.
    ({ host, browser } = await signedInInbox(60));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** A signed-in page whose scripts are held back until `release()`. */
  const openHeld = async (locale: string) => {
    const page = await browser.newPage({ locale });
    const held: Route[] = [];
    let holding = true;
    await page.route(/\/assets\/.*\.js$/, async (route) => {
      if (holding) held.push(route);
      else await route.continue();
    });
    await page.goto(host.url, { waitUntil: 'commit' });
    await page.locator(painted).first().waitFor();
    const release = async () => {
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
    };
    return { page, release, held };
  };

  const paintedIds = (page: Page) =>
    page.$$eval(painted, (rows) => rows.map((row) => row.getAttribute('data-fax-id')));

  it('shows the rows before any script has run: styled, inert, busy; then the live rows replace them', async () => {
    const { page, release, held } = await openHeld('en-US');
    // No script of ours has run: the page's scripts are still held.
    expect(held.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.dataset.ready)).toBeUndefined();

    const ids = await paintedIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    // Laid out as rows one under another (the stylesheet, not inline styles, places them).
    const boxes = await Promise.all([0, 1].map((i) => page.locator(painted).nth(i).boundingBox()));
    expect(boxes[0]!.height).toBeGreaterThan(40);
    expect(Math.round(boxes[1]!.y - boxes[0]!.y)).toBe(Math.round(boxes[0]!.height));
    expect(await page.locator('.first-paint .sidebar').isVisible()).toBe(true);
    expect(await page.locator('.first-paint .status-bar').isVisible()).toBe(true);
    // The layout the live list will measure for itself (two-line rows beside the reading pane).
    const layout = () => page.$eval('.fax-list-frame', (frame) => frame.className);
    const paintedLayout = await layout();

    // Inert and busy: nothing in it takes focus, a click or a key.
    const state = await page.evaluate(() => {
      const element = document.querySelector<HTMLElement>('.first-paint')!;
      return { inert: element.inert, busy: element.getAttribute('aria-busy') };
    });
    expect(state).toEqual({ inert: true, busy: 'true' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('.first-paint') ?? null),
    ).toBeNull();
    await page.mouse.click(boxes[0]!.x + 40, boxes[0]!.y + 20);
    await page.mouse.click(boxes[0]!.x + 40, boxes[0]!.y + 20, { clickCount: 2 });
    expect(await page.locator('.first-paint .fax-row.open').count()).toBe(0);

    await release();
    await page.locator(live).first().waitFor();
    await page.waitForSelector('html[data-ready="true"]');
    // React's first commit cleared #root: the painted screen is gone, the same rows are live.
    expect(await page.locator('.first-paint').count()).toBe(0);
    const liveIds = await page.$$eval(live, (rows) =>
      rows.map((row) => row.getAttribute('data-fax-id')),
    );
    expect(liveIds.slice(0, ids.length)).toEqual(ids);
    // Nothing re-laid out when React took over: the same layout and row height.
    expect(await layout()).toBe(paintedLayout);
    expect(Math.round((await page.locator(live).first().boundingBox())!.height)).toBe(
      Math.round(boxes[0]!.height),
    );
    // And they work: a click opens the fax.
    await page.locator(live).first().click();
    await page.locator('.fax-row.open').waitFor();
    await page.context().close();
  });

  // renderer/src/boot/after-first-paint.ts: React's script and the modules, which would compete
  // with the first frame for the two cores, start once the painted screen has been presented.
  const scriptStarts = (page: Page) =>
    page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const started = (pattern: RegExp) =>
        performance
          .getEntriesByType('resource')
          .find((entry) => pattern.test(new URL(entry.name).pathname))?.startTime ?? null;
      return {
        fcp,
        react: started(/\/assets\/react-[\w-]+\.js$/),
        entry: started(/\/assets\/index-[\w-]+\.js$/),
      };
    });

  it('starts React and the modules only once the painted screen is shown', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(host.url);
    await page.locator(live).first().waitFor();
    const { fcp, react, entry } = await scriptStarts(page);
    expect(fcp).not.toBeNull();
    expect(react).not.toBeNull();
    expect(entry).not.toBeNull();
    expect(react!).toBeGreaterThanOrEqual(fcp!);
    expect(entry!).toBeGreaterThanOrEqual(react!);
    await page.context().close();
  });

  it('starts them at once when nothing was painted', async () => {
    process.env.KAMIFAX_FIRST_PAINT = 'off';
    try {
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(host.url);
      await page.locator(live).first().waitFor();
      expect(await page.locator('.first-paint').count()).toBe(0);
      const { fcp, react } = await scriptStarts(page);
      // Nothing to show before React's first render: its script is fetched before any paint.
      expect(react).not.toBeNull();
      expect(react!).toBeLessThan(fcp!);
      await page.context().close();
    } finally {
      delete process.env.KAMIFAX_FIRST_PAINT;
    }
  });

  it('paints in the browser’s language', async () => {
    const { page, release } = await openHeld('ja-JP');
    expect(await page.locator('.first-paint .sidebar').innerText()).toContain('受信箱');
    await release();
    await page.locator(live).first().waitFor();
    await page.context().close();
  });
});
