import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { allowPageErrors } from '../helpers/browser';
import type { TestHost } from '../helpers/headless';
import { signedInInbox } from '../helpers/signed-in-inbox';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { screens } from '../../renderer/src/app/screens';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

/** What the page had loaded when its first inbox row appeared (recorded in the page). */
interface AtFirstRow {
  scripts: string[];
  pdfjs: boolean;
  /** The page's clock (performance.now) when the row appeared. */
  at: number;
}

/** Notes, in the page, the scripts fetched and whether pdf.js ran when the first row appears. */
function recordFirstRow(): void {
  const page = globalThis as unknown as { atFirstRow?: AtFirstRow; pdfjsLib?: unknown };
  new MutationObserver((_records, observer) => {
    if (!document.querySelector('.fax-row[data-fax-id]')) return;
    observer.disconnect();
    page.atFirstRow = {
      scripts: performance.getEntriesByType('resource').map((entry) => entry.name),
      pdfjs: page.pdfjsLib !== undefined,
      at: performance.now(),
    };
  }).observe(document, { childList: true, subtree: true });
}

const later =
  /\/(SendingScreens|ContactsScreen|SettingsScreen|PrivacyScreen|AccountScreen|FaxViewer)-[\w-]+\.js$/;

describe.skipIf(!hasChromium)('the first inbox row comes before the rest of the app', () => {
  let host: TestHost;
  let browser: Browser;

  beforeAll(async () => {
    // Signed in once; every page below opens straight on the inbox.
    ({ host, browser } = await signedInInbox());
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const openInbox = async (prepare?: (page: Page) => Promise<void>) => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.addInitScript(recordFirstRow);
    await prepare?.(page);
    await page.goto(host.url);
    await page.locator('.fax-row[data-fax-id]').first().waitFor();
    return page;
  };
  const loadedScripts = (page: Page) =>
    page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));

  /** Every screen and the viewer fetched ahead, and a pdf.js worker kept warm. */
  const allLoadedAhead = async (page: Page) => {
    await expect
      .poll(async () => (await loadedScripts(page)).filter((name) => later.test(name)).length, {
        timeout: 30_000,
      })
      .toBe(6);
    await expect
      .poll(async () => (await loadedScripts(page)).some((name) => /pdf\.worker/.test(name)), {
        timeout: 30_000,
      })
      .toBe(true);
  };

  it('shows the first row before pdf.js or another screen is loaded, then fetches them ahead', async () => {
    const page = await openInbox();
    const atFirstRow = await page.evaluate(
      () => (globalThis as unknown as { atFirstRow: AtFirstRow }).atFirstRow,
    );
    expect(atFirstRow.pdfjs).toBe(false);
    expect(
      atFirstRow.scripts.filter((name) => later.test(name) || /pdf\.worker/.test(name)),
    ).toEqual([]);
    // In idle moments after it: every screen, the viewer, and a pdf.js worker kept warm.
    await allLoadedAhead(page);
    expect(await page.evaluate(() => 'pdfjsLib' in globalThis)).toBe(true);

    // Fetched ahead, every screen then shows at once: the loading placeholder never appears.
    await page.evaluate(() => {
      const page = globalThis as unknown as { placeholderSeen: boolean };
      page.placeholderSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('main section[aria-busy="true"]')) page.placeholderSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const nav = page.getByRole('navigation');
    for (const screen of screens) {
      await nav.getByRole('button', { name: en[`nav.${screen}`] }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        en[`screen.${screen}.title`],
      );
    }
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { placeholderSeen: boolean }).placeholderSeen,
      ),
    ).toBe(false);
    await page.context().close();
  });

  it('fetches nothing ahead while the user types, from the first rows on, then all of it', async () => {
    const page = await openInbox(async (page) => {
      await page.addInitScript(() => {
        const keys: number[] = [];
        (globalThis as unknown as { keysAt: number[] }).keysAt = keys;
        addEventListener('keydown', () => keys.push(performance.now()), { capture: true });
      });
    });
    // Typing from the first rows on, twelve keys ~150 ms apart (a pause of 1 s ends it).
    const search = page.getByRole('searchbox', { name: en['inbox.search'] });
    await search.focus();
    for (let key = 0; key < 12; key += 1) {
      await search.press('z');
      await page.waitForTimeout(150);
    }
    await allLoadedAhead(page);
    const seen = await page.evaluate(() => ({
      keys: (globalThis as unknown as { keysAt: number[] }).keysAt,
      firstRow: (globalThis as unknown as { atFirstRow: AtFirstRow }).atFirstRow.at,
      fetched: performance
        .getEntriesByType('resource')
        .map((entry) => ({ name: entry.name, start: entry.startTime })),
    }));
    expect(seen.keys.length).toBe(12);
    // Each part fetched ahead started two seconds or more after the first rows, one after a key.
    const tooSoon = seen.fetched
      .filter(({ name }) => later.test(name) || /pdf\.worker/.test(name))
      .map(({ name, start }) => ({
        name: name.replace(/^.*\//, ''),
        afterRowMs: Math.round(start - seen.firstRow),
        afterKeyMs: Math.round(
          start - Math.max(-Infinity, ...seen.keys.filter((key) => key <= start)),
        ),
      }))
      .filter(({ afterRowMs, afterKeyMs }) => afterRowMs < 1990 || afterKeyMs < 990);
    expect(tooSoon).toEqual([]);
    await page.context().close();
  });

  it('shows the first rows from the page itself before the bridge answers, then follows main', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    // The bridge connects, but nothing main says reaches the page until released.
    let held: Array<string | Buffer> | null = [];
    let answered = false;
    let release = () => {};
    await page.routeWebSocket(/\/bridge$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (held) held.push(message);
        else ws.send(message);
      });
      release = () => {
        answered = true;
        for (const message of held ?? []) ws.send(message);
        held = null;
      };
    });
    await page.goto(host.url);
    // React's row (the host's painted one comes first, before the page's scripts start).
    const first = page.locator('#fax-row-0[data-fax-id]:not(.first-paint *)');
    await first.waitFor();
    expect(answered).toBe(false);
    expect(await page.locator('#kamifax-first-answers').count()).toBe(0);
    // A change in main while the page cannot hear it: shown once the bridge is up.
    const id = (await first.getAttribute('data-fax-id'))!;
    const wasUnread = /\bunread\b/.test((await first.getAttribute('class')) ?? '');
    const marked = await host.core.router.dispatch('inbox:markRead', {
      ids: [id],
      read: wasUnread,
    });
    expect(marked.ok).toBe(true);
    release();
    await expect
      .poll(async () => /\bunread\b/.test((await first.getAttribute('class')) ?? ''), {
        timeout: 30_000,
      })
      .toBe(!wasUnread);
    // And from then on every call goes to main: a search is answered.
    await page.getByRole('searchbox', { name: en['inbox.search'] }).fill('zzzz-no-such-fax');
    await expect.poll(() => page.locator('.fax-row[data-fax-id]').count()).toBe(0);
    await page.context().close();
  });

  it('says so when a screen cannot be loaded, and the rest of the app goes on', async () => {
    const page = await openInbox(async (page) => {
      // The aborted file itself (Chromium logs each failed fetch); our notice is a warning.
      allowPageErrors(page, [/Failed to load resource: net::ERR_FAILED/]);
      await page.route(/\/ContactsScreen-[\w-]+\.js$/, (route) => route.abort());
    });
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: en['nav.contacts'] }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: en['shell.partLoadFailed'] }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await expect(
      page.getByRole('button', { name: en['shell.partLoadReload'] }).count(),
    ).resolves.toBe(1);
    await nav.getByRole('button', { name: en['nav.settings'] }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      en['screen.settings.title'],
    );
    await nav.getByRole('button', { name: en['nav.inbox'] }).click();
    await page.locator('.fax-row[data-fax-id]').first().waitFor();
    await page.context().close();
  });
});
