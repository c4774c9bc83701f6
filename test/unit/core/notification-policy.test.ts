import { describe, expect, it } from 'vitest';
import {
  notificationLanguage,
  planNotices,
} from '../../../main/core/notifications/notification-policy';
import type { FaxSummary } from '../../../preload/contract';

const fax = (id: string, extra: Partial<FaxSummary> = {}): FaxSummary => ({
  id,
  direction: 'inbound',
  remoteNumber: '+81 3-1234-5678',
  localNumber: '+81 50-1',
  contactName: null,
  subject: 'Secret merger terms',
  pages: 3,
  at: 0,
  read: false,
  junk: false,
  status: 'received',
  ...extra,
});

describe('planNotices', () => {
  it('says nothing when off', () => {
    expect(planNotices([fax('a')], 'off', 'en')).toEqual([]);
  });

  it('says only "New fax" at the generic level', () => {
    const [notice] = planNotices([fax('a')], 'generic', 'en');
    expect(notice).toEqual({ title: 'New fax', body: 'Open Kamifax to read it.', faxId: 'a' });
  });

  it('names the sender (contact first) and pages at the details level, in Japanese too', () => {
    expect(planNotices([fax('a', { contactName: '大阪支店' })], 'details', 'ja')[0]!.body).toBe(
      '大阪支店 から · 3 ページ',
    );
    expect(planNotices([fax('a', { pages: 1 })], 'details', 'en')[0]!.body).toBe(
      'From +81 3-1234-5678 · 1 page',
    );
  });

  it('never carries the subject or any content', () => {
    for (const level of ['generic', 'details'] as const) {
      for (const notice of planNotices([fax('a')], level, 'en')) {
        expect(JSON.stringify(notice)).not.toContain('merger');
      }
    }
  });

  it('turns a burst into one summary that opens the inbox', () => {
    const burst = Array.from({ length: 50 }, (_v, i) => fax(`f${i}`));
    expect(planNotices(burst, 'details', 'en')).toEqual([
      { title: '50 new faxes', body: 'Open Kamifax to read them.', faxId: null },
    ]);
    expect(planNotices(burst.slice(0, 3), 'details', 'en')).toHaveLength(3);
  });

  it('follows the UI language, else the OS locale', () => {
    expect(notificationLanguage('system', 'ja-JP')).toBe('ja');
    expect(notificationLanguage('system', 'de-DE')).toBe('en');
    expect(notificationLanguage('en', 'ja-JP')).toBe('en');
  });
});
