import { describe, expect, it } from 'vitest';
import type { FaxSummary } from '../../../preload/contract';
import type { FirstAnswer } from '../../../preload/first-answers';
import { firstInboxQuery } from '../../../preload/first-answers';
import {
  acceptedLanguages,
  firstScreenPainter,
  loadFirstScreenRenderer,
} from '../../../main/core/first-paint';
import { shellPageParts } from '../../../main/core/first-answers';
import { createLogger } from '../../../main/core/log/logger';

const hostile = '</div><script>alert(1)</script><img src=x onerror="alert(2)" style="x">&amp;';

function fax(index: number, patch: Partial<FaxSummary> = {}): FaxSummary {
  return {
    id: `fax-${index}`,
    direction: 'inbound',
    remoteNumber: '+81312345678',
    localNumber: '+81501111222',
    contactName: index % 2 === 0 ? `Sender ${index}` : null,
    subject: `Order ${index}`,
    pages: 1 + (index % 5),
    at: Date.UTC(2026, 10, 30, 9, index),
    read: index % 3 !== 0,
    junk: false,
    status: 'received',
    ...patch,
  };
}

function answers(
  rows: FaxSummary[],
  options: { language?: 'system' | 'en' | 'ja'; signedIn?: boolean } = {},
): FirstAnswer[] {
  const ok = (value: unknown) => ({ ok: true as const, value });
  return [
    {
      channel: 'app:info',
      request: {},
      result: ok({
        name: 'Kamifax',
        version: '1',
        platform: 'linux',
        host: 'headless',
        locale: 'en',
      }),
    },
    {
      channel: 'settings:get',
      request: {},
      result: ok({
        language: options.language ?? 'system',
        theme: 'system',
        notificationLevel: 'all',
        defaultCountry: 'auto',
      }),
    },
    {
      channel: 'session:get',
      request: {},
      result: ok(
        options.signedIn === false
          ? { status: 'signedOut' }
          : { status: 'signedIn', service: { kind: 'local' }, email: 'a@example.com' },
      ),
    },
    {
      channel: 'inbox:status',
      request: {},
      result: ok({
        connection: 'online',
        lastSyncAt: 1,
        pendingChanges: 0,
        parkedChanges: 0,
        revision: 3,
        unread: 7,
        total: rows.length,
      }),
    },
    { channel: 'inbox:query', request: firstInboxQuery, result: ok({ total: 100_000, rows }) },
  ];
}

const render = await loadFirstScreenRenderer();
const rows = Array.from({ length: 100 }, (_, index) => fax(index));

