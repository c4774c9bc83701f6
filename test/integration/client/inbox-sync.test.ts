import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxService } from '../../../main/core/inbox/inbox-service';
import {
  signedInInbox,
  startTestService,
  until,
  type TestClient,
  type TestService,
} from './harness';

const alice = { email: 'alice@example.com', password: 'kamifax-demo', number: '+815011112222' };
const all = { search: '', filter: 'all', sort: 'newest', offset: 0, limit: 500 } as const;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('inbox sync against the real service', () => {
  let service: TestService;
  let client: TestClient;
  let inbox: InboxService;

  beforeEach(async () => {
    service = await startTestService();
    ({ client, inbox } = await signedInInbox(service));
  });

  afterEach(async () => {
    await client.close();
    await service.stop();
  });

  it('first sync brings the demo inbox, then an injected fax arrives live with a notification', async () => {
    expect(inbox.query(all).total).toBe(4);
    const injected = (await (
      await service.admin('inbound', { to: alice.number, from: '+81344445555', pages: 2 })
    ).json()) as { fax: { id: string } };
    await until(() => inbox.query(all).total === 5, 5000, 'the live fax');
    expect(inbox.query(all).rows[0]).toMatchObject({ id: injected.fax.id, pages: 2, read: false });
    await until(() => client.notifications.shown.length === 1, 2000, 'a notification');
    expect(client.notifications.shown[0]!.notice).toMatchObject({
      faxId: injected.fax.id,
      title: 'New fax',
    });
    expect(client.notifications.badge).toBe(5);
  });

  it('applies deletes made elsewhere', async () => {
    const victim = inbox.query(all).rows[0]!;
    const { client: other, inbox: elsewhere } = await signedInInbox(service, { pollMs: 60_000 });
    elsewhere.remove([victim.id]);
    await elsewhere.syncNow();
    await other.close();
    await until(
      async () => (await inbox.syncNow()) && inbox.query(all).total === 3,
      5000,
      'the delete',
    );
    expect(inbox.query(all).rows.map((r) => r.id)).not.toContain(victim.id);
  });

  it('resumes a sync cut off after one page with no duplicates and no gaps', async () => {
    await service.admin('seed', { email: alice.email, count: 1200 });
    // Cut the sync after its first page by stopping the service mid-way.
    const cut = inbox.syncNow();
    await until(() => inbox.query(all).total > 4, 5000, 'the first page');
    await service.restart();
    await cut.catch(() => undefined);
    await inbox.syncNow();
    const ids = new Set<string>();
    for (let offset = 0; offset < 1300; offset += 500) {
      for (const row of inbox.query({ ...all, offset }).rows) ids.add(row.id);
    }
    expect(inbox.query(all).total).toBe(1204);
    expect(ids.size).toBe(1204);
    // No notification storm either: the seeded faxes were history, not one per fax.
    expect(client.notifications.shown.length).toBeLessThanOrEqual(1);
  });

  it('queues read, delete and junk while the service is down and replays them after', async () => {
    const [first, second, third] = inbox.query(all).rows;
    await service.stop();
    inbox.markRead([first!.id], true);
    inbox.remove([second!.id]);
    inbox.reportJunk([third!.id], true);
    await inbox.syncNow().catch(() => undefined);
    expect(inbox.status()).toMatchObject({ connection: 'offline', pendingChanges: 3 });
    expect(inbox.query(all).rows.find((r) => r.id === first!.id)?.read).toBe(true);
    await service.restart();
    await inbox.syncNow();
    expect(inbox.status()).toMatchObject({ connection: 'online', pendingChanges: 0 });
    // The service now agrees.
    const { client: check, inbox: fresh } = await signedInInbox(service, { pollMs: 60_000 });
    const rows = fresh.query({ ...all, filter: 'all' }).rows;
    expect(rows.find((r) => r.id === first!.id)?.read).toBe(true);
    expect(rows.find((r) => r.id === second!.id)).toBeUndefined();
    expect(fresh.query({ ...all, filter: 'junk' }).rows.map((r) => r.id)).toEqual([third!.id]);
    await check.close();
  });

  it('resumes the event stream after a drop, from the last event id', async () => {
    inbox.dropLiveConnection();
    await service.admin('inbound', { to: alice.number, from: '+81355556666' });
    // Polling is an hour away here, so only the resumed stream can bring it.
    await until(() => inbox.query(all).total === 5, 8000, 'the fax after the reconnect');
  });

  it('keeps documents encrypted, re-downloads a tampered one, and never writes plaintext', async () => {
    const fax = inbox.query(all).rows[0]!;
    const progress: unknown[] = [];
    const stop = client.core.events.listen((event, payload) => {
      if (event === 'inbox:downloadProgress') progress.push(payload);
    });
    const first = await inbox.document(fax.id);
    stop();
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(progress.at(-1)).toMatchObject({ id: fax.id, loaded: first.bytes.length });
    const cacheFiles = filesUnder(client.dataDir).filter((f) => f.endsWith('.kfx'));
    expect(cacheFiles.length).toBeGreaterThan(0);
    const target = cacheFiles[0]!;
    const bytes = readFileSync(target);
    bytes[bytes.length - 3]! ^= 0x55;
    writeFileSync(target, bytes);
    for (const row of inbox.query(all).rows) {
      const again = await inbox.document(row.id);
      expect(again.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    for (const file of filesUnder(client.dataDir)) {
      if (statSync(file).size === 0) continue;
      expect(readFileSync(file).includes(Buffer.from('%PDF')), file).toBe(false);
    }
  });
});
