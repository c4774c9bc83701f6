import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInToDemo } from '../helpers/browser';
import { seedDemoInbox, startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

interface ProbeFiber {
  tag: number;
  memoizedProps: unknown;
  child: ProbeFiber | null;
  sibling: ProbeFiber | null;
  stateNode: unknown;
}

/**
 * Installed before React loads: a stand-in for React DevTools' hook, which React calls after
 * every commit, also in a production build. A component rendered in a commit when its props
 * object is one no earlier commit had (a render takes the new element's props; a memoised
 * component that skipped keeps the old object). Each render is named by the component's first
 * element: its first class (`fax-row:<fax id>` for a row).
 */
function installRenderProbe(): void {
  const seen = new WeakSet<object>();
  const commits: string[][] = [];
  const firstElement = (fiber: ProbeFiber) => {
    let child = fiber.child;
    while (child && child.tag !== 5) child = child.child;
    return child?.stateNode as { getAttribute(name: string): string | null } | undefined;
  };
  const name = (fiber: ProbeFiber) => {
    const element = firstElement(fiber);
    const first = element?.getAttribute('class')?.split(' ')[0] ?? '(none)';
    return first === 'fax-row' ? `fax-row:${element?.getAttribute('data-fax-id') ?? ''}` : first;
  };
  // Function components, forwardRef and memo.
  const components = new Set([0, 11, 14, 15]);
  const none = () => undefined;
  Object.assign(globalThis, {
    renderProbe: commits,
    __REACT_DEVTOOLS_GLOBAL_HOOK__: {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: none,
      onScheduleFiberRoot: none,
      onCommitFiberUnmount: none,
      onPostCommitFiberRoot: none,
      onCommitFiberRoot(_renderer: number, root: { current: ProbeFiber }) {
        const rendered: string[] = [];
        const stack = [root.current];
        while (stack.length > 0) {
          const fiber = stack.pop()!;
          const props = fiber.memoizedProps;
          if (components.has(fiber.tag) && props && typeof props === 'object' && !seen.has(props)) {
            seen.add(props);
            rendered.push(name(fiber));
          }
          if (fiber.sibling) stack.push(fiber.sibling);
          if (fiber.child) stack.push(fiber.child);
        }
        commits.push(rendered);
      },
    },
  });
}

describe.skipIf(!hasChromium)('a search keystroke renders only what changes', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const search = () => page.getByRole('searchbox', { name: en['inbox.search'] });

  /** Every component rendered since the last call (see installRenderProbe). */
  const takeRenders = () =>
    page.evaluate(() => {
      const commits = (globalThis as unknown as { renderProbe: string[][] }).renderProbe;
      return commits.splice(0).flat();
    });
  /** Waits until the list shows the rows of `search`, then one frame more. */
  const shown = async (text: string) => {
    await page.locator(`section[data-shown-search="${text}"]`).waitFor({ state: 'attached' });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  };

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore(), pollMs: 3_600_000 });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US' });
    await context.addInitScript(installRenderProbe);
    page = await context.newPage();
    await page.goto(host.url);
    await page.waitForSelector('html[data-ready="true"]');
    await host.localService.start();
    await signInToDemo(page);
    await seedDemoInbox(host, 'alice@example.com', 300);
    await page.locator('.fax-row[data-fax-id]').nth(8).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('a key that leaves the results as they are renders the toolbar, no row and not the shell', async () => {
    await search().fill('Seeded fax');
    await shown('Seeded fax');
    await takeRenders();
    // Main trims the search: the same rows and the same count come back.
    await search().press('Space');
    await shown('Seeded fax ');
    const renders = await takeRenders();
    // The probe sees renders (so this test can fail): the toolbar drew the new text.
    expect(renders).toContain('inbox-toolbar');
    expect(renders.filter((name) => name.startsWith('fax-row'))).toEqual([]);
    expect(renders).not.toContain('sidebar');
    expect(renders).not.toContain('status-bar');
  });

  it('a key that changes the results renders each row on screen at most once', async () => {
    await search().press('2');
    await shown('Seeded fax 2');
    await expect.poll(() => page.getByTestId('inbox-count').textContent()).toBe('111 faxes');
    const renders = await takeRenders();
    const rows = renders.filter((name) => name.startsWith('fax-row'));
    const onScreen = await page.locator('.fax-row').count();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(onScreen);
    expect(new Set(rows).size).toBe(rows.length);
    expect(renders).not.toContain('sidebar');
    expect(renders).not.toContain('status-bar');
  });

  it('a fax marked read in main renders its row and no other', async () => {
    await search().fill('');
    await shown('');
    const row = page.locator('.fax-row.unread[data-fax-id]').nth(2);
    const id = (await row.getAttribute('data-fax-id'))!;
    await takeRenders();
    host.core.features.inbox()!.markRead([id], true);
    await page.locator(`.fax-row[data-fax-id="${id}"]:not(.unread)`).waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const rows = (await takeRenders()).filter((name) => name.startsWith('fax-row'));
    expect(rows).toEqual([`fax-row:${id}`]);
  });
  it('typing through an empty result keeps the list mounted, hidden, and shows why', async () => {
    await search().fill('');
    await shown('');
    const list = page.getByRole('listbox', { name: en['inbox.list'] });
    await list.waitFor();
    // The same DOM node must be the list after the empty result: it was not remounted.
    await page.evaluate(() => {
      (globalThis as unknown as { listBefore: Element | null }).listBefore =
        document.querySelector('.fax-list');
    });
    await search().fill('xq');
    await shown('xq');
    await page.getByTestId('inbox-empty').waitFor();
    expect(await page.getByTestId('inbox-empty').textContent()).toContain(en['inbox.clearSearch']);
    // Hidden: out of sight, of the accessibility tree and of the tab order.
    expect(await list.count()).toBe(0);
    expect(await page.locator('.fax-list').isVisible()).toBe(false);
    await search().press('z');
    await shown('xqz');
    await page.getByTestId('inbox-empty').waitFor();
    await page.getByRole('button', { name: en['inbox.clearSearch'] }).click();
    await shown('');
    await page.locator('.fax-row[data-fax-id]').nth(8).waitFor();
    expect(await page.getByTestId('inbox-empty').count()).toBe(0);
    expect(await list.count()).toBe(1);
    const same = await page.evaluate(
      () =>
        document.querySelector('.fax-list') ===
        (globalThis as unknown as { listBefore: Element | null }).listBefore,
    );
    expect(same).toBe(true);
  });

  it("a new search's rows past the screen are added after the frame that shows those on it", async () => {
    await search().fill('');
    await shown('');
    // At the commit that shows the new search's rows: are the list's rows on screen filled,
    // and how many rows lie below it (the overscan)?
    await page.evaluate(() => {
      const seen: Array<{ below: number; gap: number }> = [];
      (globalThis as unknown as { atShown: typeof seen }).atShown = seen;
      new MutationObserver(() => {
        const box = document.querySelector('.fax-list')!.getBoundingClientRect();
        const rows = [...document.querySelectorAll('.fax-list .fax-row[data-fax-id]')].map((row) =>
          row.getBoundingClientRect(),
        );
        seen.push({
          below: rows.filter((row) => row.top >= box.bottom).length,
          // Positive when the rows end above the list's bottom edge: a blank on screen.
          gap: box.bottom - Math.max(...rows.map((row) => row.bottom)),
        });
      }).observe(document.querySelector('section[data-shown-search]')!, {
        attributes: true,
        attributeFilter: ['data-shown-search'],
      });
    });
    // Other faxes than the unsearched list's (newest first: 199, 198, … not 300, 299, …).
    await search().fill('Seeded fax 1');
    await shown('Seeded fax 1');
    const [atShown] = await page.evaluate(
      () => (globalThis as unknown as { atShown: Array<{ below: number; gap: number }> }).atShown,
    );
    expect(atShown!.gap).toBeLessThanOrEqual(0);
    expect(atShown!.below).toBe(0);
    // Then the overscan follows, so a scroll finds its rows there.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const box = document.querySelector('.fax-list')!.getBoundingClientRect();
          return [...document.querySelectorAll('.fax-list .fax-row[data-fax-id]')].filter(
            (row) => row.getBoundingClientRect().top >= box.bottom,
          ).length;
        }),
      )
      .toBeGreaterThan(0);
  });

  it('the search box asks for no spell-check or autofill', async () => {
    expect(await search().getAttribute('spellcheck')).toBe('false');
    expect(await search().getAttribute('autocomplete')).toBe('off');
  });
});
