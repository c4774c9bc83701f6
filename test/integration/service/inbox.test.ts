import { describe, expect, it } from 'vitest';
import { aliceNumber, bobNumber, makePdf, openEvents, serviceSuite, type Json } from './helpers';

const suite = serviceSuite();
const outsider = '+81312345678';

describe('the inbox', () => {
  it('never lets a blocked sender reach the inbox, the feed or the stream', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const bob = await client.login('bob@example.com');
    const blocked = await bob.request('POST', '/v1/blocked-numbers', {
      body: { number: '+81 3-1234-5678' },
    });
    expect(blocked.status).toBe(200);
    expect(blocked.body.numbers).toContain(outsider);
    const invalid = await bob.request('POST', '/v1/blocked-numbers', { body: { number: '12' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('invalid_number');
    await bob.request('POST', '/v1/blocked-numbers', { body: { number: aliceNumber } });

    const { nextSince } = await bob.allChanges();
    const events = await openEvents(bob);
    const inbound = await client.admin('inbound', { to: bobNumber, from: outsider, pages: 2 });
    expect(inbound.body).toEqual({ delivered: false, fax: null });
    // An account on this service that bob blocked: the sender sees a rejected call.
    const sent = await alice.send(await makePdf(1), [bobNumber]);
    const fax = await alice.waitForFax(sent.body.faxes[0].id, (f) => f.status === 'failed');
    expect(fax).toMatchObject({ failureReason: 'rejected', pagesSent: 0 });
    expect((await bob.allChanges(nextSince)).changes).toEqual([]);
    // A marker afterwards proves the stream was live while the blocked faxes were dropped.
    await client.admin('inbound', { to: bobNumber, from: '+81662223333', pages: 1 });
    await events.waitFor((e) => e.type === 'fax.received');
    expect(events.events.filter((e) => e.type === 'fax.received')).toHaveLength(1);
    events.close();

    const unblocked = await bob.request(
      'DELETE',
      `/v1/blocked-numbers/${encodeURIComponent(outsider)}`,
    );
    expect(unblocked.body.numbers).toEqual([aliceNumber]);
    const again = await bob.request(
      'DELETE',
      `/v1/blocked-numbers/${encodeURIComponent(outsider)}`,
    );
    expect(again.status).toBe(404);
    expect((await client.admin('inbound', { to: bobNumber, from: outsider })).body.delivered).toBe(
      true,
    );
    expect((await bob.get('/v1/blocked-numbers')).body.numbers).toEqual([aliceNumber]);
  });

  it('takes a junk fax out of the usage, and blocks its sender when asked', async () => {
    const { client } = await suite.start();
    const bob = await client.login('bob@example.com');
    const used = async () => (await bob.get('/v1/account')).body.usage.receivedPages.used;
    const before = await used();
    const inbound = await client.admin('inbound', {
      to: bobNumber,
      from: '+14155550123',
      pages: 3,
      subject: 'Cheap toner',
    });
    expect(await used()).toBe(before + 3);
    const junk = await bob.request('POST', `/v1/faxes/${inbound.body.fax.id}/junk`, {
      body: { block: true },
    });
    expect(junk.status).toBe(200);
    expect(junk.body).toMatchObject({ id: inbound.body.fax.id, junk: true });
    expect(await used()).toBe(before);
    expect((await bob.get('/v1/blocked-numbers')).body.numbers).toContain('+14155550123');
    const next = await client.admin('inbound', { to: bobNumber, from: '+14155550123' });
    expect(next.body.delivered).toBe(false);
    // Twice is harmless and gives nothing back twice.
    expect(
      (await bob.request('POST', `/v1/faxes/${inbound.body.fax.id}/junk`, { body: {} })).status,
    ).toBe(200);
    expect(await used()).toBe(before);

    const outbound = (await bob.get('/v1/faxes?direction=outbound')).body.faxes;
    const sent = outbound[0] ?? (await bob.send(await makePdf(1), [aliceNumber])).body.faxes[0];
    const refused = await bob.request('POST', `/v1/faxes/${sent.id}/junk`, { body: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
  });

  it('serves documents with an ETag, If-None-Match and byte ranges', async () => {
    const { client } = await suite.start();
    const bob = await client.login('bob@example.com');
    const fax = (await bob.get('/v1/faxes?direction=inbound&limit=1')).body.faxes[0];
    const path = `/v1/faxes/${fax.id}/document`;
    const whole = await bob.get(path);
    expect(whole.status).toBe(200);
    expect(whole.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const etag = whole.headers.get('etag')!;
    expect(whole.headers.get('accept-ranges')).toBe('bytes');

    const same = await bob.request('GET', path, { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    const part = await bob.request('GET', path, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${whole.raw.length}`);
    expect(part.raw).toEqual(whole.raw.subarray(10, 20));
    const tail = await bob.request('GET', path, { headers: { range: 'bytes=-16' } });
    expect(tail.raw).toEqual(whole.raw.subarray(whole.raw.length - 16));
    const beyond = await bob.request('GET', path, {
      headers: { range: `bytes=${whole.raw.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.raw.length}`);
    expect(beyond.body.error.code).toBe('invalid_request');
  });

  it('pages the list newest first, and the change feed in order, without gaps or repeats', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    expect((await client.admin('seed', { email: 'alice@example.com', count: 120 })).body).toEqual({
      inserted: 120,
    });
    const seen: Json[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await alice.get(`/v1/faxes?direction=inbound&limit=50${query}`);
      seen.push(...page.body.faxes);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(124);
    expect(new Set(seen.map((f) => f.id)).size).toBe(124);
    const times = seen.map((f) => Date.parse(f.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen.every((f) => f.direction === 'inbound')).toBe(true);

    const feed = await alice.allChanges(0, 37);
    const seqs = feed.changes.map((c) => c.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    const ids = new Set(feed.changes.map((c) => c.faxId));
    for (const fax of seen) expect(ids.has(fax.id)).toBe(true);
    const empty = await alice.get(`/v1/changes?since=${feed.nextSince}`);
    expect(empty.body).toEqual({ changes: [], nextSince: feed.nextSince, hasMore: false });
  });
});
