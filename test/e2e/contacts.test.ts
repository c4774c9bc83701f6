import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

/** A Japanese office's CSV: the demo's newest sender, a bad number on line 3, a US number. */
const csv =
  '名前,会社名,FAX番号\r\n福岡支店,カミ商事,092-123-4567\r\n壊れた行,,12ab\r\nAcme Trading,Acme,+1 212 555 0199\r\n';

describe.skipIf(!hasChromium)('contacts in Chromium against the embedded demo service', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  const nav = (screen: string) => page.getByRole('navigation').locator(`[data-screen="${screen}"]`);
  const list = () => page.getByRole('listbox', { name: en['contacts.list'] });
  const names = () => page.locator('.contact-row .contact-name').allTextContents();

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await signInToDemo(page);
    await page.getByRole('listbox', { name: en['inbox.list'] }).waitFor();
    await nav('contacts').click();
    await page.getByText(en['contacts.empty']).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('imports a CSV only after its summary, which names the bad line; the inbox then names the sender', async () => {
    await page.getByTestId('contacts-import-file').setInputFiles({
      name: 'fax-book.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await page.getByTestId('import-add').textContent()).toBe('2 contacts will be added.');
    const errors = await page.getByTestId('import-errors').textContent();
    expect(errors).toContain('Line 3: 壊れた行 “12ab”');
    expect(errors).toContain(en['errors.number_not_a_number']);
    // Nothing is saved before the confirmation.
    expect(await page.locator('.contact-row').count()).toBe(0);
    expect(await page.getByText(en['contacts.empty']).count()).toBe(1);
    await page.getByRole('button', { name: 'Import 2 contacts' }).click();
    await expect.poll(names).toEqual(['Acme Trading', '福岡支店']);
    expect(await page.getByTestId('contacts-count').textContent()).toBe('2 contacts');

    await nav('inbox').click();
    const newest = page.locator('.fax-row[data-fax-id]').first();
    await expect.poll(() => newest.textContent()).toContain('福岡支店');
    await nav('contacts').click();
    await expect.poll(names).toEqual(['Acme Trading', '福岡支店']);
  });

  it('adds, edits and deletes a contact from the keyboard, with the number checked as typed', async () => {
    await list().focus();
    await page.keyboard.press('n');
    const form = page.getByRole('form', { name: en['contacts.form.new'] });
    await form.waitFor();
    await page.keyboard.type('Beta Printing');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Beta KK');
    await page.keyboard.press('Tab');
    await page.keyboard.type('03-12');
    const help = page.getByTestId('contact-number-help');
    await expect.poll(() => help.textContent()).toBe(en['errors.number_too_short']);
    await page.keyboard.press('Enter');
    await expect.poll(() => help.textContent()).toBe(en['errors.number_too_short']);
    await page.keyboard.type('34-5678');
    await expect.poll(() => help.textContent()).toBe('Will be saved as +81 3 1234 5678');
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Acme Trading', 'Beta Printing', '福岡支店']);
    expect(await page.getByTestId('contact-number').textContent()).toBe('03-1234-5678');

    await list().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('F2');
    await page.getByRole('form', { name: en['contacts.form.edit'] }).waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Beta Printing Ltd');
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Acme Trading', 'Beta Printing Ltd', '福岡支店']);

    await list().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    await expect.poll(names).toEqual(['Acme Trading', '福岡支店']);
    await page.getByText('Contact “Beta Printing Ltd” deleted').waitFor();
    await page.getByRole('button', { name: en['shell.undo'] }).click();
    await expect.poll(names).toEqual(['Acme Trading', 'Beta Printing Ltd', '福岡支店']);
  });

  it('exports a CSV download with every contact', async () => {
    await page.getByRole('button', { name: en['contacts.export'] }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: en['contacts.exportCsv'] }).click(),
    ]);
    const text = (await readFile((await download.path())!)).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffName,Company,Fax,Note');
    expect(text).toContain('福岡支店,カミ商事,+81 92 123 4567');
    expect(text).toContain('Beta Printing Ltd,Beta KK,+81 3 1234 5678');
  });

  it('reads a Shift_JIS file in Japanese, naming duplicates and the bad line, and Cancel imports nothing', async () => {
    const japanese = await openApp(browser, host.url, 'ja-JP');
    try {
      await japanese.getByRole('navigation').locator('[data-screen="contacts"]').click();
      await japanese.getByRole('listbox', { name: ja['contacts.list'] }).waitFor();
      // Shift_JIS bytes of the same CSV, as an older Japanese Excel saves it.
      const sjis = Buffer.from(
        '96bc914f2c89ef8ed096bc2c46415894d48d860d0a959f89aa8e7893582c834a837e8fa48e962c3039322d3132332d343536370d0a89f382ea82bd8d732c2c313261620d0a',
        'hex',
      );
      expect(new TextDecoder('shift_jis').decode(sjis)).toBe(
        '名前,会社名,FAX番号\r\n福岡支店,カミ商事,092-123-4567\r\n壊れた行,,12ab\r\n',
      );
      await japanese.getByTestId('contacts-import-file').setInputFiles({
        name: '連絡先.csv',
        mimeType: 'text/csv',
        buffer: sjis,
      });
      await japanese.getByTestId('import-preview').waitFor();
      expect(await japanese.getByTestId('import-add').textContent()).toBe(
        ja['contacts.preview.addNone'],
      );
      expect(await japanese.getByTestId('import-duplicates').textContent()).toContain(
        '2 行目: 福岡支店 — 092-123-4567 は「福岡支店」として登録済みです',
      );
      expect(await japanese.getByTestId('import-errors').textContent()).toContain(
        '3 行目: 壊れた行「12ab」',
      );
      await japanese.getByRole('button', { name: ja['contacts.preview.cancel'] }).click();
      await japanese.getByTestId('import-preview').waitFor({ state: 'detached' });
      expect(await japanese.locator('.contact-row').count()).toBe(3);
    } finally {
      await japanese.close();
    }
  });
});
