import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../../preload/send-contract';
import { FontSource } from '../../../main/core/compose/fonts';
import { fitOnPage } from '../../../main/core/compose/page-layout';
import { ContactsStore } from '../../../main/core/contacts/contacts-store';
import { OutboxStore } from '../../../main/core/outbox/outbox-store';
import { SealedFiles } from '../../../main/core/outbox/sealed-files';
import { openSendDatabase } from '../../../main/core/outbox/send-database';
import { sentNotice } from '../../../main/core/outbox/send-notices';
import { transmissionReport } from '../../../main/core/outbox/transmission-report';
import { findExecutable, systemComponent } from '../../helpers/system';

const work = mkdtempSync(join(tmpdir(), 'kamifax-outbox-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const row: OutboxRow = {
  id: 'r1',
  sendId: 's1',
  faxId: 'f1',
  to: '+815033334444',
  contactName: null,
  subject: '見積書',
  pages: 3,
  pagesSent: 3,
  status: 'delivered',
  failureReason: null,
  progress: null,
  queuedAt: Date.UTC(2026, 10, 30, 2, 0),
  updatedAt: Date.UTC(2026, 10, 30, 2, 1),
  startedAt: Date.UTC(2026, 10, 30, 2, 0, 10),
  finishedAt: Date.UTC(2026, 10, 30, 2, 0, 55),
  canCancel: false,
  canResend: false,
};

describe('fitting content onto a portrait page', () => {
  it('turns landscape content a quarter and keeps portrait content upright', () => {
    expect(fitOnPage('a4', 595.28, 841.89, 0)).toMatchObject({ rotate: 0, scale: 1 });
    expect(fitOnPage('a4', 842, 595, 0).rotate).toBe(-90);
    // A landscape page with /Rotate 90 is portrait as shown: no further turn.
    expect(fitOnPage('a4', 842, 595, 90).rotate).toBe(-90);
    expect(fitOnPage('a4', 595, 842, 90).rotate).toBe(180);
    expect(fitOnPage('a4', 100, 100, 0, 1).scale).toBe(1);
  });
});

describe('the outbox store', () => {
  const db = openSendDatabase(join(work, 'a.sqlite'));
  let clock = 1000;
  const store = new OutboxStore(db, () => clock);

  it('keeps the key and fixes the recipients from the first attempt on', () => {
    store.create({
      id: 's1',
      idempotencyKey: 'k1',
      subject: 'x',
      pages: 2,
      resendOf: null,
      recipients: [
        { id: 'a', number: '+81312345678', contactName: null },
        { id: 'b', number: '+815033334444', contactName: null },
      ],
    });
    expect(store.cancelLocal('b')).toBe(true);
    const due = store.nextDue();
    expect(due && 'id' in due && due.recipients.map((r) => r.id)).toEqual(['a']);
    store.startAttempt('s1');
    expect(store.cancelLocal('a')).toBe(false);
    store.retryAt('s1', 5000, 'offline');
    expect(store.nextDue()).toEqual({ waitUntil: 5000 });
    expect(store.counts()).toEqual({ queued: 1, sending: 0, failed: 0 });
    clock = 6000;
    store.accepted('s1', [
      { id: 'fax-a', to: '+81312345678', status: 'queued', failureReason: null, pagesSent: 0 },
    ]);
    expect(store.row('a')).toMatchObject({ faxId: 'fax-a', status: 'queued', canCancel: true });
    expect(
      store.applyFax({
        id: 'fax-a',
        to: '+81312345678',
        status: 'failed',
        failureReason: 'busy',
        pagesSent: 0,
      }),
    ).toMatchObject({ status: 'failed', failureReason: 'busy', canResend: true });
    expect(
      store.applyFax({
        id: 'fax-a',
        to: '+81312345678',
        status: 'delivered',
        failureReason: null,
        pagesSent: 2,
      }),
    ).toBeNull();
  });

  it('names numbers from the address book and searches by number, name and subject', () => {
    const contacts = new ContactsStore(db, () => clock);
    contacts.save(
      { name: '田中商事', company: '田中商事株式会社', faxNumber: '03-1234-5678', note: '' },
      'JP',
    );
    expect(store.query('outbox', '', 0, 10).rows[0]?.contactName).toBe('田中商事');
    expect(store.query('outbox', '03-1234', 0, 10).total).toBe(1);
    expect(store.query('outbox', '田中', 0, 10).total).toBe(1);
    expect(store.query('outbox', 'nothing', 0, 10).total).toBe(0);
    expect(store.query('sent', '', 0, 10).total).toBe(0);
    expect(contacts.query('田中', 0, 10).rows.map((c) => c.faxNumber)).toEqual(['+81312345678']);
    expect(() =>
      contacts.save({ name: 'x', company: '', faxNumber: '0990-123-456', note: '' }, 'JP'),
    ).toThrow(/premium/);
  });
});

describe('sealed files', () => {
  it('reads back what it wrote and refuses a file copied over another name', async () => {
    const files = new SealedFiles(join(work, 'sealed'), Buffer.alloc(32, 3));
    await files.put('one', Uint8Array.from([1, 2, 3]));
    expect([...(await files.get('one'))!]).toEqual([1, 2, 3]);
    expect(await files.get('missing')).toBeNull();
    copyFileSync(join(work, 'sealed', 'one.kfx'), join(work, 'sealed', 'two.kfx'));
    expect(await files.get('two')).toBeNull();
  });
});

describe('notices and reports', () => {
  it('says no more than the level allows', () => {
    expect(sentNotice(row, 'Bob', 'off', 'en')).toBeNull();
    expect(sentNotice(row, 'Bob', 'generic', 'en')?.body).toBe('Open Kamifax for details.');
    expect(sentNotice(row, 'Bob', 'details', 'en')?.body).toBe('To Bob · 3 pages');
    expect(
      sentNotice({ ...row, status: 'failed', failureReason: 'busy' }, 'Bob', 'details', 'ja')?.body,
    ).toBe('Bob 宛: 話し中でした');
  });

  const pdftotext = findExecutable('pdftotext');
  it.skipIf(!systemComponent('pdftotext', pdftotext !== null, 'apt-get install poppler-utils'))(
    'makes a one-page transmission report with page 1 reduced',
    async () => {
      const fax = await PDFDocument.create();
      fax.addPage([595, 842]).drawText('PAGE ONE OF THE FAX', { x: 50, y: 700, size: 30 });
      const bytes = await transmissionReport({
        row: { ...row, status: 'failed', failureReason: 'busy', pagesSent: 0 },
        recipient: 'ボブ (050-3333-4444)',
        fax: await fax.save(),
        language: 'ja',
        timeZone: 'Asia/Tokyo',
        paper: 'a4',
        fonts: new FontSource(),
      });
      const file = join(work, 'report.pdf');
      writeFileSync(file, bytes);
      const text = execFileSync(pdftotext!, [file, '-'], { encoding: 'utf8' });
      for (const words of [
        '送信結果レポート',
        'ボブ (050-3333-4444)',
        '0 分 45 秒',
        '送信失敗: 話し中',
        'PAGE ONE OF THE FAX',
      ])
        expect(text).toContain(words);
      expect(text.replace(/\s/g, '')).toContain('0/3');
      expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    },
  );
});
