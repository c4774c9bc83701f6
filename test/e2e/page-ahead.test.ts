import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, signInToDemo } from '../helpers/browser';
import { faxPdf } from '../helpers/fax-pdf';
import { startTestHost, type TestHost } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { en } from '../../renderer/src/i18n/messages/en';
import { MemoryCredentialStore } from '../../main/core/credentials/memory-store';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');

/** What page 1 of the open fax showed, recorded in the page from before the click on. */
interface Seen {
  /** Each source page 1 was painted from, in order (`ahead`, then `pdf`). */
  sources: string[];
  /** Page 1's box (CSS px) and canvas pixels when each source was first painted. */
  boxes: Array<{ source: string; width: number; height: number; canvas: string; top: number }>;
}

describe.skipIf(!hasChromium)('page 1 of prefetched unread faxes, rendered ahead', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let pdfBytes: Uint8Array;

  const inject = async (subject: string) => {
    const response = await fetch(`${host.localService.url()!}/v1/admin/inbound`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-admin-token': host.localService.adminToken,
      },
      body: JSON.stringify({
        to: '+815011112222',
        from: '+81355550123',
        subject,
        documentBase64: Buffer.from(pdfBytes).toString('base64'),
      }),
    });
    const { fax } = (await response.json()) as { fax: { id: string } };
    await page.locator(`.fax-row[data-fax-id="${fax.id}"]`).waitFor();
    return fax.id;
  };

  /** Pages rendered ahead that main holds now (sealed files beside the documents). */
  const pageFiles = async () => {
    const found: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
        if (entry.isDirectory()) await walk(join(folder, entry.name));
        else if (entry.name.endsWith('.p1.kfx')) found.push(entry.name);
      }
    };
    await walk(host.dataDir);
    return found;
  };
  const fileOf = (id: string) => `${Buffer.from(id).toString('base64url')}.p1.kfx`;

  /** Opens a fax from its row and records what page 1 showed until pdf.js drew it. */
  const openAndWatch = async (id: string): Promise<Seen> => {
    await page.evaluate(() => {
      const seen: Seen = { sources: [], boxes: [] };
      (window as unknown as { seen: Seen }).seen = seen;
      const observer = new MutationObserver(() => {
        const one = window.document.querySelector<HTMLElement>(
          '.fax-pane .viewer-pane [data-page-number="1"][data-render-state="rendered"]',
        );
        const source = one?.dataset.source;
        const canvas = one?.querySelector('canvas');
        if (!one || !source || !canvas || seen.sources.at(-1) === source) return;
        seen.sources.push(source);
        const box = one.getBoundingClientRect();
        seen.boxes.push({
          source,
          width: box.width,
          height: box.height,
          top: box.top,
          canvas: `${canvas.width}x${canvas.height}`,
        });
      });
      observer.observe(window.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-render-state', 'data-source'],
      });
    });
    await page.locator(`.fax-row[data-fax-id="${id}"]`).click();
    await page
      .locator(
        '.fax-pane .viewer-pane [data-page-number="1"][data-source="pdf"][data-render-state="rendered"]',
      )
      .waitFor();
    return page.evaluate(() => (window as unknown as { seen: Seen }).seen);
  };

  /** Shows another fax (the oldest demo fax) in the reading pane, so the next open is fresh. */
  const backToList = async () => {
    const other = page.locator('.fax-row[data-fax-id]').last();
    const otherId = await other.getAttribute('data-fax-id');
    await other.click();
    await page.locator(`.fax-pane[data-fax-id="${otherId}"]`).waitFor();
  };

  beforeAll(async () => {
    pdfBytes = await faxPdf(2);
    host = await startTestHost({ credentials: new MemoryCredentialStore(), pollMs: 3_600_000 });
    browser = await launchChromium();
    page = await openApp(browser, host.url);
    await signInToDemo(page);
    await page.getByRole('listbox', { name: en['inbox.list'] }).waitFor();
    // Opening any fax tells the inbox how wide its reading pane is.
    await page.locator('.fax-row[data-fax-id]').first().click();
    await page.locator('.fax-pane [data-page-number="1"][data-render-state="rendered"]').waitFor();
    await backToList();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('opens a new unread fax with page 1 drawn ahead, then pdf.js takes over at the same size', async () => {
    const id = await inject('Rendered ahead');
    // The document is prefetched, then the idle inbox renders page 1 and main seals it.
    await expect.poll(pageFiles, { timeout: 30_000 }).toContain(fileOf(id));
    const seen = await openAndWatch(id);
    expect(seen.sources).toEqual(['ahead', 'pdf']);
    const [ahead, drawn] = seen.boxes;
    // Same box, same pixels: no jump when pdf.js's drawing replaces the image.
    expect(drawn).toEqual({ ...ahead, source: 'pdf' });
    expect(ahead!.width).toBeGreaterThan(400);
    await backToList();
  });

  it('never shows the image once the fax was rotated', async () => {
    const id = await inject('Turned later');
    await expect.poll(pageFiles, { timeout: 30_000 }).toContain(fileOf(id));
    expect((await openAndWatch(id)).sources[0]).toBe('ahead');
    await page.getByRole('button', { name: en['viewer.rotate.documentRight'] }).click();
    await backToList();
    // Opened again, turned: the upright image would be wrong, so pdf.js draws page 1 itself.
    const seen = await openAndWatch(id);
    expect(seen.sources).toEqual(['pdf']);
    expect(seen.boxes[0]!.width).toBeGreaterThan(seen.boxes[0]!.height);
    await backToList();
  });

  it('never shows an image rendered for a pane of another width', async () => {
    const id = await inject('Window resized');
    await expect.poll(pageFiles, { timeout: 30_000 }).toContain(fileOf(id));
    // The window narrows after the page was rendered for the old reading pane.
    await page.setViewportSize({ width: 1100, height: 800 });
    const seen = await openAndWatch(id);
    expect(seen.sources).toEqual(['pdf']);
    await backToList();
  });
});
