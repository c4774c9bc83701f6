import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { en } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { launchChromium, openApp } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { FocusAudit } from './focus-audit';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

/** A one-page PDF for Compose's file chooser. */
async function onePagePdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage([595.28, 841.89]).drawText('Typed from the keyboard', { x: 72, y: 760, font });
  return Buffer.from(await document.save());
}

// Whole flows driven with the keyboard only (no clicks, no element.focus()): after every key
// the focus must be somewhere (never lost to <body>), visibly ringed, and have an accessible
// name that Chromium computes. Each flow collects its problems and lists them all at the end.
describe.skipIf(!hasChromium)('every flow works from the keyboard with a visible focus', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let audit: FocusAudit;
  // Listening from the start turns Chromium's file-chooser interception on before any key is
  // pressed (asking for it at the key races with the key).
  const choosers: FileChooser[] = [];
  const checked = (name: string) => page.getByRole('switch', { name, exact: true }).isChecked();

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await page.setViewportSize({ width: 1200, height: 760 });
    audit = await FocusAudit.attach(page);
    page.on('filechooser', (chooser) => choosers.push(chooser));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('signs in: every stop of the sign-in page, then e-mail, password and Enter', async () => {
    await audit.tabCycle('sign-in page');
    await audit.tabTo(en['signIn.email'], 'sign-in');
    await audit.type('alice@example.com');
    await audit.press('Tab', 'sign-in: Tab to the password');
    await audit.type('kamifax-demo', 'sign-in: typing the password');
    await page.keyboard.press('Enter');
    // The first sign-in starts the embedded demo service: slow on a loaded machine.
    await page.getByRole('navigation').waitFor({ timeout: 90_000 });
    await audit.check('after signing in');
    expect(audit.problems.splice(0)).toEqual([]);
  });

  it('opens a fax, goes next and previous, and back to the list', async () => {
    await page
      .getByRole('listbox', { name: en['inbox.list'] })
      .getByRole('option')
      .first()
      .waitFor();
    await audit.tabTo(en['inbox.list'], 'inbox');
    await audit.press('Home', 'inbox: Home');
    await audit.press('Enter', 'inbox: Enter opens the fax');
    await page.locator('.fax-details').waitFor();
    await audit.press('j', 'open fax: j (next)');
    await audit.press('k', 'open fax: k (previous)');
    await audit.tabTo(en['inbox.next'], 'open fax');
    await audit.press('Enter', 'open fax: Next fax button');
    await audit.tabTo(en['inbox.previous'], 'open fax');
    await audit.press('Enter', 'open fax: Previous fax button');
    await audit.tabTo(en['inbox.close'], 'open fax');
    const back = await audit.press('Enter', 'open fax: Back to the list');
    expect(back.role).toBe('listbox');
    await audit.press('Escape', 'inbox: Escape');
    await audit.tabCycle('inbox');
    expect(audit.problems.splice(0)).toEqual([]);
  });

  it('composes and sends a fax: recipient, a document through Add files…, a cover page, Send', async () => {
    await audit.press('Control+n', 'Ctrl+N (new fax)');
    await page.locator('.compose[data-draft-id]').waitFor();
    // The person asked for a new fax: the focus is in To, not on the heading (and stays
    // there after the screen has settled, so nothing takes it back).
    await page.waitForTimeout(500);
    const first = await audit.check('compose: after Ctrl+N');
    expect(first.name, `focus after Ctrl+N: ${first.what}`).toBe(en['compose.to']);
    await audit.type('050-3333-4444', 'compose: typing the number');
    await audit.press('Enter', 'compose: Enter adds the recipient');
    // The draft saves the recipient (Compose draws again meanwhile): then to Add files….
    await page.locator('.chip').waitFor();
    await expect.poll(() => page.title(), { timeout: 20_000 }).toContain(en['compose.saved']);
    await audit.tabTo(en['compose.addFiles'], 'compose');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => choosers.length, { message: 'a file chooser after Enter', timeout: 30_000 })
      .toBe(1);
    await choosers[0]!.setFiles([
      { name: 'letter.pdf', mimeType: 'application/pdf', buffer: await onePagePdf() },
    ]);
    await expect
      .poll(() => page.locator('.document[data-document-id]').count(), { timeout: 60_000 })
      .toBe(1);
    await audit.check('compose: after adding a file');
    await audit.tabTo(en['compose.cover'], 'compose');
    await audit.press('ArrowDown', 'compose: choosing a cover page');
    await audit.tabCycle('compose');
    await expect
      .poll(() => page.getByTestId('send-why').textContent(), { timeout: 20_000 })
      .toBe('');
    await audit.tabTo(en['compose.send'], 'compose');
    await page.keyboard.press('Enter');
    await page.locator('.content[data-screen="outbox"]').waitFor();
    await audit.check('after Send');
    expect(audit.problems.splice(0)).toEqual([]);
  });

  it('changes a privacy setting', async () => {
    await audit.press('Control+8', 'Ctrl+8 (Privacy)');
    await page.locator('.content[data-screen="privacy"]').waitFor();
    const name = en['privacy.label.productEmail'];
    await page.getByRole('switch', { name, exact: true }).waitFor();
    const before = await checked(name);
    await audit.tabTo(name, 'privacy');
    await audit.press('Space', 'privacy: Space flips the switch');
    await expect.poll(() => checked(name)).toBe(!before);
    await audit.tabCycle('privacy');
    expect(audit.problems.splice(0)).toEqual([]);
  });

  it('goes to Settings from the navigation and changes the theme, in English and Japanese', async () => {
    await audit.tabTo(new RegExp(`^${en['nav.settings']}`), 'to Settings');
    await audit.press('Enter', 'Settings: Enter on its navigation button');
    await page.locator('.content[data-screen="settings"]').waitFor();
    await audit.tabTo(en['settings.theme'], 'settings');
    await audit.press('ArrowDown', 'settings: a theme chosen with the arrow');
    await page.getByTestId('toast').filter({ hasText: en['settings.saved'] }).waitFor();
    await audit.check('settings: after "Settings saved"');
    await audit.tabCycle('settings (en)');
    await audit.tabTo(en['settings.language'], 'settings');
    // Japanese is the last of system, en, ja.
    await audit.press('End', 'settings: Japanese chosen with End');
    await page.waitForSelector('html[lang="ja"]');
    await audit.check('settings: after switching to Japanese');
    const names = await audit.tabCycle('settings (ja)');
    expect(names).toContain(ja['settings.theme']);
    expect(audit.problems.splice(0)).toEqual([]);
  });
});
