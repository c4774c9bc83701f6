import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { screens } from '../../renderer/src/app/screens';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');
/** Waits on a condition; opening a fax on two busy cores can take seconds. */
const poll = <T>(check: () => T | Promise<T>, message?: string) =>
  expect.poll(check, { timeout: 20_000, interval: 100, message });
const shots = fileURLToPath(new URL('../output/screenshots/', import.meta.url));

describe.skipIf(!hasChromium)('issue 14: the inbox and viewer as a fax user expects them', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const rows = () => page.locator('.fax-row[data-fax-id]');

  const service = async (path: string, init: RequestInit = {}) => {
    const url = host.localService.url()!;
    return fetch(`${url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        'x-admin-token': host.localService.adminToken,
        ...init.headers,
      },
    });
  };
  const inject = async (body: Record<string, unknown>) => {
    const response = await service('/v1/admin/inbound', {
      method: 'POST',
      body: JSON.stringify({ to: '+815011112222', ...body }),
    });
    return ((await response.json()) as { fax: { id: string } }).fax;
  };
  /** The service's own view of one of Alice's faxes. */
  const onService = async (id: string) => {
    const login = await service('/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email: 'alice@example.com', password: 'kamifax-demo' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const response = await service(`/v1/faxes/${id}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return response.ok ? ((await response.json()) as { trashedAt: string | null }) : null;
  };
  const setLanguage = async (language: 'en' | 'ja') => {
    await page.getByRole('navigation').locator('[data-screen="settings"]').click();
    await page.locator('select').first().selectOption(language);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    await page.getByRole('navigation').locator('[data-screen="inbox"]').click();
    await page.getByRole('listbox').waitFor();
  };

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await page.setViewportSize({ width: 1200, height: 760 });
    // Started ahead, so the sign-in's own wait does not include the service's start on busy cores.
    await host.localService.start();
    await signInToDemo(page);
    await page.getByRole('listbox', { name: en['inbox.list'] }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  }, 240_000);

  it('shows the navigation in DESIGN order with icons, counts and New fax first', async () => {
    const order = await page
      .getByRole('navigation')
      .locator('.nav-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-screen')));
    expect(order).toEqual([...screens]);
    expect(await page.locator('.nav-item svg').count()).toBe(screens.length);
    await poll(() => page.locator('[data-screen="inbox"] .nav-count').textContent()).toBe('4');
    await page.keyboard.press('Control+n');
    await page.locator('.content[data-screen="compose"]').waitFor();
    await page.keyboard.press('Control+2');
    await page.locator('.content[data-screen="inbox"]').waitFor();
    expect(await page.getByTestId('sync-status').textContent()).toContain(
      en['inbox.status.online'],
    );
  });

  it('finds the fax by every number form a person types, in Japanese, and by 2026/11/30', async () => {
    await setLanguage('ja');
    const fax = await inject({ from: '+81487654321', pages: 1, subject: 'Order 118' });
    await page.locator(`.fax-row[data-fax-id="${fax.id}"]`).waitFor();
    // The list shows it as a Japanese reader writes it.
    expect(await page.locator(`.fax-row[data-fax-id="${fax.id}"]`).textContent()).toContain(
      '048-765-4321',
    );
    const search = page.getByRole('searchbox', { name: ja['inbox.search'] });
    for (const typed of [
      '048-765-4321',
      '0487654321',
      '048 765 4321',
      '+81 48 765 4321',
      '81487654321',
      '765-4321',
      '０４８７６５４３２１',
    ]) {
      await search.fill(typed);
      await page.waitForSelector(`section.inbox[data-shown-search="${typed}"]`);
      await poll(() => rows().count(), typed).toBe(1);
      expect(await page.getByTestId('inbox-count').textContent()).toBe(ja['inbox.count.one']);
    }
    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const ymd = [today.getFullYear(), pad(today.getMonth() + 1), pad(today.getDate())];
    for (const typed of [ymd.join('/'), ymd.join('-')]) {
      await search.fill(typed);
      await page.waitForSelector(`section.inbox[data-shown-search="${typed}"]`);
      await poll(() => rows().count(), typed).toBeGreaterThan(0);
    }
    await search.fill('03-9999-0000');
    await page.getByTestId('inbox-empty').waitFor();
    expect(await page.getByTestId('inbox-empty').textContent()).toContain(ja['inbox.clearSearch']);
    await page.getByRole('button', { name: ja['inbox.clearSearch'] }).click();
    await poll(() => rows().count()).toBe(5);
    await setLanguage('en');
  });

  it('says why an empty view is empty, with counts that follow what is shown', async () => {
    await page.getByLabel(en['inbox.filter'], { exact: true }).selectOption('junk');
    await page.getByTestId('inbox-empty').waitFor();
    expect(await page.getByTestId('inbox-empty').textContent()).toBe(en['inbox.emptyJunk']);
    await page.getByLabel(en['inbox.filter'], { exact: true }).selectOption('all');
    await poll(() => page.getByTestId('inbox-count').textContent()).toMatch(
      /^5 faxes · \d unread$/,
    );
  });

  it('opens, goes next and previous, and comes back with the keyboard only, focus checked at each step', async () => {
    const list = page.getByRole('listbox', { name: en['inbox.list'] });
    await list.focus();
    await page.keyboard.press('Home');
    const firstId = await rows().first().getAttribute('data-fax-id');
    const secondId = await rows().nth(1).getAttribute('data-fax-id');
    const inPage = () =>
      page.evaluate(() => document.activeElement?.classList.contains('viewer-pane') ?? false);
    const paneId = () => page.getByTestId('fax-pane').getAttribute('data-fax-id');

    await page.keyboard.press('Enter');
    await poll(paneId).toBe(firstId);
    await poll(inPage).toBe(true);
    // PageDown works at once, without a click.
    await page.keyboard.press('j');
    await poll(paneId).toBe(secondId);
    await poll(inPage).toBe(true);
    await page.keyboard.press('k');
    await poll(paneId).toBe(firstId);
    await poll(inPage).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
      'listbox',
    );
    expect(await list.getAttribute('aria-activedescendant')).toBe('fax-row-0');
    // ↓ in the list shows the next fax in the pane and keeps focus in the list.
    await page.keyboard.press('ArrowDown');
    await poll(paneId).toBe(secondId);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
    // Full window and back.
    await rows().nth(1).dblclick();
    await poll(() => page.locator('section.inbox.full-window').count()).toBe(1);
    await poll(inPage).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.locator('section.inbox.full-window').count()).toBe(0);
    // Focus goes back to the list in the next frame (InboxScreen's focusList), as after Escape above.
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
      'listbox',
    );
  });

  it('deletes at once, Undo brings the fax back, and the service kept it all along', async () => {
    const list = page.getByRole('listbox', { name: en['inbox.list'] });
    await list.focus();
    await page.keyboard.press('Home');
    const id = (await rows().first().getAttribute('data-fax-id'))!;
    const before = await rows().count();
    await page.keyboard.press('Delete');
    await poll(() => rows().count()).toBe(before - 1);
    const toast = page.getByTestId('toast').filter({ hasText: en['inbox.deletedOne'] });
    await toast.waitFor();
    // The toast sits above the status bar and clear of the toolbar.
    const toastBox = (await toast.boundingBox())!;
    const toolbarBox = (await page.locator('.inbox-toolbar').boundingBox())!;
    expect(toastBox.y).toBeGreaterThan(toolbarBox.y + toolbarBox.height);
    await poll(() => host.core.features.inbox()!.status().pendingChanges).toBe(0);
    expect((await onService(id))?.trashedAt).toBeTruthy();
    await toast.getByRole('button', { name: en['shell.undo'] }).click();
    await poll(() => rows().count()).toBe(before);
    await poll(() => host.core.features.inbox()!.status().pendingChanges).toBe(0);
    expect((await onService(id))?.trashedAt).toBeNull();

    // Ctrl+Z undoes too; the Trash lists the deleted fax and restores it.
    await list.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    await poll(() => rows().count()).toBe(before - 1);
    await page.keyboard.press('Control+z');
    await poll(() => rows().count()).toBe(before);
    await list.focus();
    await page.keyboard.press('Delete');
    await poll(() => rows().count()).toBe(before - 1);
    await page.getByRole('navigation').locator('[data-screen="trash"]').click();
    await poll(() => rows().count()).toBe(1);
    await rows().first().click();
    await page
      .getByRole('toolbar', { name: en['inbox.actions'] })
      .getByRole('button', { name: en['inbox.restore'] })
      .click();
    await page.getByTestId('inbox-empty').waitFor();
    await page.getByRole('navigation').locator('[data-screen="inbox"]').click();
    await poll(() => rows().count()).toBe(before);
  });

  it('fits 800×600: the toolbars stay on one row each', async () => {
    await page.setViewportSize({ width: 800, height: 600 });
    await rows().first().click();
    await page.locator('.fax-pane .viewer-toolbar').waitFor();
    const height = (selector: string) =>
      page.locator(selector).evaluate((element) => element.getBoundingClientRect().height);
    expect(await height('.inbox-toolbar')).toBeLessThanOrEqual(40);
    expect(await height('.fax-actions')).toBeLessThanOrEqual(40);
    expect(await height('.fax-pane .viewer-toolbar')).toBeLessThanOrEqual(48);
    // The navigation is icons only, each still named.
    expect(
      await page
        .locator('.nav-label')
        .first()
        .evaluate((e) => e.clientWidth),
    ).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1200, height: 760 });
  });

  it('writes a screenshot of each screen at 1200×760 and 800×600, en/ja, light/dark', async () => {
    await mkdir(shots, { recursive: true });
    for (const language of ['en', 'ja'] as const) {
      await setLanguage(language);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const [width, height] of [
          [1200, 760],
          [800, 600],
        ] as const) {
          await page.setViewportSize({ width, height });
          for (const screen of screens) {
            await page.getByRole('navigation').locator(`[data-screen="${screen}"]`).click();
            await page.locator(`.content[data-screen="${screen}"]`).waitFor();
            if (screen === 'inbox') {
              await rows().first().click();
              await page.locator('.fax-pane canvas').first().waitFor();
            }
            await page.screenshot({
              path: `${shots}${screen}-${width}x${height}-${language}-${theme}.png`,
            });
          }
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }, 400_000);
  it('signs out after one question and leaves no trace for the next user, who signs in by hand', async () => {
    await page.setViewportSize({ width: 1200, height: 760 });
    await setLanguage('en');
    // A rotation remembered for one of Alice's faxes: in her account's store, not the page's.
    await rows().first().click();
    const faxId = await rows().first().getAttribute('data-fax-id');
    await page.getByRole('button', { name: en['viewer.rotate.documentRight'] }).click();
    await poll(() => host.core.features.inbox()!.rotations().all()[faxId!]).toEqual({
      document: 90,
      pages: {},
    });
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kamifax.'))),
    ).toEqual([]);
    await page.getByRole('navigation').locator('[data-screen="account"]').click();
    await page.getByRole('button', { name: en['account.signOut'] }).click();
    const dialog = page.getByRole('dialog', { name: en['shell.signOut.title'] });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: en['shell.signOut.confirm'] }).click();
    await page.getByRole('button', { name: en['signIn.submit'], exact: true }).waitFor();
    expect(await page.title()).toBe('Kamifax');
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('kamifax.viewer.')),
      ),
    ).toEqual([]);
    expect(await page.locator('body').innerText()).not.toContain('048-765-4321');
    // Nothing of Alice in the page's storage, and no password left in a field.
    const stored = await page.evaluate(() =>
      JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]),
    );
    expect(stored).not.toMatch(/alice|048-765-4321|kamifax\.viewer\.rotation/i);
    expect(await page.getByLabel(en['signIn.password']).inputValue()).toBe('');
    // "Remember me" was not chosen: no e-mail stays, the box is unticked.
    expect(await page.getByLabel(en['signIn.email']).inputValue()).toBe('');
    expect(await page.getByLabel(en['signIn.remember']).isChecked()).toBe(false);
    // This host keeps the sign-in in memory (no keychain): the page says so, not only the terminal.
    expect(await page.getByTestId('sign-in-in-memory').innerText()).toBe(en['signIn.inMemory']);
    for (const [width, height] of [
      [1200, 760],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${shots}sign-in-${width}x${height}-en-light.png` });
    }
    // The sign-in card fits 800×600 without scrolling.
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(
      600,
    );
    await page.setViewportSize({ width: 1200, height: 760 });
    await page.getByLabel(en['signIn.email']).fill('bob@example.com');
    await page.getByLabel(en['signIn.password']).fill('kamifax-demo');
    // Bob chooses "Remember me": his e-mail waits in the form after his sign-out (next test).
    await page.getByLabel(en['signIn.remember']).check();
    await page.getByRole('button', { name: en['signIn.submit'], exact: true }).click();
    await page.getByRole('listbox', { name: en['inbox.list'] }).waitFor();
    await poll(() => rows().count()).toBeGreaterThan(0);
    const shown = await page.locator('.fax-list').innerText();
    expect(shown).not.toContain('048-765-4321');
    expect(await page.title()).not.toContain('(6)');
    // Alice's rotations went with her account; Bob's store starts empty.
    expect(host.core.features.inbox()!.rotations().all()).toEqual({});
  });

  it('asks the date of birth in the language order and states the address rule, in Japanese', async () => {
    await setLanguage('ja');
    await page.getByRole('navigation').locator('[data-screen="account"]').click();
    await page.getByRole('button', { name: ja['account.signOut'] }).click();
    const dialog = page.getByRole('dialog', { name: ja['shell.signOut.title'] });
    await dialog.getByRole('button', { name: ja['shell.signOut.confirm'] }).click();
    // Bob chose "Remember me" at his sign-in: his e-mail stays, with the box ticked.
    await poll(() => page.getByLabel(ja['signIn.email']).inputValue()).toBe('bob@example.com');
    expect(await page.getByLabel(ja['signIn.remember']).isChecked()).toBe(true);
    await page.getByRole('button', { name: ja['signIn.toSignUp'] }).click();
    const parts = page.locator('.birth-date-part > span');
    expect(await parts.allInnerTexts()).toEqual([
      ja['signUp.birthYear'],
      ja['signUp.birthMonth'],
      ja['signUp.birthDay'],
    ]);
    expect(
      await page.getByLabel(ja['signUp.birthMonth']).locator('option').nth(1).innerText(),
    ).toBe('1月');
    await page.getByRole('radio', { name: ja['signIn.service.remote'] }).check();
    await page.getByText(ja['signIn.serviceUrlRule']).waitFor();
    await page.getByLabel(ja['signIn.serviceUrl']).fill('http://fax.example.com');
    await page.getByLabel(ja['signUp.name']).fill('伊藤 花子');
    await page.getByLabel(ja['signIn.email']).fill('hanako@example.com');
    await page.getByLabel(ja['signIn.password']).fill('a long enough password');
    await page.getByLabel(ja['signUp.birthYear']).selectOption('1990');
    await page.getByLabel(ja['signUp.birthMonth']).selectOption('6');
    await page.getByLabel(ja['signUp.birthDay']).selectOption('15');
    await page.getByRole('button', { name: ja['signUp.submit'] }).click();
    await poll(() => page.getByRole('alert').first().innerText()).toBe(
      ja['signIn.serviceUrlRefused'],
    );
  });
});
