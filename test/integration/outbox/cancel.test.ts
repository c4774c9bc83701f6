import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outbox } from '../../../main/core/outbox/outbox';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import {
  startTestClient,
  startTestService,
  until,
  type TestClient,
  type TestService,
} from '../client/harness';

const bob = '+815033334444';
const upload = 'POST /v1/faxes$';

async function onePage(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText('CANCEL ME', { x: 50, y: 700, size: 30 });
  return pdf.save();
}

async function aliceToken(url: string): Promise<string> {
  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'alice@example.com', password: 'kamifax-demo' }),
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** Alice's outbound faxes at the service with this subject, and their states. */
async function atService(url: string, subject: string): Promise<string[]> {
  const accessToken = await aliceToken(url);
  const response = await fetch(`${url}/v1/changes?since=0&limit=1000`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const page = (await response.json()) as {
    changes: {
      faxId: string;
      fax: { direction: string; subject: string | null; status: string } | null;
    }[];
  };
  // The feed has an entry per change: the last one of each fax is its state.
  const latest = new Map<string, string>();
  for (const change of page.changes)
    if (change.fax?.direction === 'outbound' && change.fax.subject === subject)
      latest.set(change.faxId, change.fax.status);
  return [...latest.values()];
}

/**
 * Cancel in every state before the line, against the real service through a fault proxy:
 * queued here, waiting for a retry (the upload never arrived / it arrived), uploading (aborted),
 * and queued at the service. The service runs at the real line speed so a fax stays queued
 * behind the one on the line.
 */
describe('cancelling a send in every state before the line', { timeout: 120_000 }, () => {
  let service: TestService;
  let proxy: FaultProxy;
  let alice: TestClient;
  let outbox: Outbox;

  async function start(): Promise<void> {
    service = await startTestService({ lineSpeed: 1 });
    proxy = await startFaultProxy(service.url);
    alice = await startTestClient({ pollMs: 500 });
    await alice.core.session.signIn(
      { kind: 'remote', url: proxy.url },
      'alice@example.com',
      'kamifax-demo',
    );
    outbox = alice.core.send.current()!.outbox;
  }

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') console.log(alice.logLines.slice(-40).join('\n'));
    await alice.close();
    await proxy.close();
    await service.stop();
  });

  const enqueue = async (subject: string, number = bob) =>
    (
      await outbox.enqueue({
        pdf: await onePage(),
        pages: 1,
        subject,
        recipients: [{ number, contactName: null }],
      })
    ).ids[0]!;
  const statusOf = (id: string) => outbox.store.row(id)?.status;

  it('the service: a withdrawn key refuses a later upload; a used key lists its faxes', async () => {
    await start();
    const token = await aliceToken(service.url);
    const call = async (path: string, key: string, body?: FormData) => {
      const response = await fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: body ?? null,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const form = async () => {
      const data = new FormData();
      data.append('recipients', bob);
      data.append('document', new Blob([await onePage()], { type: 'application/pdf' }), 'a.pdf');
      return data;
    };
    expect(await call('/v1/faxes/withdraw', 'k-1')).toEqual({
      status: 200,
      body: { withdrawn: true, faxes: [] },
    });
    const refused = await call('/v1/faxes', 'k-1', await form());
    expect([refused.status, (refused.body.error as { code: string }).code]).toEqual([
      409,
      'send_withdrawn',
    ]);
    expect((await call('/v1/faxes/withdraw', 'k-1')).body).toEqual({ withdrawn: true, faxes: [] });
    const sent = await call('/v1/faxes', 'k-2', await form());
    expect(sent.status).toBe(202);
    const answer = await call('/v1/faxes/withdraw', 'k-2');
    expect(answer.body.withdrawn).toBe(false);
    expect((answer.body.faxes as { id: string }[]).map((f) => f.id)).toEqual(
      (sent.body.faxes as { id: string }[]).map((f) => f.id),
    );
  });

  it('cancels an upload in flight (aborted, key withdrawn) and a send queued behind it', async () => {
    await start();
    proxy.script(['hang'], upload);
    const first = await enqueue('hung');
    await until(() => statusOf(first) === 'uploading', 10_000, 'the upload on the wire');
    const second = await enqueue('behind');
    expect(outbox.store.row(second)).toMatchObject({ status: 'queued', canCancel: true });
    expect((await outbox.cancel(second)).status).toBe('cancelled');

    const asked = await outbox.cancel(first);
    expect(asked).toMatchObject({ cancelRequested: true, canCancel: false });
    await until(() => statusOf(first) === 'cancelled', 10_000, 'the upload cancelled');
    expect(proxy.seen).toContain('POST /v1/faxes/withdraw');
    expect(await atService(service.url, 'hung')).toEqual([]);
    expect(await atService(service.url, 'behind')).toEqual([]);
    // Nothing left to upload; a later send still goes.
    expect(outbox.store.pendingSendIds()).toEqual([]);
    const third = await enqueue('after');
    await until(() => outbox.store.row(third)?.faxId != null, 20_000, 'the next send accepted');
  });

  it('keeps a cancel asked for while the service cannot be reached, across a restart', async () => {
    await start();
    proxy.script(Array<'status503'>(200).fill('status503'), upload);
    proxy.script(Array<'status503'>(200).fill('status503'), 'POST /v1/faxes/withdraw$');
    const id = await enqueue('cancelled offline');
    await until(() => statusOf(id) === 'waiting', 10_000, 'waiting for a retry');
    expect((await outbox.cancel(id)).cancelRequested).toBe(true);
    await until(() => proxy.seen.includes('POST /v1/faxes/withdraw'), 10_000, 'a withdraw tried');
    expect(statusOf(id)).toBe('waiting');
    await alice.close();
    proxy.clear();
    // The next start settles it with the service: withdrawn, nothing sent.
    alice = await startTestClient({
      pollMs: 500,
      dataDir: alice.dataDir,
      credentials: alice.credentials,
    });
    outbox = alice.core.send.current()!.outbox;
    await until(() => statusOf(id) === 'cancelled', 20_000, 'cancelled after the restart');
    expect(await atService(service.url, 'cancelled offline')).toEqual([]);
  });

  it('cancels a send waiting for its retry whether its upload arrived or not', async () => {
    await start();
    // On the line for ~17 s (a number outside the service), so what comes next waits queued.
    const busy = await enqueue('on the line', '+81312345678');
    await until(() => statusOf(busy) === 'sending', 20_000, 'the first fax on the line');

    // Never arrived: every upload answered 503 by the proxy.
    proxy.script(Array<'status503'>(30).fill('status503'), upload);
    const lost = await enqueue('never arrived');
    await until(() => statusOf(lost) === 'waiting', 10_000, 'waiting for a retry');
    await outbox.cancel(lost);
    await until(() => statusOf(lost) === 'cancelled', 10_000, 'cancelled after withdrawing');
    expect(await atService(service.url, 'never arrived')).toEqual([]);
    proxy.clear();

    // Arrived (the answer was cut), then every retry fails: the service holds a queued fax.
    proxy.script(['resetAfterForward', ...Array<'status503'>(30).fill('status503')], upload);
    const arrived = await enqueue('arrived');
    await until(() => statusOf(arrived) === 'waiting', 10_000, 'waiting after a cut answer');
    expect(await atService(service.url, 'arrived')).toEqual(['queued']);
    await outbox.cancel(arrived);
    await until(() => statusOf(arrived) === 'cancelled', 10_000, 'cancelled at the service');
    expect(outbox.store.row(arrived)?.faxId).not.toBeNull();
    expect(await atService(service.url, 'arrived')).toEqual(['cancelled']);
    proxy.clear();

    // Accepted and queued at the service: cancelled there.
    const queued = await enqueue('queued there');
    await until(() => outbox.store.row(queued)?.faxId != null, 10_000, 'accepted');
    expect(outbox.store.row(queued)).toMatchObject({ status: 'queued', canCancel: true });
    expect((await outbox.cancel(queued)).status).toBe('cancelled');
    expect(await atService(service.url, 'queued there')).toEqual(['cancelled']);
    // The fax on the line cannot be cancelled.
    await expect(outbox.cancel(busy)).rejects.toMatchObject({ code: 'not_cancellable' });
  });
});
