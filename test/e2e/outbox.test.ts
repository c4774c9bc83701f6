import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { en } from '../../renderer/src/i18n/messages/en';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { textPdf } from '../helpers/fax-pdf';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');
const corpus = new URL('../../../shared/corpus/', import.meta.url);

/** A PDF of `pages` pages with a line of text each. */

/** Alice's sent faxes as the service has them. */
async function aliceOutbound(host: TestHost) {
  const url = host.localService.url()!;
  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'alice@example.com', password: 'kamifax-demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const list = await fetch(`${url}/v1/faxes?direction=outbound&limit=100`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return (
    (await list.json()) as { faxes: { id: string; subject: string | null; status: string }[] }
  ).faxes;
}

describe.skipIf(!hasChromium)(
  'contact autocomplete, Cancel in the Outbox and Sent search in Chromium',
  () => {
    let host: TestHost;
    let browser: Browser;
    let page: Page;
    let dir: string;

    const nav = (screen: string) =>
      page.getByRole('navigation').locator(`[data-screen="${screen}"]`);
    const toBox = () => page.getByRole('combobox', { name: en['compose.to'] });
    const sentRows = () => page.locator('.outbox-row[data-row-id]');
    const compose = async () => {
      await nav('compose').click();
      await page.locator('.compose[data-draft-id]').waitFor();
    };
    const send = async (
      subject: string,
      file: { name: string; mimeType: string; buffer: Buffer },
    ) => {
      await page.getByLabel(en['compose.subject']).fill(subject);
      await page.getByTestId('file-input').setInputFiles([file]);
      await page.locator('.document[data-document-id]').first().waitFor({ timeout: 20_000 });
      await expect
        .poll(() => page.getByTestId('send-why').textContent(), { timeout: 20_000 })
        .toBe('');
      await page.getByTestId('send').click();
      await page.locator('.content[data-screen="outbox"]').waitFor();
    };
    const png = async () => ({
      name: 'hopper.png',
      mimeType: 'image/png',
      buffer: await readFile(new URL('images/hopper.png', corpus)),
    });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kamifax-outbox-e2e-'));
      // A line slow enough that a fax waits `queued` at the service behind another one.
      host = await startTestHost({
        credentials: new MemoryCredentialStore(),
        dataDir: dir,
        lineSpeed: 4,
      });
      browser = await launchChromium();
      page = await openApp(browser, host.url);
      await page.setViewportSize({ width: 1200, height: 760 });
      await signInToDemo(page);
      for (const contact of [
        { name: '田中 一郎', company: 'Tanaka Trading', faxNumber: '03-1234-5678' },
        { name: 'Bob Builder', company: 'Acme', faxNumber: '+81 50 3333 4444' },
      ]) {
        const saved = await host.core.router.dispatch('contacts:save', contact);
        expect(saved.ok).toBe(true);
      }
    });

    afterAll(async () => {
      await browser?.close();
      await host?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('suggests contacts by company, name and number, picked with the keyboard; the chip shows the number', async () => {
      await compose();
      const options = page
        .getByRole('listbox', { name: en['compose.suggestions'] })
        .getByRole('option');
      // A company, picked with Enter: the chip names the contact and shows the number.
      await toBox().fill('tanaka');
      await expect
        .poll(() => options.allInnerTexts())
        .toEqual([expect.stringContaining('Tanaka Trading')]);
      await toBox().press('Enter');
      const chips = page.locator('.chip:not(.invalid)');
      await expect.poll(() => chips.count()).toBe(1);
      expect(await chips.nth(0).getAttribute('data-e164')).toBe('+81312345678');
      expect(await chips.nth(0).innerText()).toContain('田中 一郎');
      expect(await chips.nth(0).getByTestId('chip-number').innerText()).toBe('03-1234-5678');
      // Part of a number; the list is walked with the arrows and the highlighted one is taken.
      await toBox().fill('3333');
      await expect.poll(() => options.count()).toBe(1);
      await toBox().press('ArrowDown');
      expect(await toBox().getAttribute('aria-activedescendant')).toBe(
        await options.nth(0).getAttribute('id'),
      );
      await toBox().press('Enter');
      await expect.poll(() => chips.count()).toBe(2);
      expect(await chips.nth(1).getAttribute('data-e164')).toBe('+815033334444');
      expect(await chips.nth(1).getByTestId('chip-number').innerText()).toBe('050-3333-4444');
      // A name in Japanese; Escape closes the list and keeps what was typed.
      await toBox().fill('田中');
      await expect.poll(() => options.count()).toBe(1);
      await toBox().press('Escape');
      expect(await options.count()).toBe(0);
      expect(await toBox().inputValue()).toBe('田中');
      await toBox().fill('');
      // The title bar tells whether the draft is saved.
      await expect
        .poll(() => page.title())
        // After the unread count the window title shows: "(4) New fax · Draft saved — Kamifax".
        .toMatch(
          new RegExp(`^(\\(\\d+\\) )?${en['nav.compose']} · ${en['compose.saved']} — Kamifax$`),
        );
      // Main's work on the documents shows in place (drafts:progress): watch for it.
      await page.evaluate(() => {
        const seen = new Set<string>();
        (window as unknown as { progressSeen: Set<string> }).progressSeen = seen;
        new MutationObserver(() => {
          const shown = document.querySelector('[data-testid="draft-progress"]');
          if (shown) seen.add(shown.getAttribute('data-stage') ?? '');
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await send('Purchase order 118', await png());
      const stages = await page.evaluate(() => [
        ...(window as unknown as { progressSeen: Set<string> }).progressSeen,
      ]);
      expect(stages).toContain('normalising');
      // Compose has gone: so has its word in the title.
      await expect.poll(() => page.title()).not.toContain(en['compose.saved']);
    });

    it('finds sent faxes by the number as shown, contact name and company, subject, and date', async () => {
      await compose();
      await toBox().fill('092-123-4567');
      await toBox().press('Enter');
      await send('会議資料', await png());
      await nav('sent').click();
      await page.locator('.content[data-screen="sent"]').waitFor();
      await expect.poll(() => sentRows().count(), { timeout: 60_000 }).toBe(3);
      const search = page.getByRole('searchbox', { name: en['outbox.search'] });
      const found = async (typed: string) => {
        await search.fill(typed);
        await page.locator(`[data-shown-search="${typed}"]`).waitFor();
        return (await page.locator('.outbox-row[data-row-id] .subject').allInnerTexts()).sort();
      };
      for (const typed of ['03-1234-5678', '0312345678', '+81 3-1234-5678', '1234-5678'])
        expect(await found(typed)).toEqual(['Purchase order 118']);
      expect(await found('092-123-4567')).toEqual(['会議資料']);
      expect(await found('田中')).toEqual(['Purchase order 118']);
      expect(await found('Acme')).toEqual(['Purchase order 118']);
      expect(await found('purchase')).toEqual(['Purchase order 118', 'Purchase order 118']);
      const today = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      const [y, m, d] = [today.getFullYear(), pad(today.getMonth() + 1), pad(today.getDate())];
      for (const typed of [`${y}-${m}-${d}`, `${y}/${m}/${d}`, `${y}-${m}`])
        expect(await found(typed)).toHaveLength(3);
      expect(await found('2001-01-01')).toEqual([]);
      // A contact saved elsewhere names the number at once (contacts:changed).
      await search.fill('');
      const saved = await host.core.router.dispatch('contacts:save', {
        name: '九州支店',
        faxNumber: '092-123-4567',
      });
      expect(saved.ok).toBe(true);
      await expect
        .poll(() =>
          page.locator('.outbox-row', { hasText: '会議資料' }).locator('.sender').innerText(),
        )
        .toBe('九州支店');
      await search.fill('2001-01-01');
      await page.locator('[data-shown-search="2001-01-01"]').waitFor();
      expect(await page.getByTestId('outbox-count').innerText()).toBe(
        en['outbox.count'].replace('{total}', '0'),
      );
      await search.fill('');
    });

    it('cancels a fax waiting in the queue, and the service agrees it is cancelled', async () => {
      // A long fax takes the line; the next one waits `queued` at the service behind it.
      await compose();
      await toBox().fill('092-123-4567');
      await toBox().press('Enter');
      await send('Long fax', {
        name: 'long.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await textPdf(8)),
      });
      await compose();
      await toBox().fill('092-123-4567');
      await toBox().press('Enter');
      await send('Cancel me', await png());
      const row = page.locator('.outbox-row', { hasText: 'Cancel me' });
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      const cancel = page
        .getByTestId('outbox-pane')
        .getByRole('button', { name: en['outbox.cancel'], exact: true });
      await cancel.waitFor({ timeout: 30_000 });
      // Accepted by the service (it holds the fax), still queued there.
      await expect
        .poll(
          async () =>
            (await aliceOutbound(host)).find((fax) => fax.subject === 'Cancel me')?.status,
          {
            timeout: 30_000,
          },
        )
        .toBe('queued');
      await cancel.click();
      await expect
        .poll(() => row.getAttribute('data-status'), { timeout: 30_000 })
        .toBe('cancelled');
      expect(await row.innerText()).toContain(en['outbox.status.cancelled']);
      expect((await aliceOutbound(host)).find((fax) => fax.subject === 'Cancel me')?.status).toBe(
        'cancelled',
      );
      // The long fax still goes (a cancel touches only the fax it was asked for).
      expect(['queued', 'sending']).toContain(
        (await aliceOutbound(host)).find((fax) => fax.subject === 'Long fax')?.status,
      );
    }, 120_000);
  },
);
