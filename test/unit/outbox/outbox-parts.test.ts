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
  cancelRequested: false,
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
    expect(store.cancels.cancelLocal('b')).toBe(true);
    const due = store.nextDue();
    expect(due && 'id' in due && due.recipients.map((r) => r.id)).toEqual(['a']);
    store.startAttempt('s1');
    expect(store.cancels.cancelLocal('a')).toBe(false);
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

  it('records a cancel asked for after an attempt and settles it by withdrawing or at the service', () => {
    const store = new OutboxStore(openSendDatabase(join(work, 'cancel.sqlite')), () => clock);
    const recipients = (ids: string[]) =>
      ids.map((id, i) => ({ id, number: `+8131234567${i}`, contactName: null }));
    store.create({
      id: 's2',
      idempotencyKey: 'k2',
      subject: null,
      pages: 1,
      resendOf: null,
      recipients: recipients(['c', 'd']),
    });
    store.startAttempt('s2');
    store.retryAt('s2', clock + 60_000, 'offline');
    // Waiting for its retry: cancellable, but only by asking (the upload may have arrived).
    expect(store.row('c')).toMatchObject({ status: 'waiting', canCancel: true });
    expect(store.cancels.cancelLocal('c')).toBe(false);
    expect(store.cancels.requestCancel('c')).toBe(true);
    expect(store.row('c')).toMatchObject({ cancelRequested: true, canCancel: false });
    expect(store.cancels.requestCancel('c')).toBe(false);
    // Due at once, with the cancel marked, and the key still covering both numbers.
    const due = store.nextDue();
    expect(due && 'id' in due && due.recipients.map((r) => [r.id, r.cancelRequested])).toEqual([
      ['c', true],
      ['d', false],
    ]);
    // Withdrawn under an old key: nothing happens; under the current key: c is cancelled and
    // d goes again as a fresh send under a new key, cancellable here at once.
    store.cancels.withdrawn('s2', 'old', 'k2b');
    expect(store.row('c')?.status).toBe('waiting');
    store.cancels.withdrawn('s2', 'k2', 'k2b');
    expect(store.row('c')).toMatchObject({ status: 'cancelled', cancelRequested: false });
    expect(store.row('d')).toMatchObject({ status: 'queued', canCancel: true });
    const again = store.nextDue();
    expect(again && 'id' in again && [again.idempotencyKey, again.attempts]).toEqual(['k2b', 0]);
    // Uploading; cancel asked; the service accepted it meanwhile: a service cancel is owed.
    store.startAttempt('s2');
    expect(store.cancels.requestCancel('d')).toBe(true);
    store.accepted('s2', [
      { id: 'fax-d', to: '+81312345671', status: 'queued', failureReason: null, pagesSent: 0 },
    ]);
    expect(store.cancels.serviceCancels()).toEqual([{ id: 'd', faxId: 'fax-d' }]);
    store.applyFax({
      id: 'fax-d',
      to: '+81312345671',
      status: 'cancelled',
      failureReason: null,
      pagesSent: 0,
    });
    store.cancels.clearCancel('d');
    expect(store.cancels.serviceCancels()).toEqual([]);
    expect(store.row('d')).toMatchObject({ status: 'cancelled', canResend: true });
    // Every recipient withdrawn: the send is over.
    store.create({
      id: 's3',
      idempotencyKey: 'k3',
      subject: null,
      pages: 1,
      resendOf: null,
      recipients: recipients(['e']),
    });
    store.startAttempt('s3');
    store.cancels.requestCancel('e');
    store.cancels.withdrawn('s3', 'k3', 'k3b');
    expect(store.row('e')?.status).toBe('cancelled');
    expect(store.pendingSendIds()).not.toContain('s3');
    // A final refusal turns a row whose cancel was asked into cancelled, not failed.
    store.create({
      id: 's4',
      idempotencyKey: 'k4',
      subject: null,
      pages: 1,
      resendOf: null,
      recipients: recipients(['f', 'g']),
    });
    store.startAttempt('s4');
    store.cancels.requestCancel('f');
    store.refused('s4', 'quota_exceeded', 'quota');
    expect([store.row('f')?.status, store.row('g')?.status]).toEqual(['cancelled', 'failed']);
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
