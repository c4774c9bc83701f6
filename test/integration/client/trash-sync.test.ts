import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxService } from '../../../main/core/inbox/inbox-service';
import { signedInInbox, startTestService, type TestClient, type TestService } from './harness';

const all = { search: '', filter: 'all', sort: 'newest', offset: 0, limit: 500 } as const;
const trash = { ...all, filter: 'trash' } as const;

describe('the Trash and Undo, synced with the real service (issue 14)', () => {
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

  it('deletes to the Trash, restores, takes back junk, and another device agrees', async () => {
    const [first, second] = inbox.query(all).rows;
    inbox.remove([first!.id]);
    inbox.reportJunk([second!.id], false);
    await inbox.syncNow();
    expect(inbox.status().pendingChanges).toBe(0);
    expect(inbox.query(trash).rows.map((r) => r.id)).toEqual([first!.id]);

    const { client: other, inbox: elsewhere } = await signedInInbox(service);
    expect(elsewhere.query(trash).rows.map((r) => r.id)).toEqual([first!.id]);

    inbox.restore([first!.id]);
    inbox.notJunk([second!.id]);
    await inbox.syncNow();
    expect(inbox.status().pendingChanges).toBe(0);
    expect(inbox.query(trash).total).toBe(0);
    await elsewhere.syncNow();
    expect(elsewhere.query(all).rows.map((r) => r.id)).toEqual(
      expect.arrayContaining([first!.id, second!.id]),
    );
    expect(elsewhere.query(trash).total).toBe(0);
    await other.close();
  });
});
