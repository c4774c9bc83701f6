import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectionLimits } from '../../../service/pdf/inspect';
import { PdfInspector } from '../../../service/pdf/inspector';
import { bobNumber, makePdf, serviceSuite, until } from './helpers';

const suite = serviceSuite();

/** A real one-page PDF of about `size` bytes: a page, and a raw stream of random bytes. */
async function bigPdf(size: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595.28, 841.89]).drawText('Large fax', { x: 50, y: 780, size: 12 });
  pdf.context.register(pdf.context.stream(randomBytes(size)));
  return pdf.save();
}

/**
 * A multipart send written by hand, so the test decides when each byte leaves: `write(n)`
 * sends the document's next `n` bytes; `finish()` the rest and the closing boundary, resolving
 * with the status and body; `abort()` drops the connection half-way.
 */
function rawSend(url: string, token: string, document: Uint8Array) {
  const boundary = `----kamifax${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="recipients"\r\n\r\n${bobNumber}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="big.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let request: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request = httpRequest(
      `${url}/v1/faxes`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': crypto.randomUUID(),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + document.length + tail.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
  });
  request!.write(head);
  let sent = 0;
  return {
    answer,
    write(bytes: number) {
      request.write(document.subarray(sent, sent + bytes));
      sent += bytes;
    },
    finish() {
      request.end(Buffer.concat([document.subarray(sent), tail]));
      return answer;
    },
    abort() {
      answer.catch(() => undefined);
      request.destroy();
    },
  };
}

const temporaries = async (dataDir: string) =>
  (await readdir(join(dataDir, 'documents'))).filter((name) => name.endsWith('.tmp'));

describe('uploads are streamed to disk, never held whole', () => {
  it('writes a 19 MB upload to its file as it arrives, and keeps it byte for byte', async () => {
    const { service, client } = await suite.start();
    const alice = await client.login('alice@example.com');
    await client.admin('plan', { email: 'alice@example.com', plan: 'paid' });
    const document = await bigPdf(19 * 1024 * 1024);
    const upload = rawSend(service.url, alice.accessToken, document);
    upload.write(10 * 1024 * 1024);
    // Half-way through the upload, most of what arrived is already in the temporary file: the
    // service does not gather the document in memory (it used to, with Buffer.concat).
    const written = await until(
      async () => {
        const names = await temporaries(service.dataDir);
        if (names.length !== 1) return null;
        const { size } = await stat(join(service.dataDir, 'documents', names[0]!));
        return size >= 9 * 1024 * 1024 ? size : null;
      },
      20_000,
      'the first 9 MB in the temporary file',
    );
    expect(written).toBeLessThanOrEqual(10 * 1024 * 1024);
    const answer = await upload.finish();
    expect(answer.status, answer.body).toBe(202);
    const fax = (JSON.parse(answer.body) as { faxes: { id: string; pages: number }[] }).faxes[0]!;
    expect(fax.pages).toBe(1);
    expect(await temporaries(service.dataDir)).toEqual([]);
    const stored = await alice.get(`/v1/faxes/${fax.id}/document`);
    expect(stored.status).toBe(200);
    const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(digest(stored.raw)).toBe(digest(document));
  }, 120_000);

  it('leaves no file of an upload that is cut off half-way or refused', async () => {
    const { service, client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const before = await readdir(join(service.dataDir, 'documents'));
    const cut = rawSend(service.url, alice.accessToken, await bigPdf(6 * 1024 * 1024));
    cut.write(3 * 1024 * 1024);
    await until(async () => (await temporaries(service.dataDir)).length === 1, 20_000, 'a .tmp');
    cut.abort();
    await until(
      async () => (await temporaries(service.dataDir)).length === 0,
      20_000,
      'the cut upload removed',
    );
    // Over the 20 MB limit: refused when the limit is reached, and nothing stays.
    const large = rawSend(service.url, alice.accessToken, await bigPdf(21 * 1024 * 1024));
    const refused = await large.finish().catch(() => null);
    if (refused) {
      expect(refused.status).toBe(413);
      expect(refused.body).toContain('document_too_large');
    }
    // Not a PDF past its first kilobyte: refused by the inspection, and nothing stays.
    const notPdf = rawSend(service.url, alice.accessToken, new Uint8Array(randomBytes(400_000)));
    const answer = await notPdf.finish();
    expect(answer.status).toBe(415);
    await until(
      async () => (await readdir(join(service.dataDir, 'documents'))).length === before.length,
      20_000,
      'no document left',
    );
    expect(await readdir(join(service.dataDir, 'documents'))).toEqual(before);
  }, 120_000);
});

describe('the inspection queue', () => {
  it('serves accounts in turn: one account with many uploads does not hold another back', async () => {
    const inspector = new PdfInspector({ limits: inspectionLimits, workers: 1 });
    try {
      const pdf = await makePdf(2);
      const finished: string[] = [];
      const inspect = (owner: string, name: string) =>
        inspector.inspect(pdf, owner).then((outcome) => {
          expect(outcome).toEqual({ kind: 'ok', pages: 2 });
          finished.push(name);
        });
      // Alice queues six; Bob's one, queued after them, is served second, not seventh.
      const alice = Array.from({ length: 6 }, (_, n) => inspect('alice', `alice ${n + 1}`));
      await Promise.all([...alice, inspect('bob', 'bob')]);
      expect(finished).toEqual([
        'alice 1',
        'bob',
        'alice 2',
        'alice 3',
        'alice 4',
        'alice 5',
        'alice 6',
      ]);
    } finally {
      await inspector.close();
    }
  });
});
