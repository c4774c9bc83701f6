import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { decodeBridgeMessage, encodeBridgeMessage } from '../../preload/bridge-codec';
import type { PrinterStatus } from '../../preload/printer-contract';
import { en, type Catalogue } from '../../renderer/src/i18n/messages/en';
import { ja } from '../../renderer/src/i18n/messages/ja';
import { launchChromium } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';

/** The demo sign-in; the first one starts the embedded service (slow on a loaded machine). */
async function signInToDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: en['signIn.demo'] }).click();
  await page.getByRole('navigation').waitFor({ timeout: 90_000 });
}

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

type Message = { id?: number; channel?: string; payload?: unknown; result?: unknown };

/**
 * The desktop part of Settings is drawn only by the Electron host, which cannot run here (no
 * Electron binary). So the page talks to the real headless host through its WebSocket, and
 * this test stands in the middle of that socket: `app:info` says `electron` on the chosen
 * platform, and the printer channels are answered by a fake registration. Settings changes
 * go through to the real host, which keeps them.
 */
class DesktopFake {
  platform = 'linux';
  /** Whether main's own app:info (the page's first answers) says electron too. */
  active = false;
  printer: PrinterStatus | null = null;
  /** What the fake answers for printer:install/repair/remove: a state, or an error code. */
  printerAnswer: PrinterStatus | { code: string } | null = null;
  readonly calls: string[] = [];
  private pages: WebSocketRoute[] = [];

  async route(page: Page): Promise<void> {
    await page.routeWebSocket(
      () => true,
      (ws) => {
        this.pages.push(ws);
        const server = ws.connectToServer();
        const asked = new Map<number, string>();
        ws.onMessage((text) => {
          const message = decodeBridgeMessage(String(text)) as Message;
          const { id, channel } = message;
          if (channel) this.calls.push(channel);
          if (id !== undefined && channel && /^printer:(install|repair|remove)$/.test(channel)) {
            const answer = this.printerAnswer;
            const result =
              answer && 'code' in answer
                ? { ok: false, error: { code: answer.code, message: 'refused (test)' } }
                : { ok: true, value: (this.printer = answer ?? this.printer) };
            ws.send(encodeBridgeMessage({ id, result }));
            return;
          }
          if (id !== undefined && channel) asked.set(id, channel);
          server.send(text);
        });
        server.onMessage((text) => {
          const message = decodeBridgeMessage(String(text)) as Message & {
            result?: { ok: boolean; value?: Record<string, unknown> };
          };
          const channel = message.id !== undefined ? asked.get(message.id) : undefined;
          const result = message.result;
          if (result?.ok && channel === 'app:info')
            result.value = { ...result.value, host: 'electron', platform: this.platform };
          else if (result?.ok && channel === 'printer:status' && this.printer)
            result.value = { ...result.value, ...this.printer };
          else return ws.send(text);
          ws.send(encodeBridgeMessage(message));
        });
      },
    );
  }

  /** Main announcing a new printer state (a job arrived, the queue was removed elsewhere). */
  announce(status: PrinterStatus): void {
    this.printer = status;
    for (const ws of this.pages)
      ws.send(encodeBridgeMessage({ event: 'printer:changed', payload: status }));
  }
}

