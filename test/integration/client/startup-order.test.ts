import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import {
  removeFolder,
  signedInDataDir,
  startTestClient,
  startTestService,
  until,
  type TestClient,
  type TestService,
} from './harness';

const newest = {
  search: '',
  filter: 'all',
  sort: 'newest',
  offset: 0,
  limit: 50,
} as const;

// A restart of a signed-in user: restoring the sign-in and opening the inbox come first; the
// inbox's sync with the service, the outbox, the privacy feed and any other deferred start work
// begin only once the page's first inbox query has been answered, so nothing slow stands before
// the first row.
describe('start-up order on a restart', () => {
  let service: TestService;
  let client: TestClient | null = null;
  const credentials = new MemoryCredentialStore();
  let dataDir = '';

  beforeAll(async () => {
    service = await startTestService();
    dataDir = await signedInDataDir(service.url, credentials);
  });
  afterAll(async () => {
    await client?.close();
    await service?.stop();
    await removeFolder(dataDir);
  });

  it('answers the first query while a slow deferred task waits; sync, outbox and privacy feed start after it', async () => {
    client = await startTestClient({ credentials, dataDir, pollMs: 3_600_000 });
    const { core } = client;
    expect(core.session.current()).toMatchObject({ status: 'signedIn' });
    const events: string[] = [];
    let finishSlow: () => void = () => undefined;
    const slow = core.afterStartup.done.then(async () => {
      events.push('slow task started');
      // Half a second of this thread's time, then a wait only the test ends.
      const busyUntil = Date.now() + 500;
      while (Date.now() < busyUntil);
      await new Promise<void>((resolve) => (finishSlow = resolve));
      events.push('slow task finished');
    });
    const started = (what: string) => client!.logLines.some((line) => line.includes(what));
    // Restored, inbox open, the page not here yet: no sync has begun, no deferred work.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(core.afterStartup.isOver).toBe(false);
    expect(events).toEqual([]);
    expect(core.features.inbox()!.status().connection).not.toBe('online');
    // Nor have the outbox's upload loop or the privacy feed begun.
    expect(started('outbox started')).toBe(false);
    expect(started('privacy feed started')).toBe(false);

    const first = await core.router.dispatch('inbox:query', newest);
    events.push('first query answered');
    expect(first).toMatchObject({ ok: true });
    expect((first as { value: { rows: unknown[] } }).value.rows.length).toBeGreaterThan(0);
    await until(() => events.includes('slow task started'), 5000, 'the deferred task');
    // The slow task is still running: later queries are answered all the same.
    const second = await core.router.dispatch('inbox:query', { ...newest, sort: 'oldest' });
    expect(second).toMatchObject({ ok: true });
    // The inbox's sync began after the first answer (live updates connect, then sync).
    await until(
      () => core.features.inbox()!.status().connection === 'online',
      10_000,
      'the inbox online',
    );
    // The outbox and the privacy feed start after the answer too.
    await until(() => started('outbox started'), 5000, 'the outbox started');
    await until(() => started('privacy feed started'), 5000, 'the privacy feed started');
    finishSlow();
    await slow;
    expect(events).toEqual(['first query answered', 'slow task started', 'slow task finished']);
  });
});
