import { describe, expect, it } from 'vitest';
import { checkContract, routeOf, unexercised, type RecordedResponse } from './contract';
import { bobNumber, makePdf, openEvents, serviceSuite } from './helpers';

const suite = serviceSuite();

const fax = {
  id: 'f1',
  direction: 'inbound',
  from: '+81312345678',
  to: bobNumber,
  subject: null,
  pages: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  read: false,
  junk: false,
  status: 'received',
  failureReason: null,
  pagesSent: 0,
};
const json = 'application/json; charset=utf-8';
const record = (over: Partial<RecordedResponse>): RecordedResponse => ({
  method: 'GET',
  path: '/v1/faxes/f1',
  status: 200,
  contentType: json,
  body: fax,
  ...over,
});

describe('the contract check', () => {
  it('maps concrete paths to their templates, literal routes first', () => {
    expect(routeOf('/v1/faxes')).toBe('/v1/faxes');
    expect(routeOf('/v1/faxes/abc')).toBe('/v1/faxes/{id}');
    expect(routeOf('/v1/faxes/abc/document')).toBe('/v1/faxes/{id}/document');
    expect(routeOf('/v1/privacy/policy')).toBe('/v1/privacy/policy');
    expect(routeOf('/v1/nothing')).toBeNull();
  });

  it('accepts true answers and reports each kind of false one', () => {
    expect(checkContract([record({})])).toEqual([]);
    const { read: _read, ...withoutRead } = fax;
    const problems = checkContract([
      record({ body: withoutRead }),
      record({ body: { ...fax, status: 'lost' } }),
      record({ body: { ...fax, createdAt: 'yesterday' } }),
      record({ status: 418 }),
      record({ contentType: 'text/html' }),
      record({ status: 404, body: { message: 'no' } }),
      record({ path: '/v1/nothing', status: 200 }),
      record({ method: 'PUT' }),
    ]);
    expect(problems).toHaveLength(8);
    expect(problems[0]).toContain("must have required property 'read'");
    expect(problems[2]).toContain('must match format "date-time"');
    expect(
      checkContract([
        record({
          path: '/v1/nothing',
          status: 404,
          body: { error: { code: 'not_found', message: 'x' } },
        }),
      ]),
    ).toEqual([]);
  });
});

describe('every operation in service/openapi.json', () => {
  it('answers as the document says', async () => {
    const { client } = await suite.start({ deletionGraceMs: 60_000 });
    const created = await client.request('POST', '/v1/accounts', {
      body: {
        name: 'Tour',
        email: 'tour@example.com',
        password: 'tour-password',
        birthDate: '2000-01-01',
      },
    });
    expect(created.status).toBe(201);
    const refreshed = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: created.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const tour = await client.login('tour@example.com', 'tour-password');
    const alice = await client.login('alice@example.com');
    const events = await openEvents(alice);
    const account = (await tour.get('/v1/account')).body;
    await tour.request('PATCH', '/v1/account', { body: { name: 'Tour Guide' } });

    const inbound = await client.admin('inbound', {
      to: account.faxNumbers[0],
      from: '+81312345678',
      pages: 2,
    });
    const id = inbound.body.fax.id;
    await client.admin('seed', { email: 'tour@example.com', count: 3 });
    await tour.get('/v1/faxes?limit=2');
    await tour.get('/v1/changes?since=0&limit=2');
    await tour.get(`/v1/faxes/${id}`);
    await tour.get(`/v1/faxes/${id}/document`);
    await tour.request('PATCH', `/v1/faxes/${id}`, { body: { read: true } });
    await tour.request('POST', `/v1/faxes/${id}/junk`, { body: { block: false } });
    await tour.request('POST', `/v1/faxes/${id}/not-junk`, { body: {} });
    const sent = await tour.send(await makePdf(1), ['+81300000001']);
    await tour.request('POST', `/v1/faxes/${sent.body.faxes[0].id}/cancel`);
    // A send withdrawn by its key before (and instead of) its upload.
    await tour.request('POST', '/v1/faxes/withdraw', {
      headers: { 'idempotency-key': 'tour-withdrawn-send' },
    });
    await tour.request('DELETE', `/v1/faxes/${id}`);
    await tour.request('POST', `/v1/faxes/${id}/restore`, { body: {} });

    const privacy = await tour.get('/v1/privacy');
    await tour.request('PUT', '/v1/privacy', {
      body: { settings: { surveys: false } },
      headers: { 'if-match': `"${privacy.body.version}"` },
    });
    await client.admin('policy', {
      text: 'Tour policy',
      effectiveDate: '2026-06-01',
      consent: { id: 'tour', title: 'Tour', description: 'A new use' },
    });
    await events.waitFor((e) => e.type === 'policy.updated');
    events.close();
    await tour.get('/v1/privacy/policy');
    await tour.request('POST', '/v1/privacy/policy/acceptances', { body: { version: 2 } });
    await tour.get('/v1/privacy/consents');
    await tour.request('POST', '/v1/privacy/consents/tour', { body: { granted: false } });
    const exported = await tour.request('POST', '/v1/privacy/requests', {
      body: { type: 'export', password: 'tour-password' },
    });
    await tour.get(`/v1/privacy/requests/${exported.body.id}`);
    await tour.get(`/v1/privacy/requests/${exported.body.id}/download`);
    await tour.request('POST', '/v1/blocked-numbers', { body: { number: '+81399990000' } });
    await tour.get('/v1/blocked-numbers');
    await tour.request('DELETE', '/v1/blocked-numbers/+81399990000');
    await client.admin('plan', { email: 'tour@example.com', plan: 'free' });
    await client.request('POST', '/v1/auth/logout', { body: { refreshToken: alice.refreshToken } });
    await tour.request('POST', '/v1/account/cancel', { body: { password: 'tour-password' } });

    expect(suite.recorded.filter((r) => r.status >= 500)).toEqual([]);
    expect(unexercised(suite.recorded)).toEqual([]);
    expect(checkContract(suite.recorded)).toEqual([]);
  });
});