/** The painted markup as a tiny DOM-free reading: tags and attributes it holds. */
const rowsIn = (html: string) => [
  ...html.matchAll(/class="fax-row[^"]*"[^>]*data-fax-id="([^"]+)"/g),
];

describe('the first screen the host paints', () => {
  it('draws a screenful of the first rows, inert and busy, from the renderer’s own FaxRow', () => {
    const html = render(answers(rows), ['en-US'])!;
    expect(
      html.startsWith('<div class="first-paint" inert="" aria-busy="true">') ||
        html.startsWith('<div class="first-paint" inert aria-busy="true">'),
    ).toBe(true);
    const found = rowsIn(html);
    // A screenful (the list's first viewport with its overscan), in the answer's order.
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(found.length).toBeLessThan(30);
    expect(found.map((match) => match[1])).toEqual(rows.slice(0, found.length).map((r) => r.id));
    expect(html).toContain('Sender 0');
    expect(html).toContain('Order 1');
    // In the national form of the account's own number (a received fax's localNumber), as the
    // live rows read once the account has loaded.
    expect(html).toContain('03-1234-5678');
    expect(html).toContain('class="sidebar"');
    expect(html).toContain('class="status-bar"');
    // The count line as the live screen says it.
    expect(html).toContain('100000 faxes · 7 unread');
    // Our CSP refuses style attributes in markup: none are left.
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('speaks the user’s language: the setting, else the browser’s', () => {
    const ja = render(answers(rows), ['ja-JP', 'en'])!;
    expect(ja).toContain('受信箱');
    expect(ja).not.toContain('>Inbox<');
    const chosen = render(answers(rows, { language: 'ja' }), ['en-US'])!;
    expect(chosen).toContain('受信箱');
    const en = render(answers(rows, { language: 'en' }), ['ja-JP'])!;
    expect(en).toContain('>Inbox<');
  });

  it('escapes hostile senders and subjects: they stay text', () => {
    const html = render(
      answers([fax(0, { contactName: hostile, subject: hostile }), fax(1, { subject: null })]),
      ['en'],
    )!;
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</div><script');
    expect(html).toContain('&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp;amp;');
    // The subject in the title attribute is escaped too, and no style attribute got through.
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).toContain('(no subject)');
  });

  it('paints nothing for a page that is not a signed-in inbox', () => {
    expect(render(answers(rows, { signedIn: false }), ['en'])).toBeNull();
    expect(
      render(
        answers(rows).filter((a) => a.channel !== 'inbox:query'),
        ['en'],
      ),
    ).toBeNull();
  });
});

describe('the painter fails safe', () => {
  const lines: string[] = [];
  const log = createLogger((line) => lines.push(line), 'test');

  it('an error in the render serves the page without it, logged without the faxes', async () => {
    const painter = firstScreenPainter(log, {
      load: async () => () => {
        throw new Error('boom');
      },
    });
    const page = shellPageParts(
      '<html><body><div id="root"></div></body></html>',
      Promise.resolve(answers([fax(0, { subject: 'Secret plan' })])),
      (found) => painter.paint(found, ['en']),
    );
    const html = page.now + (await page.later);
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('kamifax-first-answers');
    expect(html).not.toContain('first-paint');
    expect(lines.join('\n')).toContain('could not paint the first screen');
    expect(lines.join('\n')).not.toContain('Secret plan');
  });

  it('a renderer that cannot load, or loads too late, serves the page without it', async () => {
    const failed = firstScreenPainter(log, { load: () => Promise.reject(new Error('gone')) });
    expect(await failed.paint(answers(rows), ['en'])).toBeNull();
    const slow = firstScreenPainter(log, {
      load: () => new Promise(() => {}),
      loadWaitMs: 20,
    });
    expect(await slow.paint(answers(rows), ['en'])).toBeNull();
  });

  it('puts the painted screen inside #root, sent with the answers; the head goes at once', async () => {
    const painter = firstScreenPainter(log);
    const page = shellPageParts(
      '<html><head><script type="module" src="/a.js"></script></head><body><div id="root"></div></body></html>',
      Promise.resolve(answers(rows)),
      (found) => painter.paint(found, ['en']),
    );
    expect(page.now).toContain('<script type="module" src="/a.js">');
    expect(page.now.endsWith('<div id="root">')).toBe(true);
    const later = await page.later;
    expect(later.startsWith('<div class="first-paint"')).toBe(true);
    expect(later).toMatch(
      /<\/div><\/div><script type="application\/json" id="kamifax-first-answers">/,
    );
    // Signed out: no answers, nothing painted, the page as it was.
    const out = shellPageParts('<body><div id="root"></div></body>', Promise.resolve(null), (f) =>
      painter.paint(f, ['en']),
    );
    expect(out.now + (await out.later)).toBe('<body><div id="root"></div></body>');
  });

  it('KAMIFAX_FIRST_PAINT=off neither loads nor paints', async () => {
    let loaded = 0;
    process.env.KAMIFAX_FIRST_PAINT = 'off';
    try {
      const painter = firstScreenPainter(log, {
        load: async () => {
          loaded += 1;
          return render;
        },
        startAfterMs: 0,
      });
      painter.start();
      expect(await painter.paint(answers(rows), ['en'])).toBeNull();
      expect(loaded).toBe(0);
    } finally {
      delete process.env.KAMIFAX_FIRST_PAINT;
    }
  });

  it('reads Accept-Language as the browser orders it', () => {
    expect(acceptedLanguages('ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual([
      'ja-JP',
      'ja',
      'en-US',
      'en',
    ]);
    expect(acceptedLanguages('en;q=0.5, ja')).toEqual(['ja', 'en']);
    expect(acceptedLanguages('*, x;q=0')).toEqual([]);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});
