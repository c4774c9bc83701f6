import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { hasKeychain } from '../helpers/keychain';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { KeytarCredentialStore } from '../../main/core/credentials/keytar-store';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

describe.skipIf(!hasChromium || !hasKeychain)(
  'sign-in in Chromium with the real keychain and the demo service',
  () => {
    let host: TestHost;
    let browser: Browser;
    let page: Page;
    const password = 'kamifax-demo';

    beforeAll(async () => {
      host = await startTestHost({ credentials: new KeytarCredentialStore() });
      browser = await launchChromium();
      page = await openApp(browser, host.url);
    });

    afterAll(async () => {
      await browser?.close();
      await host?.stop();
    });

    it('signs in as alice through the form, on the local demo service', async () => {
      await page.getByRole('heading', { name: en['signIn.title'] }).waitFor();
      await page.getByLabel(en['signIn.email']).fill('alice@example.com');
      await page.getByLabel(en['signIn.password']).fill('wrong password');
      await page.getByRole('button', { name: en['signIn.submit'] }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(en['errors.invalid_credentials']);
      await page.getByLabel(en['signIn.password']).fill(password);
      await page.getByRole('button', { name: en['signIn.submit'] }).click();
      await page.getByRole('navigation').waitFor();
    });

    it('shows the account with real usage, numbers and the trial', async () => {
      await page.getByRole('navigation').getByRole('button', { name: en['nav.account'] }).click();
      const facts = page.getByTestId('account-facts');
      await facts.waitFor();
      expect(await facts.textContent()).toContain('alice@example.com');
      expect(await facts.textContent()).toMatch(/Free trial.*days left in your trial/);
      // The demo inbox holds 1+2+3+4 received pages; the trial allows 100.
      await expect.poll(() => page.getByText('10 of 100 pages').count()).toBe(1);
      // Numbers show, and copy, in the account's national form.
      expect(await page.getByRole('button', { name: /050-1111-2222/ }).count()).toBe(1);
    });

    it('signs out (keychain and cache cleared) and signs in again', async () => {
      const accountDir = host.core.session.requireAccount().dataDir;
      await signOut(page);
      await page.getByRole('heading', { name: en['signIn.title'] }).waitFor();
      expect(existsSync(accountDir)).toBe(false);
      // "Remember me" was not chosen: nothing of the account stays, the e-mail included.
      expect(await page.getByLabel(en['signIn.email']).inputValue()).toBe('');
      await page.getByLabel(en['signIn.email']).fill('alice@example.com');
      await page.getByLabel(en['signIn.password']).fill(password);
      await page.getByRole('button', { name: en['signIn.submit'] }).click();
      await page.getByRole('navigation').waitFor();
    });

    it('leaves no password or token in the data folder or the logs', async () => {
      const account = host.core.session.requireAccount();
      const refresh = await new KeytarCredentialStore().get(account.scope, 'refresh-token');
      const secrets = [password, refresh!, account.tokens.current()!];
      const appFiles = readdirSync(host.dataDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
      expect(appFiles.length).toBeGreaterThan(3);
      for (const file of appFiles) {
        const text = readFileSync(file).toString('latin1');
        for (const secret of secrets)
          expect(text.includes(secret), `a secret in ${file}`).toBe(false);
      }
      for (const secret of secrets) expect(host.logLines.join('\n').includes(secret)).toBe(false);
    });

    it('creates a trial account (refusing under-13s) and starts with an empty inbox', async () => {
      await page.getByRole('navigation').getByRole('button', { name: en['nav.account'] }).click();
      await signOut(page);
      await page.getByRole('button', { name: en['signIn.toSignUp'] }).click();
      await page.getByRole('heading', { name: en['signUp.title'] }).waitFor();
      await page.getByLabel(en['signUp.name']).fill('Carol Ito');
      await page.getByLabel(en['signIn.email']).fill('carol@example.com');
      await page.getByLabel(en['signIn.password']).fill('a long enough password');
      await page.getByLabel(en['signUp.birthYear']).selectOption('2020');
      await page.getByLabel(en['signUp.birthMonth']).selectOption('1');
      await page.getByLabel(en['signUp.birthDay']).selectOption('1');
      await page.getByRole('button', { name: en['signUp.submit'] }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(en['errors.underage']);
      await page.getByLabel(en['signUp.birthYear']).selectOption('1990');
      await page.getByLabel(en['signUp.birthMonth']).selectOption('6');
      await page.getByLabel(en['signUp.birthDay']).selectOption('15');
      await page.getByRole('button', { name: en['signUp.submit'] }).click();
      await page.getByText(en['inbox.empty']).waitFor();
      expect(host.core.session.current()).toMatchObject({
        status: 'signedIn',
        email: 'carol@example.com',
      });
    });
  },
);

/** Sign-out asks once; the test answers yes. */
async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: en['account.signOut'] }).click();
  const dialog = page.getByRole('dialog', { name: en['shell.signOut.title'] });
  await dialog.getByRole('button', { name: en['shell.signOut.confirm'] }).click();
}
