import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/**
 * Collects every uncaught page error and every `console.error` of the pages a test browser
 * opens, so that the e2e setup fails the test in which one happened. Expected ones are
 * allowed explicitly, per page, by pattern.
 */
export class PageErrorWatch {
  /** Expected everywhere: nothing (the pages name their icon, so no favicon.ico 404). */
  private static readonly always: readonly RegExp[] = [];
  private problems: string[] = [];
  private readonly allowed = new WeakMap<Page, RegExp[]>();

  /** Makes every context (and so every page) this browser creates report here. */
  watchBrowser(browser: Browser): void {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
      const context = await newContext(...args);
      this.watchContext(context);
      return context;
    };
  }

  /** Reports the pages of one context. */
  watchContext(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
  }

  /** Allows errors matching these patterns on this page (say why where you call it). */
  allow(page: Page, patterns: readonly RegExp[]): void {
    this.allowed.set(page, [...(this.allowed.get(page) ?? []), ...patterns]);
  }

  /** The problems seen since the last call, and forgets them. */
  take(): string[] {
    const seen = this.problems;
    this.problems = [];
    return seen;
  }

  private watchPage(page: Page): void {
    page.on('pageerror', (error) => this.record(page, `page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      this.record(page, `console error: ${message.text()}${where ? ` (${where})` : ''}`);
    });
  }

  private record(page: Page, text: string): void {
    const allowed = [...PageErrorWatch.always, ...(this.allowed.get(page) ?? [])];
    if (allowed.some((pattern) => pattern.test(text))) return;
    this.problems.push(text);
  }
}

/** The one watch of this test process (the e2e setup checks it after every test). */
export const pageErrors = new PageErrorWatch();