describe.skipIf(!hasChromium)('desktop settings (Chromium, contract faked at the bridge)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let fake: DesktopFake;
  let realPrinter: PrinterStatus;
  const printer = (patch: Partial<PrinterStatus>): PrinterStatus => ({ ...realPrinter, ...patch });
  const box = (label: string) => page.getByRole('checkbox', { name: label, exact: true });
  const settingsPage = async (platform: string, words: Catalogue = en) => {
    fake.platform = platform;
    fake.active = true;
    await page?.close();
    page = await browser.newPage({ locale: 'en-US' });
    await fake.route(page);
    await page.goto(host.url);
    await page.waitForSelector('html[data-ready="true"]');
    if ((await page.getByRole('navigation').count()) === 0) await signInToDemo(page);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${words['nav.settings']}`) })
      .click();
    await page.getByRole('heading', { level: 1, name: words['screen.settings.title'] }).waitFor();
  };

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    const status = await host.core.router.dispatch('printer:status', {});
    if (!status.ok) throw new Error(`printer:status failed: ${status.error.code}`);
    realPrinter = status.value as PrinterStatus;
    fake = new DesktopFake();
    // A signed-in page carries its first answers, app:info among them
    // (main/core/first-answers.ts): while a desktop platform is faked, main's router answers
    // it as the socket does, so the page sees one host from its first render on.
    const dispatch = host.core.router.dispatch.bind(host.core.router);
    host.core.router.dispatch = async (channel, payload) => {
      const result = await dispatch(channel, payload);
      if (channel !== 'app:info' || !fake.active || !result.ok) return result;
      return {
        ok: true,
        value: { ...(result.value as object), host: 'electron', platform: fake.platform },
      };
    };
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('the browser host shows no desktop settings (no tray, no login items there)', async () => {
    const plain = await browser.newPage({ locale: 'en-US' });
    await plain.goto(host.url);
    await plain.waitForSelector('html[data-ready="true"]');
    await signInToDemo(plain);
    await plain
      .getByRole('navigation')
      .getByRole('button', { name: /^Settings/ })
      .click();
    await plain.getByRole('heading', { level: 1, name: en['screen.settings.title'] }).waitFor();
    expect(await plain.getByRole('group', { name: en['settings.desktop'] }).count()).toBe(0);
    await plain.close();
  });

  it('close to tray follows the platform until chosen: off on Linux, on on Windows and macOS', async () => {
    await settingsPage('linux');
    await page.getByRole('group', { name: en['settings.desktop'] }).waitFor();
    expect(await box(en['settings.closeToTray']).isChecked()).toBe(false);
    expect(await box(en['settings.startAtLogin']).isChecked()).toBe(false);
    await settingsPage('win32');
    expect(await box(en['settings.closeToTray']).isChecked()).toBe(true);
    await settingsPage('darwin');
    expect(await box(en['settings.closeToTray']).isChecked()).toBe(true);
  });

  it('a choice made with the keyboard is kept by the host and shown again after a reload', async () => {
    await settingsPage('win32');
    // Windows defaults to on: turning it off is an explicit false, not "auto".
    await box(en['settings.closeToTray']).focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await host.core.settings.get()).closeToTray).toBe(false);
    await box(en['settings.startAtLogin']).focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await host.core.settings.get()).startAtLogin).toBe(true);
    await page.getByTestId('toast').filter({ hasText: en['settings.saved'] }).first().waitFor();
    expect(fake.calls.filter((c) => c === 'settings:update')).toHaveLength(2);
    await settingsPage('win32');
    expect(await box(en['settings.closeToTray']).isChecked()).toBe(false);
    expect(await box(en['settings.startAtLogin']).isChecked()).toBe(true);
    // Turned on again it is an explicit true (a later platform default does not undo it).
    await box(en['settings.closeToTray']).click();
    await expect.poll(async () => (await host.core.settings.get()).closeToTray).toBe(true);
    await box(en['settings.startAtLogin']).click();
    await expect.poll(async () => (await host.core.settings.get()).startAtLogin).toBe(false);
  });

  it('the printer: its state, Install, a refusal in words, and a state main announces', async () => {
    fake.printer = printer({ registration: 'missing', method: 'cups', ready: false });
    await settingsPage('linux');
    const section = page.getByTestId('printer-settings');
    await section.getByText(en['printer.state.missing']).waitFor();
    fake.printerAnswer = printer({ registration: 'installed', method: 'cups', ready: true });
    await section.getByRole('button', { name: en['printer.install'] }).click();
    await section.getByText(en['printer.state.ready']).waitFor();
    expect(fake.calls).toContain('printer:install');
    await section.getByRole('button', { name: en['printer.repair'] }).waitFor();
    // The administrator prompt was cancelled: the refusal is said, the state stays.
    fake.printerAnswer = { code: 'printer_admin_refused' };
    await section.getByRole('button', { name: en['printer.remove'] }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: en['errors.printer_admin_refused'] })
      .waitFor();
    await section.getByText(en['printer.state.ready']).waitFor();
    // Removed elsewhere (lpadmin -x): main announces it and the page follows.
    fake.announce(printer({ registration: 'broken', method: 'cups', ready: false }));
    await section.getByText(en['printer.state.broken']).waitFor();
  });

  it('speaks Japanese', async () => {
    fake.printer = printer({ registration: 'missing', method: 'cups', ready: false });
    await host.core.router.dispatch('settings:update', { language: 'ja' });
    try {
      await settingsPage('linux', ja);
      await page.waitForSelector('html[lang="ja"]');
      await page.getByRole('group', { name: ja['settings.desktop'] }).waitFor();
      await box(ja['settings.closeToTray']).waitFor();
      await box(ja['settings.startAtLogin']).waitFor();
      await page.getByText(ja['settings.startAtLogin.note']).waitFor();
      await page.getByTestId('printer-settings').getByText(ja['printer.state.missing']).waitFor();
      await page.getByRole('button', { name: ja['printer.install'] }).waitFor();
    } finally {
      await host.core.router.dispatch('settings:update', { language: 'en' });
    }
  });
});
