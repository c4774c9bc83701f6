import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';
import { launchChromium, signInToDemo } from '../helpers/browser';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { FocusAudit } from './focus-audit';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core over the page as it is; the serious and critical violations, in short. */
async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: object): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.help}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

// Every screen the navigation offers, in both languages and both themes: screens still being
// built are covered as they stand, since the list is read from the navigation itself.
describe.skipIf(!hasChromium)('accessibility of every screen (axe-core in Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let audit: FocusAudit;

  beforeAll(async () => {
    host = await startTestHost({ credentials: new MemoryCredentialStore() });
    browser = await launchChromium();
    // axe is injected as a script; the app's CSP (script-src 'self') would refuse it.
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-US' });
    page = await context.newPage();
    await page.goto(host.url);
    await page.waitForSelector('html[data-ready="true"]');
    await signInToDemo(page);
    audit = await FocusAudit.attach(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  for (const language of ['en', 'ja'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      // Every Tab stop of every screen (the ring's presence does not depend on the theme, so
      // each language is walked in one theme; keyboard-flows.test.ts drives whole tasks).
      const walk = (language === 'en') === (theme === 'light');
      it(`has no serious or critical violation${walk ? ', and every Tab stop is ringed and named' : ''} (${language}, ${theme})`, async () => {
        await host.core.router.dispatch('settings:update', { language, theme });
        await page.waitForSelector(`html[lang="${language}"][data-theme="${theme}"]`);
        const nav = page.getByRole('navigation');
        const count = await nav.getByRole('button').count();
        expect(count).toBeGreaterThanOrEqual(5);
        const problems: Record<string, string[]> = {};
        for (let i = 0; i < count; i += 1) {
          const button = nav.getByRole('button').nth(i);
          const label =
            (await button.getAttribute('aria-label')) ?? (await button.textContent()) ?? `#${i}`;
          await button.click();
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.evaluate(axeSource);
          const found = await seriousViolations(page);
          if (walk) {
            const stops = await audit.tabCycle(label.trim());
            // At least the navigation's buttons: the walk went round the whole window.
            if (stops.length < count) found.push(`only ${stops.length} Tab stops`);
            found.push(...audit.problems.splice(0));
          }
          if (found.length > 0) problems[label.trim()] = found;
        }
        expect(problems).toEqual({});
      });
    }
  }
});
