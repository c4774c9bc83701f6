import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../../preload/send-contract';
import { format } from '../../../renderer/src/i18n/i18n';
import { en } from '../../../renderer/src/i18n/messages/en';
import { ja } from '../../../renderer/src/i18n/messages/ja';
import { statusText } from '../../../renderer/src/outbox/status';

const row: OutboxRow = {
  id: 'r1',
  sendId: 's1',
  faxId: null,
  to: '+81312345678',
  contactName: null,
  subject: 'Order',
  pages: 12,
  pagesSent: 0,
  status: 'queued',
  failureReason: null,
  progress: null,
  queuedAt: 0,
  updatedAt: 0,
  startedAt: null,
  finishedAt: null,
  cancelRequested: false,
  canCancel: true,
  canResend: false,
};

const tEn = (key: keyof typeof en, values?: Record<string, string | number>) =>
  format(en[key], values);
const tJa = (key: keyof typeof en, values?: Record<string, string | number>) =>
  format(ja[key], values);

describe('the status chip of an outbox row', () => {
  it('says where the fax is in plain words', () => {
    expect(statusText(row, tEn)).toBe('Queued');
    expect(statusText({ ...row, status: 'uploading', progress: 0.4 }, tEn)).toBe('Uploading 40 %');
    expect(statusText({ ...row, status: 'uploading' }, tEn, 0.75)).toBe('Uploading 75 %');
    expect(statusText({ ...row, status: 'sending' }, tEn)).toBe('Sending');
    expect(statusText({ ...row, status: 'sending', pagesSent: 3 }, tEn)).toBe('Sending 3/12');
    expect(statusText({ ...row, status: 'delivered' }, tEn)).toBe('Delivered');
    expect(statusText({ ...row, status: 'failed', failureReason: 'busy' }, tEn)).toBe(
      'Failed · busy',
    );
    expect(statusText({ ...row, status: 'failed', failureReason: 'no_answer' }, tEn)).toBe(
      'Failed · no answer',
    );
    expect(statusText({ ...row, status: 'failed' }, tEn)).toBe('Failed');
  });

  it('in Japanese too', () => {
    expect(statusText({ ...row, status: 'sending', pagesSent: 3 }, tJa)).toBe('送信中 3/12');
    expect(statusText({ ...row, status: 'failed', failureReason: 'busy' }, tJa)).toBe(
      '送信失敗 · 話し中',
    );
    expect(statusText({ ...row, status: 'delivered' }, tJa)).toBe('送信完了');
  });

  it('says Cancelling… while a cancel asked for is settled, and the outcome once it is', () => {
    const asked = { ...row, cancelRequested: true, canCancel: false };
    for (const status of ['queued', 'waiting', 'uploading', 'sending'] as const) {
      expect(statusText({ ...asked, status, progress: 0.4 }, tEn)).toBe('Cancelling…');
      expect(statusText({ ...asked, status }, tJa)).toBe('取り消し中…');
    }
    expect(statusText({ ...asked, status: 'cancelled' }, tEn)).toBe('Cancelled');
    expect(statusText({ ...asked, status: 'delivered' }, tEn)).toBe('Delivered');
    expect(statusText({ ...row, status: 'waiting' }, tEn)).toBe('Waiting to retry');
  });
});
