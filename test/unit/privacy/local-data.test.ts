import { describe, expect, it } from 'vitest';
import { classifyLocalPath } from '../../../main/core/privacy/local-data';
import { policyNotice } from '../../../main/core/privacy/policy-notice';

const account = 'accounts/0123456789abcdef0123';

describe('what a file in the data folder is', () => {
  it.each([
    ['settings.json', 'settings'],
    ['session.json', 'session'],
    [`${account}/inbox.sqlite`, 'inbox'],
    [`${account}/inbox.sqlite-wal`, 'inbox'],
    [`${account}/documents/abc.enc`, 'documents'],
    [`${account}/privacy.json`, 'privacy'],
    [`${account}/privacy.json.0123456789ab.tmp`, 'privacy'],
    [`${account}/drafts/d1/x.sealed`, 'drafts'],
    [`${account}/outbox/o1.sealed`, 'drafts'],
    ['local-service/service.sqlite', 'demoService'],
    ['Saved faxes/Fax 2026-11-30.pdf', 'saved'],
    ['logs/kamifax.log', 'logs'],
    ['Local Storage/leveldb/000003.log', 'browserEngine'],
    ['GPUCache/data_0', 'browserEngine'],
  ])('%s is %s', (path, kind) => {
    expect(classifyLocalPath(path)).toBe(kind);
  });

  it.each([
    'notes.txt',
    'accounts/alice@example.com/inbox.sqlite',
    `${account}/stray.bin`,
    'accounts/0123456789abcdef0123',
  ])('%s is not recognised, so the page could not describe it', (path) => {
    expect(classifyLocalPath(path)).toBeNull();
  });
});

describe('the new-policy notification', () => {
  const policy = { version: 3, effectiveDate: '2027-01-01' };
  it('follows the notification level and the language', () => {
    expect(policyNotice(policy, { language: 'en', notificationLevel: 'off' }, 'en-US')).toBeNull();
    expect(policyNotice(policy, { language: 'en', notificationLevel: 'generic' }, 'en-US')).toEqual(
      {
        title: 'Privacy policy updated',
        body: 'Open Kamifax to read it and say whether you accept.',
        faxId: null,
      },
    );
    const ja = policyNotice(policy, { language: 'system', notificationLevel: 'details' }, 'ja-JP');
    expect(ja?.title).toBe('プライバシーポリシーが更新されました');
    expect(ja?.body).toContain('第 3 版');
  });
});
