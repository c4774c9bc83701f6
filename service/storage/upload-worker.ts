/**
 * The code of the upload worker, as CommonJS source for `new Worker(source, { eval: true })`
 * (a string, not a file, for the same reason as `pdf/inspect-worker.ts`: the service also runs
 * bundled inside the desktop app, under tsx and under vitest). Busboy is loaded from the path
 * the parent resolves (`workerData.busboy`), the copy `@fastify/multipart` uses.
 *
 * One worker reads every send's multipart body off the event loop: the parent hands it the
 * body's chunks as they arrive from the socket, and the worker parses the form, hashes the
 * document (the Idempotency-Key's body hash), writes it to its temporary file in batches and
 * fsyncs it. The parent's event loop keeps only the socket reads and one message per chunk.
 *
 * Protocol (parent → worker), per upload `id`:
 * - `{ id, start: { contentType, path, limits } }`: open `path` (created, mode 0600);
 * - `{ id, chunk, end }`: the body's next bytes (`end`: the last); answered `{ id, ack: bytes }`
 *   every 512 kB parsed and written or batched (the parent holds the socket while too many
 *   bytes are unanswered);
 * - `{ id, abort: true }`: the connection was cut: the file is closed and removed.
 * Answers (worker → parent):
 * - `{ id, form: { recipients, subject, bodyHash, size, head } }`: read and written (not yet
 *   fsynced: the parent starts the inspection meanwhile), then `{ id, synced: true }` or
 *   `{ id, syncError }` once fsynced and closed;
 * - `{ id, refused: { status, code, message } }`: the form is refused (the file is removed
 *   before this is sent); the parent stops sending chunks.
 * The refusals are those `@fastify/multipart` and `routes/send.ts` made on the event loop.
 */

import type { ServiceErrorCode } from '../errors';

/** Limits of one upload's form. */
export interface UploadLimits {
  /** The document's bytes. */
  fileSize: number;
  /** Non-file fields. */
  fields: number;
  /** Characters of the subject (longer is refused, not cut). */
  subject: number;
  /** Recipients in one send. */
  recipients: number;
}

/** A refusal of the form, as the route answers it. */
export interface UploadRefusal {
  status: number;
  code: ServiceErrorCode;
  message: string;
}

/** The form of a send, read and its document written. */
export interface UploadForm {
  recipients: string[];
  subject: string | null;
  /** SHA-256 of the document's bytes and then `JSON.stringify([recipients, subject])`. */
  bodyHash: string;
  size: number;
  /** The document's first kB (to tell a PDF). */
  head: Uint8Array;
}

/** What the worker answers about one upload. */
export type UploadAnswer =
  | { id: number; ack: number }
  | { id: number; form: UploadForm }
  | { id: number; refused: UploadRefusal }
  | { id: number; synced: true }
  | { id: number; syncError: string };

/** The worker's source (CommonJS, run with `eval: true`). */
export const uploadWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Busboy = require(workerData.busboy);

/** How much of the start of a document is kept (to tell a PDF). */
const headBytes = 1024;
/** Bytes of a document gathered before they are written (one system call each). */
const batchBytes = 256 * 1024;

const uploads = new Map();
/** Bytes read of each upload since it was last answered with an ack. */
const unacknowledged = new Map();
const ackBytes = 512 * 1024;
const unreadable = { status: 400, code: 'invalid_request', message: 'The upload could not be read' };

function refuse(upload, refusal) {
  if (upload.done) return;
  upload.done = true;
  uploads.delete(upload.id);
  if (upload.fd !== null) {
    try { fs.closeSync(upload.fd); } catch {}
    upload.fd = null;
  }
  try { fs.rmSync(upload.path, { force: true }); } catch {}
  parentPort.postMessage({ id: upload.id, refused: refusal });
}

function writeBatch(upload) {
  if (upload.batch.length === 0) return;
  fs.writevSync(upload.fd, upload.batch);
  upload.batch = [];
  upload.batchSize = 0;
}

