import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoNumbers } from '../../../service/delivery/carrier';
import {
  aliceNumber,
  bobNumber,
  makePdf,
  openEvents,
  serviceSuite,
  until,
  type Session,
  type Json,
} from './helpers';

const suite = serviceSuite();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Waits until none of the account's outbound faxes is still on its way (the demo seed's). */
async function settled(session: Session): Promise<void> {
  await until(async () => {
    const list = await session.get('/v1/faxes?direction=outbound&limit=500');
    return list.body.faxes.every((fax: Json) => !['queued', 'sending'].includes(fax.status));
  });
}

async function usage(session: Session): Promise<{ sent: number; received: number }> {
  const account = await session.get('/v1/account');
  return {
    sent: account.body.usage.sentPages.used,
    received: account.body.usage.receivedPages.used,
  };
}

describe('the life of a fax', () => {
  it('goes from alice to bob: queued, sending, delivered; inbox, change feed, event, usage', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const bob = await client.login('bob@example.com');
    await settled(alice);
    const before = { alice: await usage(alice), bob: await usage(bob) };
    const { nextSince } = await bob.allChanges();
    const bobEvents = await openEvents(bob);
    const aliceEvents = await openEvents(alice);
    const pdf = await makePdf(3);

    const sent = await alice.send(pdf, ['+81 50-3333-4444'], { subject: 'Quarterly figures' });
    expect(sent.status).toBe(202);
    expect(sent.body.faxes).toHaveLength(1);
    const fax = sent.body.faxes[0];
    expect(fax).toMatchObject({
      direction: 'outbound',
      from: aliceNumber,
      to: bobNumber,
      subject: 'Quarterly figures',
      pages: 3,
      status: 'queued',
      pagesSent: 0,
      failureReason: null,
    });

    const received = await bobEvents.waitFor((e) => e.type === 'fax.received');
    expect(received.data).toMatchObject({ from: aliceNumber, to: bobNumber, pages: 3 });
    await aliceEvents.waitFor((e) => e.type === 'fax.status' && e.data.status === 'delivered');
    const statuses = aliceEvents.events
      .filter((e) => e.type === 'fax.status' && e.data.id === fax.id)
      .map((e) => e.data.status);
    expect(statuses).toEqual(['sending', 'delivered']);
    bobEvents.close();
    aliceEvents.close();

    const done = await alice.get(`/v1/faxes/${fax.id}`);
    expect(done.body).toMatchObject({ status: 'delivered', pagesSent: 3, failureReason: null });

    const inbox = await bob.get('/v1/faxes?direction=inbound&limit=10');
    expect(inbox.body.faxes[0]).toMatchObject({
      id: received.data.id,
      read: false,
      status: 'received',
    });
    const document = await bob.get(`/v1/faxes/${received.data.id}/document`);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('application/pdf');
    expect(sha(document.raw)).toBe(sha(pdf));

    const feed = await bob.allChanges(nextSince);
    expect(feed.changes.map((c) => [c.type, c.faxId])).toEqual([['upsert', received.data.id]]);
    expect(feed.changes[0].fax).toEqual(inbox.body.faxes[0]);

    expect(await usage(alice)).toEqual({ ...before.alice, sent: before.alice.sent + 3 });
    expect(await usage(bob)).toEqual({ ...before.bob, received: before.bob.received + 3 });

    // Reading and deleting show in the feed; deleting does not give pages back.
    const read = await bob.request('PATCH', `/v1/faxes/${received.data.id}`, {
      body: { read: true },
    });
    expect(read.body.read).toBe(true);
    // Deleting for good (the Trash's "delete forever"; a plain DELETE moves it to the Trash,
    // see trash.test.ts). An entry for a fax that is gone reads as a delete, so a client
    // never resurrects it.
    const gone = await bob.request('DELETE', `/v1/faxes/${received.data.id}?forever=true`);
    expect(gone.status).toBe(204);
    const later = await bob.allChanges(feed.nextSince);
    expect(later.changes.map((c) => [c.type, c.fax])).toEqual([
      ['delete', null],
      ['delete', null],
    ]);
    expect((await bob.get(`/v1/faxes/${received.data.id}`)).status).toBe(404);
    expect((await usage(bob)).received).toBe(before.bob.received + 3);
    // The sender's copy shares the document file and keeps it.
    const senderCopy = await alice.get(`/v1/faxes/${fax.id}/document`);
    expect(sha(senderCopy.raw)).toBe(sha(pdf));
  });

  it('ends on the simulated line as busy, no answer, rejected after a page, unallocated or delivered', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    await settled(alice);
    const before = await usage(alice);
    const outside = '+81312345678';
    const sent = await alice.send(await makePdf(2), [
      demoNumbers.busy,
      demoNumbers.noAnswer,
      demoNumbers.rejectsAfterFirstPage,
      demoNumbers.unallocated,
      outside,
    ]);
    expect(sent.status).toBe(202);
    const ids: Record<string, string> = Object.fromEntries(
      sent.body.faxes.map((fax: Json) => [fax.to, fax.id]),
    );
    const final = async (to: string) =>
      alice.waitForFax(ids[to]!, (fax) => fax.status === 'delivered' || fax.status === 'failed');
    expect(await final(demoNumbers.busy)).toMatchObject({
      status: 'failed',
      failureReason: 'busy',
      pagesSent: 0,
    });
    expect(await final(demoNumbers.noAnswer)).toMatchObject({
      status: 'failed',
      failureReason: 'no_answer',
      pagesSent: 0,
    });
    expect(await final(demoNumbers.rejectsAfterFirstPage)).toMatchObject({
      status: 'failed',
      failureReason: 'rejected',
      pagesSent: 1,
    });
    expect(await final(demoNumbers.unallocated)).toMatchObject({
      status: 'failed',
      failureReason: 'invalid_number',
      pagesSent: 0,
    });
    expect(await final(outside)).toMatchObject({ status: 'delivered', pagesSent: 2 });
    // Only the delivered fax's pages count; the page that went through before the rejection does not.
    expect((await usage(alice)).sent).toBe(before.sent + 2);
  });

  it('answers a retried send with the first answer, and refuses a reused or missing key', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const pdf = await makePdf(1);
    const count = async () =>
      (await alice.get('/v1/faxes?direction=outbound&limit=500')).body.faxes.length;
    const start = await count();

    const first = await alice.send(pdf, [bobNumber], { key: 'retry-1' });
    const again = await alice.send(pdf, [bobNumber], { key: 'retry-1' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await count()).toBe(start + 1);

    // Two at once with one key: one fax, one answer.
    const [left, right] = await Promise.all([
      alice.send(pdf, [demoNumbers.busy], { key: 'race-1' }),
      alice.send(pdf, [demoNumbers.busy], { key: 'race-1' }),
    ]);
    expect(left.status).toBe(202);
    expect(right.body).toEqual(left.body);
    expect(await count()).toBe(start + 2);

    const other = await alice.send(await makePdf(2), [bobNumber], { key: 'retry-1' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const otherRecipient = await alice.send(pdf, [demoNumbers.busy], { key: 'retry-1' });
    expect(otherRecipient.body.error.code).toBe('idempotency_key_reused');

    const missing = await alice.send(pdf, [bobNumber], { key: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('idempotency_key_required');
    expect(await count()).toBe(start + 2);

    // Keys belong to an account: bob may use the same key for his own send.
    const bob = await client.login('bob@example.com');
    expect((await bob.send(pdf, [aliceNumber], { key: 'retry-1' })).status).toBe(202);
  });

  it('finishes a fax that was sending when the service stopped', async () => {
    // Five times the real line rate: about 0.6 s of ringing and 2.8 s a page.
    const { service, client } = await suite.start({ lineSpeed: 5 });
    const alice = await client.login('alice@example.com');
    const sent = await alice.send(await makePdf(2), ['+81312345678']);
    const second = await alice.send(await makePdf(1), ['+81662223333']);
    const id = sent.body.faxes[0].id;
    await alice.waitForFax(id, (fax) => fax.status === 'sending');
    expect((await alice.get(`/v1/faxes/${second.body.faxes[0].id}`)).body.status).toBe('queued');
    const before = await usage(alice);

    await service.restart({ lineSpeed: 1000 });
    const again = await client.login('alice@example.com');
    expect(await again.waitForFax(id, (fax) => fax.status === 'delivered')).toMatchObject({
      pagesSent: 2,
    });
    await again.waitForFax(second.body.faxes[0].id, (fax) => fax.status === 'delivered');
    expect((await usage(again)).sent).toBe(before.sent + 3);
    // The event log (replayed from the start) shows the call was dialled again after the restart.
    const replay = await openEvents(again, 0);
    await replay.waitFor((e) => e.data.id === id && e.data.status === 'delivered');
    expect(replay.events.filter((e) => e.data.id === id).map((e) => e.data.status)).toEqual([
      'sending',
      'sending',
      'delivered',
    ]);
    replay.close();
  });

  it('cancels a fax while it waits in the queue, not once it is on the line', async () => {
    const { service, client } = await suite.start({ lineSpeed: 5 });
    const alice = await client.login('alice@example.com');
    await settled(alice);
    const events = await openEvents(alice);
    const first = (await alice.send(await makePdf(1), ['+81312345678'])).body.faxes[0];
    const second = (await alice.send(await makePdf(1), ['+81662223333'])).body.faxes[0];
    await alice.waitForFax(first.id, (fax) => fax.status === 'sending');

    const cancelled = await alice.request('POST', `/v1/faxes/${second.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: second.id, status: 'cancelled', pagesSent: 0 });
    await events.waitFor((e) => e.data.id === second.id && e.data.status === 'cancelled');
    // Cancelling twice is harmless.
    expect((await alice.request('POST', `/v1/faxes/${second.id}/cancel`)).status).toBe(200);
    const busy = await alice.request('POST', `/v1/faxes/${first.id}/cancel`);
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('not_cancellable');
    events.close();

    await service.restart({ lineSpeed: 1000 });
    const again = await client.login('alice@example.com');
    await again.waitForFax(first.id, (fax) => fax.status === 'delivered');
    expect((await again.get(`/v1/faxes/${second.id}`)).body.status).toBe('cancelled');
  });
});
