import { afterEach, expect, it, vi } from 'vitest';
import { LiveUpdates } from '../../../main/core/inbox/live-updates';
import { createLogger } from '../../../main/core/log/logger';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('stops while the event stream is mid-read and never notices the abort', async () => {
  let connected: () => void = () => undefined;
  const reading = new Promise<void>((resolve) => (connected = resolve));
  // A stream whose read never settles and which ignores the request's abort: the case seen in
  // the browser e2e, where sign-out then waited for ever on the inbox's live updates.
  vi.stubGlobal('fetch', async () => {
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  const live = new LiveUpdates({
    baseUrl: 'http://127.0.0.1:1',
    tokens: { current: () => 'token', renew: async () => 'token' },
    log: createLogger(() => undefined, 'test'),
    onEvent: () => undefined,
    onConnected: () => connected(),
    onSignedOut: () => undefined,
    lastEventId: () => null,
    saveLastEventId: () => undefined,
    pollMs: 3_600_000,
    onPoll: () => undefined,
  });
  live.start();
  await reading;
  // Without the fix this never resolves (the test then times out).
  await expect(live.stop()).resolves.toBeUndefined();
}, 10_000);