function start(id, { contentType, path, limits }) {
  const upload = {
    id, path, limits, fd: null, done: false, sawData: false, sawFile: false,
    hash: createHash('sha256'), head: [], headSize: 0, size: 0, batch: [], batchSize: 0,
    recipients: [], subject: null, parser: null,
  };
  uploads.set(id, upload);
  try {
    upload.fd = fs.openSync(path, 'wx', 0o600);
    upload.parser = new Busboy({
      headers: { 'content-type': contentType },
      limits: { fileSize: limits.fileSize, files: 1, fields: limits.fields },
    });
  } catch {
    refuse(upload, unreadable);
    return;
  }
  const parser = upload.parser;
  parser.on('file', (name, file) => {
    file.on('error', () => undefined);
    if (upload.done) return file.resume();
    if (name in Object.prototype) return refuse(upload, unreadable);
    if (name !== 'document')
      return refuse(upload, { status: 400, code: 'invalid_request', message: 'Unexpected file field ' + name });
    upload.sawFile = true;
    file.on('limit', () => refuse(upload, tooLarge));
    // A part cut short ("Unexpected end of file"): the form cannot be read.
    file.on('error', () => refuse(upload, unreadable));
    file.on('data', (chunk) => {
      if (upload.done) return;
      upload.hash.update(chunk);
      if (upload.headSize < headBytes) {
        const part = Buffer.from(chunk.subarray(0, headBytes - upload.headSize));
        upload.head.push(part);
        upload.headSize += part.length;
      }
      upload.size += chunk.length;
      // A chunk shorter than a boundary may be a view of the parser's look-behind buffer,
      // which it reuses: that one is copied before it is held.
      upload.batch.push(chunk.length < 256 ? Buffer.from(chunk) : chunk);
      upload.batchSize += chunk.length;
      if (upload.batchSize >= batchBytes) {
        try { writeBatch(upload); } catch { refuse(upload, unreadable); }
      }
    });
  });
  parser.on('field', (name, value, nameTruncated, valueTruncated, encoding, type) => {
    if (upload.done) return;
    if (name in Object.prototype) return refuse(upload, unreadable);
    // As @fastify/multipart: a JSON field is parsed, and refused when it is not JSON.
    if (String(type).startsWith('application/json')) {
      try { value = JSON.parse(value); } catch { return refuse(upload, unreadable); }
    }
    if (name === 'recipients') {
      for (const recipient of String(value).split(',')) {
        const trimmed = recipient.trim();
        if (trimmed) upload.recipients.push(trimmed);
      }
    } else if (name === 'subject') {
      const text = String(value);
      if (text.length > limits.subject)
        return refuse(upload, {
          status: 400, code: 'invalid_request',
          message: 'The subject is limited to ' + limits.subject + ' characters (this one has ' + text.length + ')',
        });
      upload.subject = text || null;
    }
  });
  parser.on('filesLimit', () => refuse(upload, { status: 400, code: 'invalid_request', message: 'Send one document at a time' }));
  parser.on('fieldsLimit', () => refuse(upload, unreadable));
  parser.on('partsLimit', () => refuse(upload, unreadable));
  parser.on('error', (error) => {
    // As @fastify/multipart: an empty body is an empty form, not a cut-off one.
    if (!upload.sawData && error && error.message === 'Unexpected end of multipart data') return finish(upload);
    refuse(upload, unreadable);
  });
  parser.on('finish', () => finish(upload));
}

const tooLarge = { status: 413, code: 'document_too_large', message: 'Documents are limited to 20 MB' };

function finish(upload) {
  if (upload.done) return;
  if (!upload.sawFile) return refuse(upload, { status: 400, code: 'invalid_request', message: 'The \u0060document\u0060 file is missing' });
  if (upload.recipients.length === 0)
    return refuse(upload, { status: 400, code: 'invalid_request', message: 'At least one recipient is needed' });
  if (upload.recipients.length > upload.limits.recipients)
    return refuse(upload, { status: 400, code: 'invalid_request', message: 'At most ' + upload.limits.recipients + ' recipients at once' });
  try { writeBatch(upload); } catch { return refuse(upload, unreadable); }
  upload.done = true;
  uploads.delete(upload.id);
  upload.hash.update(JSON.stringify([upload.recipients, upload.subject]));
  parentPort.postMessage({
    id: upload.id,
    form: {
      recipients: upload.recipients,
      subject: upload.subject,
      bodyHash: upload.hash.digest('hex'),
      size: upload.size,
      head: Buffer.concat(upload.head),
    },
  });
  // The fsync waits on the disk, on libuv's pool: other uploads go on meanwhile.
  const fd = upload.fd;
  upload.fd = null;
  fs.fsync(fd, (error) => {
    fs.close(fd, () => {
      parentPort.postMessage(error ? { id: upload.id, syncError: String(error.message) } : { id: upload.id, synced: true });
    });
  });
}

parentPort.on('message', (message) => {
  const { id } = message;
  if (message.start) return start(id, message.start);
  const upload = uploads.get(id);
  if (message.chunk) {
    const bytes = message.chunk.length;
    if (upload && !upload.done) {
      upload.sawData = upload.sawData || bytes > 0;
      try { upload.parser.write(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, bytes)); } catch { refuse(upload, unreadable); }
    }
    // Answered every ackBytes read, not every message (each costs the parent's event loop);
    // after the last bytes, the parent has nothing more to send.
    const read = (unacknowledged.get(id) || 0) + bytes;
    unacknowledged.set(id, read);
    if (message.end) unacknowledged.delete(id);
    else if (read >= ackBytes) {
      unacknowledged.delete(id);
      parentPort.postMessage({ id, ack: read });
    }
    if (message.end && upload && !upload.done) upload.parser.end();
  } else if (message.abort) {
    unacknowledged.delete(id);
    if (upload) refuse(upload, unreadable);
  }
});
`;
