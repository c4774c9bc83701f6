import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../service/errors';
import { uploadLimits } from '../../../service/routes/send';
import { FileDocuments } from '../../../service/storage/file-documents';
import { UploadReader } from '../../../service/storage/upload-reader';
import type { UploadLimits } from '../../../service/storage/upload-worker';

/**
 * A request body as the HTTP server hands it over: 'data' chunks, then 'end' and 'close'
 * (or 'close' alone when the connection is cut). It records the reader's pause() calls.
 */
class FakeRequest extends EventEmitter {
  complete = false;
  paused = false;
  pauses = 0;
  pause() {
    this.paused = true;
    this.pauses += 1;
    return this;
  }
  resume() {
    this.paused = false;
    return this;
  }
  isPaused() {
    return this.paused;
  }
  /** Hands over `body` in `size`-byte chunks, all at once (faster than any worker reads). */
  send(body: Buffer, size = 64 * 1024) {
    for (let at = 0; at < body.length; at += size) this.emit('data', body.subarray(at, at + size));
  }
  end() {
    this.complete = true;
    this.emit('end');
    this.emit('close');
  }
  cut() {
    this.emit('close');
  }
}

const boundary = 'kamifaxtestboundary';
const contentType = `multipart/form-data; boundary=${boundary}`;
type Part = { name: string; value: string } | { name: string; file: Uint8Array };
function multipart(parts: Part[], close = true): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'file' in part
        ? `form-data; name="${part.name}"; filename="a.pdf"\r\nContent-Type: application/pdf`
        : `form-data; name="${part.name}"`;
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    pieces.push(Buffer.from('file' in part ? part.file : part.value));
    pieces.push(Buffer.from('\r\n'));
  }
  if (close) pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

const folders: string[] = [];
const readers: UploadReader[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((reader) => reader.close()));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function setUp(limits: UploadLimits = uploadLimits) {
  const folder = await mkdtemp(join(tmpdir(), 'kamifax-upload-'));
  folders.push(folder);
  const documents = new FileDocuments(folder);
  const reader = new UploadReader(documents, limits);
  readers.push(reader);
  const read = (request: FakeRequest) =>
    reader.read(request as unknown as IncomingMessage, contentType);
  return { folder, documents, reader, read };
}

