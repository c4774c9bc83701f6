import { describe, expect, it } from 'vitest';
import { makePdf, serviceSuite } from './helpers';

const suite = serviceSuite();

describe('another account’s ids', () => {
  it('are 404 on every endpoint that takes an id, and nothing of alice’s changes', async () => {
    // A slow line keeps alice's second fax queued, so that cancel meets a cancellable fax.
    const { client } = await suite.start({ lineSpeed: 2 });
    const alice = await client.login('alice@example.com');
    const bob = await client.login('bob@example.com');
    const inbound = (await alice.get('/v1/faxes?direction=inbound&limit=1')).body.faxes[0];
    await alice.send(await makePdf(1), ['+81312345678']);
    const queued = (await alice.send(await makePdf(1), ['+81662223333'])).body.faxes[0];
    await alice.request('POST', '/v1/blocked-numbers', { body: { number: '+14155550100' } });
    const exported = (
      await alice.request('POST', '/v1/privacy/requests', {
        body: { type: 'export', password: 'kamifax-demo' },
      })
    ).body;
    const before = {
      inbound: (await alice.get(`/v1/faxes/${inbound.id}`)).body,
      queued: (await alice.get(`/v1/faxes/${queued.id}`)).body,
      account: (await alice.get('/v1/account')).body,
    };
    expect(before.queued.status).toBe('queued');

    const attempts: [string, string, unknown?][] = [];
    for (const id of [inbound.id, queued.id]) {
      attempts.push(
        ['GET', `/v1/faxes/${id}`],
        ['PATCH', `/v1/faxes/${id}`, { read: true }],
        ['GET', `/v1/faxes/${id}/document`],
        ['POST', `/v1/faxes/${id}/junk`, { block: true }],
        ['POST', `/v1/faxes/${id}/cancel`],
        ['DELETE', `/v1/faxes/${id}`],
      );
    }
    attempts.push(
      ['GET', `/v1/privacy/requests/${exported.id}`],
      ['GET', `/v1/privacy/requests/${exported.id}/download`],
      ['DELETE', `/v1/blocked-numbers/${encodeURIComponent('+14155550100')}`],
    );
    for (const [method, path, body] of attempts) {
      const answer = await bob.request(method, path, body === undefined ? {} : { body });
      expect([method, path, answer.status, answer.body.error?.code]).toEqual([
        method,
        path,
        404,
        'not_found',
      ]);
      // Unknown ids answer exactly the same, so a foreign id is not even confirmed to exist.
      const made = path.replace(/[0-9a-f-]{36}/, '00000000-0000-4000-8000-000000000000');
      const unknown = await bob.request(method, made, body === undefined ? {} : { body });
      if (made !== path) expect(unknown.body).toEqual(answer.body);
    }

    // Nothing of alice's moved: same faxes, still queued, same usage, still blocked.
    expect((await alice.get(`/v1/faxes/${inbound.id}`)).body).toEqual(before.inbound);
    expect((await alice.get(`/v1/faxes/${queued.id}`)).body.status).toBe('queued');
    expect((await alice.get('/v1/account')).body.usage).toEqual(before.account.usage);
    expect((await alice.get('/v1/blocked-numbers')).body.numbers).toEqual(['+14155550100']);
    expect((await alice.get(`/v1/privacy/requests/${exported.id}/download`)).status).toBe(200);
    // And bob's own views never list alice's faxes.
    const bobIds = new Set((await bob.allChanges()).changes.map((c) => c.faxId));
    expect(bobIds.has(inbound.id) || bobIds.has(queued.id)).toBe(false);
  });
});
