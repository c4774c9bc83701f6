import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPresent } from '../../helpers/corpus';
import { aliceNumber, bobNumber, makePdf, serviceSuite, type Session } from './helpers';

const suite = serviceSuite();

/** An encrypted PDF from the shared corpus, used in place and only when it is there. */
const encryptedPdf = join(corpusDir, 'pdf-broken/qpdf-enc-R6-AES256-U-view-O-master.pdf');

/** What a refused send must not leave behind: no fax, no document file. */
async function footprint(session: Session, dataDir: string) {
  const outbound = await session.get('/v1/faxes?direction=outbound&limit=500');
  return {
    faxes: outbound.body.faxes.length,
    files: readdirSync(join(dataDir, 'documents')).length,
  };
}

describe('bad input', () => {
  it('refuses bad documents and recipients, each with its own code, storing nothing', async () => {
    const { service, client } = await suite.start();
    const alice = await client.login('alice@example.com');
    await alice.request('POST', '/v1/blocked-numbers', { body: { number: '+81662223333' } });
    const before = await footprint(alice, service.dataDir);
    const onePage = await makePdf(1);
    const cases: [
      string,
      () => Promise<{ status: number; body: { error: { code: string } } }>,
      number,
    ][] = [
      ['not_a_pdf', () => alice.send(Buffer.from('Dear Bob, hello.'), [bobNumber]), 415],
      ['not_a_pdf', () => alice.send(Buffer.from('%PDF-1.7\ngarbage'), [bobNumber]), 415],
      [
        'document_too_large',
        () =>
          alice.send(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024)]), [
            bobNumber,
          ]),
        413,
      ],
      ['too_many_pages', async () => alice.send(await makePdf(201), [bobNumber]), 422],
      ['invalid_number', () => alice.send(onePage, ['03-1234-5678']), 422],
      ['invalid_number', () => alice.send(onePage, ['+0312345678']), 422],
      ['invalid_number', () => alice.send(onePage, [bobNumber, '+81 3 abc']), 422],
      ['own_number', () => alice.send(onePage, [aliceNumber]), 422],
      ['blocked_number', () => alice.send(onePage, ['+81 6 6222 3333']), 422],
    ];
    for (const [code, send, status] of cases) {
      const { status: actual, body } = await send();
      expect([code, actual]).toEqual([body.error.code, status]);
    }
    const detailed = await alice.send(onePage, ['nonsense']);
    expect(detailed.body.error.details).toEqual({ recipient: 'nonsense' });
    expect(await footprint(alice, service.dataDir)).toEqual(before);
  });

  it.skipIf(!corpusPresent(encryptedPdf))('refuses an encrypted PDF', async () => {
    const { service, client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const before = await footprint(alice, service.dataDir);
    const answer = await alice.send(readFileSync(encryptedPdf), [bobNumber]);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('encrypted_pdf');
    expect(await footprint(alice, service.dataDir)).toEqual(before);
  });

  it('refuses a send over the plan with 402, counting every recipient', async () => {
    const { service, client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const account = (await alice.get('/v1/account')).body;
    const left = account.usage.sentPages.limit - account.usage.sentPages.used;
    const before = await footprint(alice, service.dataDir);
    const pages = Math.ceil((left + 1) / 2);
    const over = await alice.send(await makePdf(pages), ['+81312345678', '+81921234567']);
    expect(over.status).toBe(402);
    expect(over.body.error.code).toBe('quota_exceeded');
    expect(await footprint(alice, service.dataDir)).toEqual(before);
    // One recipient fits.
    expect((await alice.send(await makePdf(pages), ['+81312345678'])).status).toBe(202);
  });

  it('holds queued pages against the plan, so sends in a row or at once cannot overrun it', async () => {
    // A slow line keeps the faxes queued or sending while the next send is checked.
    const { client } = await suite.start({ lineSpeed: 2 });
    const alice = await client.login('alice@example.com');
    const account = (await alice.get('/v1/account')).body;
    const left = account.usage.sentPages.limit - account.usage.sentPages.used;
    const most = await makePdf(Math.floor(left / 2) + 1);
    const first = await alice.send(most, ['+81312345678']);
    expect(first.status).toBe(202);
    const second = await alice.send(most, ['+81662223333']);
    expect(second.status).toBe(402);
    expect(second.body.error.code).toBe('quota_exceeded');
    // Two at once (bob, whose quota is untouched): exactly one fits.
    const bob = await client.login('bob@example.com');
    const bobLeft = (await bob.get('/v1/account')).body.usage.sentPages;
    const half = await makePdf(Math.floor((bobLeft.limit - bobLeft.used) / 2) + 1);
    const both = await Promise.all([
      bob.send(half, ['+81312345678']),
      bob.send(half, ['+81662223333']),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([202, 402]);
  });

  it('refuses malformed, oversized, invalid and mistyped requests and unknown endpoints', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const malformed = await client.request('POST', '/v1/auth/login', {
      rawBody: '{"email": "alice@example.com", ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');

    const huge = await alice.request('PATCH', '/v1/account', {
      rawBody: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('body_too_large');

    const invalid = await alice.request('PATCH', '/v1/account', { body: { plan: 'paid' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_request');
    const wrongType = await alice.request('PATCH', '/v1/account', {
      rawBody: '<name>Mallory</name>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('invalid_request');
    const badQuery = await alice.get('/v1/changes?since=-1');
    expect(badQuery.body.error.code).toBe('invalid_request');

    const form = new FormData();
    form.append('recipients', bobNumber);
    const noDocument = await alice.request('POST', '/v1/faxes', {
      form,
      headers: { 'idempotency-key': 'no-document' },
    });
    expect(noDocument.status).toBe(400);
    expect(noDocument.body.error.code).toBe('invalid_request');
    const noRecipient = await alice.send(await makePdf(1), []);
    expect(noRecipient.body.error.code).toBe('invalid_request');
    const notMultipart = await alice.request('POST', '/v1/faxes', {
      body: { recipients: [bobNumber] },
      headers: { 'idempotency-key': 'json-send' },
    });
    expect(notMultipart.status).toBe(400);

    const unknown = await alice.get('/v1/telepathy');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    // Errors never carry a stack trace.
    for (const answer of [malformed, huge, invalid, wrongType, noDocument, unknown]) {
      expect(JSON.stringify(answer.body)).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d/);
    }
  });
});
