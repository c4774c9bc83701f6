import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InboxStore } from '../../../main/core/inbox/inbox-store';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import {
  removeFolder,
  signedInDataDir,
  startTestClient,
  startTestService,
  type TestClient,
  type TestService,
} from './harness';

const newest = { search: '', filter: 'all', sort: 'newest', offset: 0, limit: 50 } as const;

// On a restart the inbox's store opens while the service renews the sign-in (the two overlap).
// The inbox opened ahead is out of reach until the renewal succeeds; a refused renewal closes
// it unseen and the user lands signed out, shown nothing of that account.
describe('a restore opens the inbox while the sign-in renews', () => {
  let service: TestService;
  let client: TestClient | null = null;
  const credentials = new MemoryCredentialStore();
  let dataDir = '';
  const logged = (what: string) => client!.logLines.some((line) => line.includes(what));

  beforeAll(async () => {
    service = await startTestService();
    dataDir = await signedInDataDir(service.url, credentials);
  });
  afterEach(async () => {
    await client?.close();
    client = null;
  });
  afterAll(async () => {
    await service?.stop();
    await removeFolder(dataDir);
  });

  it('enters the inbox it opened ahead when the renewal succeeds', async () => {
    client = await startTestClient({ credentials, dataDir, pollMs: 3_600_000 });
    expect(client.core.session.current()).toMatchObject({ status: 'signedIn' });
    expect(logged('opening the inbox ahead of the renewal')).toBe(true);
    expect(logged('closing an inbox opened ahead')).toBe(false);
    const first = await client.core.router.dispatch('inbox:query', newest);
    expect(first).toMatchObject({ ok: true });
    expect((first as { value: { rows: unknown[] } }).value.rows.length).toBeGreaterThan(0);
  });

  it('counts the inbox while the renewal is out, so the first status of the page reads no list', async () => {
    const counts = vi.spyOn(InboxStore.prototype, 'counts');
    try {
      client = await startTestClient({ credentials, dataDir, pollMs: 3_600_000 });
      // Made once, during the restore, before anyone asked.
      expect(counts).toHaveBeenCalledTimes(1);
      const status = await client.core.router.dispatch('inbox:status', {});
      expect(status).toMatchObject({ ok: true, value: { total: expect.any(Number) } });
      expect((status as { value: { total: number } }).value.total).toBeGreaterThan(0);
      expect(counts).toHaveBeenCalledTimes(1);
    } finally {
      counts.mockRestore();
    }
  });

  it('a refused renewal closes it unseen: signed out, no faxes, no badge', async () => {
    // The sign-in was revoked elsewhere: the service no longer knows this refresh token.
    for (const key of credentials.entries.keys())
      if (key.endsWith('refresh-token')) credentials.entries.set(key, 'revoked-elsewhere');
    client = await startTestClient({ credentials, dataDir, pollMs: 3_600_000 });
    const { core, notifications } = client;
    expect(core.session.current()).toMatchObject({ status: 'signedOut', reason: 'revoked' });
    expect(logged('opening the inbox ahead of the renewal')).toBe(true);
    expect(logged('closing an inbox opened ahead, unseen')).toBe(true);
    expect(core.features.inbox()).toBeNull();
    const query = await core.router.dispatch('inbox:query', newest);
    expect(query).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(notifications.badge).toBe(0);
    expect(notifications.shown).toEqual([]);
    // Start-up ends without an account; still nothing of it appears afterwards.
    await core.afterStartup.done;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(core.features.inbox()).toBeNull();
    expect(notifications.badge).toBe(0);
  });
});