/** What a refused upload rejects with, and that it left no file. */
async function refusal(parts: Part[] | Buffer, limits?: UploadLimits) {
  const { folder, read } = await setUp(limits);
  const request = new FakeRequest();
  const reading = read(request);
  request.send(Buffer.isBuffer(parts) ? parts : multipart(parts));
  request.end();
  const error = await reading.then(
    () => null,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect(await readdir(folder)).toEqual([]);
  const { status, code, message } = error as ApiError;
  return { status, code, message };
}

const pdf = Buffer.from('%PDF-1.7\n' + 'x'.repeat(3000));

describe('the upload worker reads a send off the event loop', () => {
  it('reads the form, hashes as the route did, and writes the document byte for byte', async () => {
    const { folder, documents, read } = await setUp();
    const document = Buffer.concat([pdf, randomBytes(700_000)]);
    const request = new FakeRequest();
    const reading = read(request);
    request.send(
      multipart([
        { name: 'recipients', value: '+81312345678, +81 3 1234 5679' },
        { name: 'subject', value: '見積書' },
        { name: 'document', file: document },
        { name: 'recipients', value: '+81312345670' },
      ]),
      10_000,
    );
    request.end();
    const form = await reading;
    const recipients = ['+81312345678', '+81 3 1234 5679', '+81312345670'];
    expect(form.recipients).toEqual(recipients);
    expect(form.subject).toBe('見積書');
    // The Idempotency-Key's hash: the document's bytes, then the recipients and subject.
    const hash = createHash('sha256').update(document);
    expect(form.bodyHash).toBe(hash.update(JSON.stringify([recipients, '見積書'])).digest('hex'));
    expect(form.document.size).toBe(document.length);
    expect(form.document.head.equals(document.subarray(0, 1024))).toBe(true);
    // (Compared by digest: a deep equality of 700 kB takes minutes.)
    const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(digest(await readFile(form.document.path))).toBe(digest(document));
    await form.document.flush();
    const id = await form.document.keep();
    expect(digest(await readFile(documents.path(id)))).toBe(digest(document));
    expect(await readdir(folder)).toEqual([`${id}.pdf`]);
  });

  it('refuses what the route refused, with the same codes and messages, leaving no file', async () => {
    const recipients = { name: 'recipients', value: '+81312345678' };
    const document = { name: 'document', file: pdf };
    const unreadable = {
      status: 400,
      code: 'invalid_request',
      message: 'The upload could not be read',
    };
    expect(await refusal([recipients, { name: 'photo', file: pdf }])).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'Unexpected file field photo',
    });
    expect(await refusal([recipients, document, document])).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'Send one document at a time',
    });
    expect(
      await refusal([recipients, { name: 'subject', value: 'a'.repeat(201) }, document]),
    ).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'The subject is limited to 200 characters (this one has 201)',
    });
    expect(await refusal([recipients])).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'The `document` file is missing',
    });
    expect(await refusal(Buffer.alloc(0))).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'The `document` file is missing',
    });
    expect(await refusal([document])).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'At least one recipient is needed',
    });
    const many = Array.from({ length: 101 }, (_, i) => `+8131234${String(i).padStart(4, '0')}`);
    expect(await refusal([{ name: 'recipients', value: many.join(',') }, document])).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'At most 100 recipients at once',
    });
    expect(await refusal([recipients, document], { ...uploadLimits, fileSize: 1000 })).toEqual({
      status: 413,
      code: 'document_too_large',
      message: 'Documents are limited to 20 MB',
    });
    expect(await refusal([recipients, { name: '__proto__', value: 'x' }, document])).toEqual(
      unreadable,
    );
    // Cut short: no closing boundary before the body ends.
    expect(await refusal(multipart([recipients, document], false))).toEqual(unreadable);
  });

  it('removes the file of an upload whose connection is cut half-way', async () => {
    const { folder, read } = await setUp();
    const request = new FakeRequest();
    const reading = read(request);
    const body = multipart([
      { name: 'recipients', value: '+81312345678' },
      { name: 'document', file: Buffer.concat([pdf, randomBytes(2_000_000)]) },
    ]);
    request.send(body.subarray(0, 1_000_000));
    request.cut();
    await expect(reading).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('pauses the socket while the worker is behind, so an upload never waits whole in memory', async () => {
    const { read } = await setUp();
    const request = new FakeRequest();
    const reading = read(request);
    const document = Buffer.concat([pdf, randomBytes(8 * 1024 * 1024)]);
    request.send(
      multipart([
        { name: 'recipients', value: '+81312345678' },
        { name: 'document', file: document },
      ]),
    );
    // 8 MB handed over at once is far past what may wait for the worker.
    expect(request.pauses).toBeGreaterThan(0);
    expect(request.isPaused()).toBe(true);
    // The worker catches up and resumes the socket.
    for (let tries = 0; request.isPaused() && tries < 500; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(request.isPaused()).toBe(false);
    request.end();
    expect((await reading).document.size).toBe(document.length);
  });

  it('fails the uploads under way if the worker dies, leaves no file, and reads the next one', async () => {
    const { folder, reader, read } = await setUp();
    const request = new FakeRequest();
    const reading = read(request);
    request.send(
      multipart(
        [
          { name: 'recipients', value: '+81312345678' },
          { name: 'document', file: pdf },
        ],
        false,
      ),
    );
    // The worker ends as if it had crashed.
    await reader['worker']!.terminate();
    await expect(reading).rejects.toThrow('The upload worker stopped');
    for (let tries = 0; (await readdir(folder)).length > 0 && tries < 100; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await readdir(folder)).toEqual([]);
    const next = new FakeRequest();
    const again = read(next);
    next.send(
      multipart([
        { name: 'recipients', value: '+81312345678' },
        { name: 'document', file: pdf },
      ]),
    );
    next.end();
    expect((await again).document.size).toBe(pdf.length);
  });
});
