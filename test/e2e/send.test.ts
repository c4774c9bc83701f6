import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, findExecutable, systemComponent } from '../helpers/system';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');
const pdftotext = findExecutable('pdftotext');
const hasPdftotext = systemComponent(
  'pdftotext',
  pdftotext !== null,
  'apt-get install poppler-utils',
);

const corpus = new URL('../../../shared/corpus/', import.meta.url);
const busyNumber = '03-0000-0001'; // the demo line answers +81300000001 busy
const coverMessage = 'いつもお世話になっております。会議資料をお送りします。';

/** A two-page PDF with words on it, so the far end's text can be checked. */
async function reportPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const number of [1, 2]) {
    const page = document.addPage([595.28, 841.89]);
    page.drawText(`Quarterly figures page ${number}`, { x: 72, y: 760, size: 24, font });
  }
  return Buffer.from(await document.save());
}

/** Bob's received faxes, read from the service as Bob (his inbox, not Alice's app). */
async function bobInbox(host: TestHost) {
  const url = host.localService.url()!;
  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bob@example.com', password: 'kamifax-demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const list = await fetch(`${url}/v1/faxes?direction=inbound&limit=50`, { headers: auth });
  const { faxes } = (await list.json()) as {
    faxes: { id: string; from: string; pages: number; subject: string | null }[];
  };
  const document = async (id: string) =>
    Buffer.from(
      await (await fetch(`${url}/v1/faxes/${id}/document`, { headers: auth })).arrayBuffer(),
    );
  return { faxes, document };
}

