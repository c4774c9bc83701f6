import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaxSummary } from '../../../../preload/contract';
import { createLogger } from '../../../../main/core/log/logger';
import type { Notice } from '../../../../main/core/notifications/notification-policy';
import { Notifier, type NotificationHost } from '../../../../main/core/notifications/notifier';
import { createEventBus } from '../../../../main/core/rpc/event-bus';
import { SettingsStore } from '../../../../main/core/settings/settings-store';

const fax = (id: string): FaxSummary =>
  ({
    id,
    direction: 'inbound',
    remoteNumber: '+81312345678',
    localNumber: '+815000000001',
    subject: null,
    pages: 2,
    at: Date.UTC(2026, 10, 1),
    read: false,
    junk: false,
    status: 'received',
    contactName: null,
  }) as FaxSummary;

describe('Notifier', () => {
  let folder: string;
  let shown: Array<{ notice: Notice; click: () => void }>;
  let badges: number[];
  let logLines: string[];
  let settings: SettingsStore;
  let failShow: boolean;

  const host: NotificationHost = {
    show: (notice, click) => {
      if (failShow) throw new Error('the notification service is gone');
      shown.push({ notice, click });
    },
    setBadge: (unread) => badges.push(unread),
  };

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-notifier-'));
    shown = [];
    badges = [];
    logLines = [];
    failShow = false;
    settings = new SettingsStore(
      folder,
      createLogger(() => undefined, 'test'),
    );
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const notifier = (events = createEventBus()) =>
    new Notifier(
      host,
      settings,
      'en-US',
      events,
      createLogger((l) => logLines.push(l), 'test'),
      60_000,
    );

  it('announces the first fax at once and sums the burst behind it into one notice', async () => {
    const n = notifier();
    await n.announce([fax('a')]);
    expect(shown.map((s) => s.notice.faxId)).toEqual(['a']);
    await n.announce([fax('b')]);
    await n.announce([fax('c')]);
    expect(shown).toHaveLength(1);
    n.reset();
    expect(shown).toHaveLength(1);
  });

  it('says nothing when notifications are off, and only "New fax" at the generic level', async () => {
    await settings.update({ notificationLevel: 'off' });
    await notifier().announce([fax('a')]);
    expect(shown).toEqual([]);
    await settings.update({ notificationLevel: 'generic' });
    await notifier().announce([fax('b')]);
    expect(shown[0]!.notice.body).not.toContain('+81');
  });

  it('opens the fax on a click', async () => {
    const events = createEventBus();
    const opened: unknown[] = [];
    events.listen((event, payload) => {
      if (event === 'inbox:openFax') opened.push(payload);
    });
    await notifier(events).announce([fax('a')]);
    shown[0]!.click();
    expect(opened).toEqual([{ id: 'a' }]);
  });

  it('passes a host failure to the caller (which logs it) instead of losing it', async () => {
    failShow = true;
    await expect(notifier().announce([fax('a')])).rejects.toThrow('gone');
  });

  it('shows the unread count on the badge', () => {
    notifier().badge(3);
    expect(badges).toEqual([3]);
  });
});
