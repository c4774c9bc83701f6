import { request } from 'node:http';
import ipp from 'ipp-encoder';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/core/log/logger';
import { IppServer, type ReceivedJob } from '../../../main/core/printer/ipp-server';

const C = ipp.CONSTANTS;

function post(
  port: number,
  body: Buffer,
): Promise<{ status: number; ipp: ReturnType<typeof ipp.response.decode> | null }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/ipp/print',
        method: 'POST',
        headers: { 'content-type': 'application/ipp' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            ipp: data.length ? ipp.response.decode(data) : null,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function operation(
  op: number,
  extra: { tag: number; name: string; value: unknown }[] = [],
  data?: Buffer,
): Buffer {
  const message = ipp.request.encode({
    version: { major: 2, minor: 0 },
    operationId: op,
    requestId: 7,
    groups: [
      {
        tag: C.OPERATION_ATTRIBUTES_TAG,
        attributes: [
          { tag: C.CHARSET, name: 'attributes-charset', value: 'utf-8' },
          { tag: C.NATURAL_LANG, name: 'attributes-natural-language', value: 'en' },
          { tag: C.URI, name: 'printer-uri', value: 'ipp://127.0.0.1/ipp/print' },
          ...extra,
        ],
      },
    ],
  });
  return data ? Buffer.concat([message, data]) : message;
}

const format = (value: string) => ({ tag: C.MIME_MEDIA_TYPE, name: 'document-format', value });

describe('the IPP endpoint answers every request with IPP, never a crash', () => {
  const jobs: ReceivedJob[] = [];
  let server: IppServer;
  let port: number;
  let pdf: Buffer;

  beforeAll(async () => {
    server = new IppServer({
      log: createLogger(() => undefined, 'test'),
      port: 0,
      paper: 'a4',
      maxBytes: 200_000,
      onJob: async (job) => {
        jobs.push(job);
      },
    });
    await server.start();
    port = Number(new URL(server.url.replace('ipp:', 'http:')).port);
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    pdf = Buffer.from(await doc.save());
  });
  afterAll(() => server.stop());

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^ipp:\/\/127\.0\.0\.1:\d+\/ipp\/print$/);
  });

  it('answers garbage, truncated and empty bodies with an IPP error status', async () => {
    for (const body of [
      Buffer.from('hello, printer'),
      operation(C.GET_PRINTER_ATTRIBUTES).subarray(0, 12),
      Buffer.alloc(0),
      Buffer.alloc(64, 0xff),
    ]) {
      const { status, ipp: answer } = await post(port, body);
      expect(status).toBe(200);
      // bad-request, or version-not-supported when the first byte reads as a version.
      expect([C.CLIENT_ERROR_BAD_REQUEST, C.SERVER_ERROR_VERSION_NOT_SUPPORTED]).toContain(
        answer?.statusCode,
      );
    }
    // Still serving afterwards.
    expect((await post(port, operation(C.GET_PRINTER_ATTRIBUTES))).ipp?.statusCode).toBe(
      C.SUCCESSFUL_OK,
    );
  });

  it('refuses a format it does not take, with the attribute named', async () => {
    const { ipp: answer } = await post(
      port,
      operation(C.PRINT_JOB, [format('application/postscript')], Buffer.from('%!PS')),
    );
    expect(answer?.statusCode).toBe(C.CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED);
    expect(answer?.groups.some((g) => g.tag === C.UNSUPPORTED_ATTRIBUTES_TAG)).toBe(true);
  });

  it('refuses an oversized job with client-error-request-entity-too-large', async () => {
    const { ipp: answer } = await post(
      port,
      operation(C.PRINT_JOB, [format('application/pdf')], Buffer.alloc(300_000, 0x20)),
    );
    expect(answer?.statusCode).toBe(C.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE);
  });

  it('takes a PDF with Print-Job and hands it over with its name and pages', async () => {
    const before = jobs.length;
    const { ipp: answer } = await post(
      port,
      operation(
        C.PRINT_JOB,
        [
          { tag: C.NAME_WITHOUT_LANG, name: 'job-name', value: '請求書 11月' },
          format('application/pdf'),
        ],
        pdf,
      ),
    );
    expect(answer?.statusCode).toBe(C.SUCCESSFUL_OK);
    const deadline = Date.now() + 5000;
    while (jobs.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(jobs.at(-1)).toMatchObject({ name: '請求書 11月', pages: 2 });
  });

  it('takes Create-Job then Send-Document, and aborts a document that is not what it claims', async () => {
    const created = await post(
      port,
      operation(C.CREATE_JOB, [{ tag: C.NAME_WITHOUT_LANG, name: 'job-name', value: 'two step' }]),
    );
    const jobId = created.ipp?.groups[1]?.attributes.find((a) => a.name === 'job-id')
      ?.value as number[];
    const sent = await post(
      port,
      operation(
        C.SEND_DOCUMENT,
        [
          { tag: C.INTEGER, name: 'job-id', value: jobId[0] },
          { tag: C.BOOLEAN, name: 'last-document', value: true },
          format('application/pdf'),
        ],
        Buffer.from('not a pdf at all'),
      ),
    );
    expect(sent.ipp?.statusCode).toBe(C.SUCCESSFUL_OK);
    let state = 0;
    const deadline = Date.now() + 5000;
    while (state !== 8 && Date.now() < deadline) {
      const got = await post(
        port,
        operation(C.GET_JOB_ATTRIBUTES, [{ tag: C.INTEGER, name: 'job-id', value: jobId[0] }]),
      );
      state = (
        got.ipp?.groups[1]?.attributes.find((a) => a.name === 'job-state')?.value as number[]
      )[0]!;
    }
    expect(state).toBe(8); // aborted, document-format-error
  });

  it('says operation-not-supported for operations it does not do, and not-found for unknown jobs', async () => {
    expect((await post(port, operation(C.PAUSE_PRINTER))).ipp?.statusCode).toBe(
      C.SERVER_ERROR_OPERATION_NOT_SUPPORTED,
    );
    const missing = await post(
      port,
      operation(C.CANCEL_JOB, [{ tag: C.INTEGER, name: 'job-id', value: 9999 }]),
    );
    expect(missing.ipp?.statusCode).toBe(C.CLIENT_ERROR_NOT_FOUND);
  });
});