/** The text pdftotext reads from PDF bytes. */
async function textOf(bytes: Buffer, dir: string): Promise<string> {
  const file = join(dir, `fax-${Date.now()}.pdf`);
  await writeFile(file, bytes);
  return execFileSync(pdftotext!, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe.skipIf(!hasChromium)('sending faxes in Chromium against the embedded demo service', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const credentials = new MemoryCredentialStore();

  const nav = (screen: string) => page.getByRole('navigation').locator(`[data-screen="${screen}"]`);
  const toBox = () => page.getByRole('combobox', { name: en['compose.to'] });
  const compose = async () => {
    await nav('compose').click();
    await page.locator('.compose[data-draft-id]').waitFor();
  };
  const addFiles = async (files: { name: string; mimeType: string; buffer: Buffer }[]) => {
    await page.getByTestId('file-input').setInputFiles(files);
    await expect
      .poll(() => page.locator('.document[data-document-id]').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(files.length);
  };
  const png = async () => ({
    name: 'hopper.png',
    mimeType: 'image/png',
    buffer: await readFile(new URL('images/hopper.png', corpus)),
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kamifax-send-e2e-'));
    host = await startTestHost({ credentials, dataDir: dir });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await page.setViewportSize({ width: 1200, height: 760 });
    await signInToDemo(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks numbers as they are typed and refuses bad ones with their reason', async () => {
    await compose();
    await toBox().fill('03-1234-5678');
    await expect
      .poll(() => page.getByTestId('number-hint').textContent())
      .toContain('+81312345678');
    await toBox().press('Enter');
    for (const [typed, code] of [
      ['110', 'number_emergency'],
      ['03-12', 'number_too_short'],
      ['050-1111-2222', 'number_own'],
      ['fax me', 'number_not_a_number'],
    ] as const) {
      await toBox().fill(typed);
      await toBox().press('Enter');
      await page.locator(`.chip.invalid[data-problem="${code}"]`).waitFor();
      expect(await page.getByTestId('recipient-problems').textContent()).toContain(
        en[`errors.${code}`],
      );
    }
    expect(await page.locator('.chip:not(.invalid)').getAttribute('data-e164')).toBe(
      '+81312345678',
    );
    expect(await page.getByTestId('send-why').textContent()).toBe(en['compose.why.badRecipient']);
    // Backspace in the empty box takes the last chip away, one at a time.
    for (let i = 0; i < 5; i += 1) await toBox().press('Backspace');
    await expect.poll(() => page.locator('.chip').count()).toBe(0);
    expect(await page.getByTestId('send-why').textContent()).toBe(en['compose.why.noRecipients']);
  });

  it('Alice sends a PDF and an image with a Japanese cover page to Bob; Bob receives every page', async () => {
    await compose();
    await toBox().fill('050-3333-4444');
    await toBox().press('Enter');
    await page.getByLabel(en['compose.subject']).fill('会議資料 11月');
    await addFiles([
      { name: 'figures.pdf', mimeType: 'application/pdf', buffer: await reportPdf() },
      await png(),
    ]);
    expect(await page.locator('.document-pages').allTextContents()).toEqual(['2 pages', '1 page']);
    await page.getByRole('combobox', { name: en['compose.cover'] }).selectOption('classic');
    await page.getByLabel(en['compose.cover.from'], { exact: true }).fill('山田 太郎');
    await page.getByLabel(en['compose.cover.to'], { exact: true }).fill('田中 様');
    await page.getByLabel(en['compose.cover.company']).fill('田中商事株式会社');
    await page.getByLabel(en['compose.cover.message'], { exact: true }).fill(coverMessage);
    // The preview: cover + 2 + 1 pages, drawn 1-bit at fine resolution.
    await expect
      .poll(() => page.locator('.fax-preview').getAttribute('data-preview-pages'), {
        timeout: 20_000,
      })
      .toBe('4');
    expect(await page.getByTestId('preview-summary').textContent()).toMatch(
      /^4 pages · about 1 min on the line · 4 of your \d+ remaining sent pages$/,
    );
    // The first page as drawn (a later merge may replace the canvas: read it when it is there).
    const raster = async () =>
      page
        .locator('.fax-preview .viewer-page[data-page-number="1"] canvas.fax-raster')
        .evaluate(
          (element: HTMLCanvasElement) => {
            if (element.width === 0) return null;
            const data = element
              .getContext('2d')!
              .getImageData(0, 0, element.width, element.height).data;
            let grey = 0;
            for (let i = 0; i < data.length; i += 4)
              if (data[i] !== 0 && data[i] !== 255) grey += 1;
            return { width: element.width, height: element.height, grey };
          },
          undefined,
          { timeout: 2_000 },
        )
        .catch(() => null);
    // A4 or Letter (main picks the paper for the locale), one pixel per fine-mode dot, no grey.
    const a4Fine = { width: 1687, height: 2292, grey: 0 };
    const letterFine = { width: 1734, height: 2156, grey: 0 };
    await expect
      .poll(raster, { timeout: 30_000 })
      .toSatisfy((shown) =>
        [a4Fine, letterFine].some((grid) => JSON.stringify(grid) === JSON.stringify(shown)),
      );
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe(en['compose.saved']);
    await page.getByTestId('send').click();
    await page.locator('.content[data-screen="outbox"]').waitFor();

    await expect
      .poll(
        async () => (await bobInbox(host)).faxes.find((fax) => fax.subject === '会議資料 11月'),
        {
          timeout: 30_000,
        },
      )
      .toBeTruthy();
    const bob = await bobInbox(host);
    const fax = bob.faxes.find((entry) => entry.subject === '会議資料 11月')!;
    expect(fax.pages).toBe(4);
    expect(fax.from).toBe('+815011112222');
    if (hasPdftotext) {
      const text = await textOf(await bob.document(fax.id), dir);
      expect(text).toContain('いつもお世話になっております');
      expect(text).toContain('田中商事株式会社');
      expect(text).toContain('Quarterly figures page 2');
    }

    await nav('sent').click();
    const row = page.locator('.outbox-row[data-status="delivered"]').first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(en['outbox.status.delivered']);
    await row.click();
    const pane = page.getByTestId('outbox-pane');
    await pane.waitFor();
    await page.locator('.outbox-pane .viewer[data-viewer-state="ready"]').waitFor();
    expect(
      await page
        .getByRole('button', { name: en['outbox.openReport'] })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('a send to the busy number fails with "busy", and Resend sends it again', async () => {
    await compose();
    await toBox().fill(busyNumber);
    await toBox().press('Enter');
    await page.getByLabel(en['compose.subject']).fill('Busy test');
    await addFiles([await png()]);
    await expect.poll(() => page.getByTestId('send-why').textContent()).toBe('');
    await page.getByTestId('send').click();
    await page.locator('.content[data-screen="outbox"]').waitFor();
    const failed = page.locator('.outbox-row[data-status="failed"][data-failure="busy"]');
    await failed.first().waitFor({ timeout: 30_000 });
    expect(await failed.first().textContent()).toContain('Failed · busy');
    await failed.first().click();
    expect(await page.getByTestId('failure-explain').textContent()).toBe(en['send.failure.busy']);
    await page.getByRole('button', { name: en['outbox.resend'] }).click();
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBe(2);
  });

  it('keeps a draft across a restart of the host', async () => {
    await compose();
    await toBox().fill('092-123-4567');
    await toBox().press('Enter');
    await page.getByLabel(en['compose.subject']).fill('Survives a restart');
    await addFiles([await png()]);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe(en['compose.saved']);
    const draftId = await page.locator('.compose').getAttribute('data-draft-id');

    await page.close();
    const stopping = Date.now();
    await host.stop();
    console.log(`host stopped in ${Date.now() - stopping} ms`);
    host = await startTestHost({ credentials, dataDir: dir });
    page = await openApp(browser, host.url);
    await page.setViewportSize({ width: 1200, height: 760 });
    await page.getByRole('navigation').waitFor();
    await nav('drafts').click();
    await page.locator(`.draft-row[data-draft-id="${draftId}"]`).click();
    await page.locator(`.compose[data-draft-id="${draftId}"]`).waitFor();
    expect(await page.getByLabel(en['compose.subject']).inputValue()).toBe('Survives a restart');
    expect(await page.locator('.chip').getAttribute('data-e164')).toBe('+81921234567');
    expect(await page.locator('.document-name').allTextContents()).toEqual(['hopper.png']);
  });

  it('works from the keyboard: recipients, files, reorder, remove, send', async () => {
    await page.keyboard.press('Control+n');
    await page.locator('.compose[data-draft-id]').waitFor();
    await toBox().focus();
    await page.keyboard.type('050-3333-4444');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keyboard only');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('id') ?? ''))
      .toMatch(/subject/);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: en['compose.addFiles'] }).focus();
    await page.keyboard.press('Enter');
    await (
      await chooser
    ).setFiles([
      { name: 'figures.pdf', mimeType: 'application/pdf', buffer: await reportPdf() },
      await png(),
      { name: 'extra.png', mimeType: 'image/png', buffer: (await png()).buffer },
    ]);
    await expect
      .poll(() => page.locator('.document[data-document-id]').count(), { timeout: 20_000 })
      .toBe(3);
    const names = () => page.locator('.document-name').allTextContents();
    await page.locator('.document').first().focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(names).toEqual(['hopper.png', 'figures.pdf', 'extra.png']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('figures.pdf');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Delete');
    await expect.poll(names).toEqual(['hopper.png', 'figures.pdf']);
    await page.getByTestId('send').focus();
    await expect
      .poll(() => page.getByTestId('send-why').textContent(), { timeout: 20_000 })
      .toBe('');
    await page.keyboard.press('Enter');
    await page.locator('.content[data-screen="outbox"]').waitFor();
  });

  it('takes files dropped anywhere on the window, and reorders documents by dragging', async () => {
    await compose();
    const pdf = (await reportPdf()).toString('base64');
    const image = (await png()).buffer.toString('base64');
    await page.evaluate(
      ({ pdf, image }) => {
        const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes(pdf)], 'dropped.pdf', { type: 'application/pdf' }));
        transfer.items.add(new File([bytes(image)], 'dropped.png', { type: 'image/png' }));
        const target = document.querySelector('h1') ?? document.body;
        for (const type of ['dragenter', 'dragover', 'drop'])
          target.dispatchEvent(
            new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
      },
      { pdf, image },
    );
    const names = () => page.locator('.document-name').allTextContents();
    await expect.poll(names, { timeout: 20_000 }).toEqual(['dropped.pdf', 'dropped.png']);
    await page.locator('.document').nth(1).dragTo(page.locator('.document').nth(0));
    await expect.poll(names).toEqual(['dropped.png', 'dropped.pdf']);
    await page.getByRole('button', { name: en['compose.discard'] }).click();
    await page.getByRole('button', { name: en['compose.discardYes'] }).click();
    await page.locator('.content[data-screen="drafts"]').waitFor();
  });

  it('speaks Japanese: reasons, statuses and the preview line', async () => {
    await nav('settings').click();
    await page.getByLabel(en['settings.language']).selectOption('ja');
    await page.locator('html[lang="ja"]').waitFor();
    await nav('compose').click();
    const box = page.getByRole('combobox', { name: ja['compose.to'] });
    await box.fill('119');
    await box.press('Enter');
    expect(await page.getByTestId('recipient-problems').textContent()).toContain(
      ja['errors.number_emergency'],
    );
    await box.press('Backspace');
    await nav('outbox').click();
    const failed = page.locator('.outbox-row[data-failure="busy"]').first();
    await failed.waitFor();
    expect(await failed.textContent()).toContain('送信失敗 · 話し中');
    await nav('settings').click();
    await page.getByLabel(ja['settings.language']).selectOption('en');
    await page.locator('html[lang="en"]').waitFor();
  });
  it('writes screenshots of Compose, Outbox, Sent and Drafts at 1200×760 and 800×600, en/ja, light/dark', async () => {
    const shots = fileURLToPath(new URL('../output/screenshots/', import.meta.url));
    await mkdir(shots, { recursive: true });
    // A draft with documents and a Japanese cover page, so the preview has something to show.
    await compose();
    await toBox().fill('050-3333-4444');
    await toBox().press('Enter');
    await toBox().fill('110');
    await toBox().press('Enter');
    await page.getByLabel(en['compose.subject']).fill('見積書の送付');
    await addFiles([
      { name: 'figures.pdf', mimeType: 'application/pdf', buffer: await reportPdf() },
      await png(),
    ]);
    await page.getByRole('combobox', { name: en['compose.cover'] }).selectOption('classic');
    await page.getByLabel(en['compose.cover.company']).fill('田中商事株式会社');
    await page.getByLabel(en['compose.cover.message'], { exact: true }).fill(coverMessage);
    await page.locator('.fax-preview canvas.fax-raster').first().waitFor({ timeout: 30_000 });
    const rendered = (scope: string) =>
      page.locator(`${scope} .viewer-page[data-render-state="rendered"]`).first().waitFor();
    for (const language of ['en', 'ja'] as const) {
      await nav('settings').click();
      await page.locator('.content[data-screen="settings"] select').first().selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor();
      for (const screen of ['drafts', 'compose', 'outbox', 'sent'] as const) {
        await page.setViewportSize({ width: 1200, height: 760 });
        if (screen === 'compose') {
          await nav('drafts').click();
          await page.locator('.draft-row').first().click();
        } else await nav(screen).click();
        await page.locator(`.content[data-screen="${screen}"]`).waitFor();
        if (screen === 'sent' || screen === 'outbox')
          await page.locator('.outbox-row[data-row-id]').first().click();
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          for (const [width, height] of [
            [1200, 760],
            [800, 600],
          ] as const) {
            await page.setViewportSize({ width, height });
            if (screen === 'compose') await rendered('.fax-preview');
            if (screen === 'sent' || screen === 'outbox') await rendered('.outbox-pane');
            await page.screenshot({
              path: `${shots}send-${screen}-${width}x${height}-${language}-${theme}.png`,
            });
          }
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1200, height: 760 });
  }, 420_000);
});
