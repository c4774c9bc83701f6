import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfBomb } from '../../helpers/pdf-bomb';
import { bobNumber, makePdf, serviceSuite, type Session } from './helpers';

const suite = serviceSuite();

/** Polls `GET /v1/account` as another user until `done` settles; returns the slowest answer. */
async function slowestReadWhile(reader: Session, done: Promise<unknown>): Promise<number> {
  let finished = false;
  const settled = done.finally(() => (finished = true));
  let slowest = 0;
  let reads = 0;
  while (!finished || reads < 3) {
    const started = performance.now();
    const answer = await reader.get('/v1/account');
    expect(answer.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - started);
    reads += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settled;
  return slowest;
}

async function pageOf(width: number, height: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  pdf.addPage([width, height]).drawText('big', { x: 10, y: 10 });
  return pdf.save();
}

describe('hostile PDFs', () => {
  it('refuses a flate bomb in an object stream with 422 document_too_complex, and keeps answering others meanwhile', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const bob = await client.login('bob@example.com');
    const bomb = pdfBomb('objects', 100);
    expect(bomb.length).toBeLessThan(200_000);
    const upload = alice.send(bomb, [bobNumber]);
    const slowest = await slowestReadWhile(bob, upload);
    const answer = await upload;
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('document_too_complex');
    // The event loop was never held: bob's reads stayed quick while the worker struggled.
    expect(slowest).toBeLessThan(1000);
    // The pool recovered: an ordinary fax is inspected and accepted right after.
    expect((await alice.send(await makePdf(2), [bobNumber])).status).toBe(202);
    expect((await alice.get('/v1/faxes?direction=outbound')).body.faxes).toHaveLength(2);
  });

  it('refuses a page whose content stream inflates to 100 MB', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const answer = await alice.send(pdfBomb('content', 100), [bobNumber]);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('document_too_complex');
  });

  it('refuses pages larger than a fax carries with 422 page_too_large, and accepts A3 and ledger', async () => {
    const { client, service } = await suite.start();
    const alice = await client.login('alice@example.com');
    // The document is stored while it is inspected: a refused one must not stay.
    const documents = async () => (await readdir(join(service.dataDir, 'documents'))).length;
    const before = await documents();
    for (const [width, height] of [
      [14_400, 14_400],
      [1e9, 1e9],
      [595, 5000],
    ] as const) {
      const answer = await alice.send(await pageOf(width, height), [bobNumber]);
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({
        code: 'page_too_large',
        details: { page: 2, width: Math.round(width), height: Math.round(height) },
      });
      expect(answer.body.error.message).toContain('842 × 1224');
    }
    expect(await documents()).toBe(before);
    expect((await alice.send(await pageOf(1191, 842), [bobNumber])).status).toBe(202);
    expect((await alice.send(await pageOf(792, 1224), [bobNumber])).status).toBe(202);
    expect(await documents()).toBe(before + 2);
  });
});
