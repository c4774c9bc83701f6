import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors';
import type { DocumentStore, IncomingDocument } from './storage';
import {
  uploadWorkerSource,
  type UploadAnswer,
  type UploadForm,
  type UploadLimits,
} from './upload-worker';

/** A send's form, read by the upload worker, its document in a temporary file. */
export interface ReceivedUpload {
  document: IncomingDocument;
  bodyHash: string;
  recipients: string[];
  subject: string | null;
}

/**
 * Body bytes handed to the worker and not yet parsed and written by it: past this, the socket
 * is paused until the worker catches up, so an upload never waits whole in memory. (The worker
 * answers every `ackBytes` it has read, fewer than this, so a paused socket is resumed.)
 */
const maxUnanswered = 1024 * 1024;
/** Body bytes gathered here before they are handed to the worker in one message. */
const handOverBytes = 256 * 1024;

interface Upload {
  /** The temporary file (removed here if the worker dies before it could). */
  temporary: string;
  unanswered: number;
  onAck: () => void;
  onForm: (form: UploadForm) => void;
  onRefused: (error: Error) => void;
  onSynced: (error: Error | null) => void;
}

/**
 * Reads sends' multipart bodies in a worker thread (`upload-worker.ts`), off the event loop:
 * the form is parsed, the document hashed, written to a temporary file and fsynced there,
 * while this thread only passes the socket's chunks on. A refused, cut-off or failed upload
 * leaves no file; a kept one is renamed into place by `keep()`. Unlike the inspection workers
 * the reader is not niced: it is on every send's path while its socket waits, and at nice 10
 * anything else on the machine stalled the uploads for seconds.
 */
export class UploadReader {
  private worker: Worker | null = null;
  private readonly uploads = new Map<number, Upload>();
  private nextId = 1;
  private readonly busboy = createRequire(
    createRequire(import.meta.url).resolve('@fastify/multipart'),
  ).resolve('@fastify/busboy');

  constructor(
    private readonly documents: DocumentStore,
    private readonly limits: UploadLimits,
  ) {}

  /** Starts the worker now, so the first upload does not pay for it. */
  warm(): void {
    this.ensureWorker();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('The service is closing'));
    await worker?.terminate();
  }

  /**
   * Reads the multipart body of `request` (content type `contentType`). Resolves when the form
   * is read and the document written (its `flush()` waits for the fsync); rejects with the
   * form's refusal, or when the connection is cut.
   */
  read(request: IncomingMessage, contentType: string): Promise<ReceivedUpload> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const documentId = randomUUID();
    const temporary = this.documents.temporaryPath(documentId);
    const final = this.documents.path(documentId);
    let synced: Promise<void> | null = null;
    let kept: Promise<string> | null = null;
    return new Promise<ReceivedUpload>((resolve, reject) => {
      let settled = false;
      let resolveSynced!: () => void;
      let rejectSynced!: (error: Error) => void;
      synced = new Promise<void>((yes, no) => {
        resolveSynced = yes;
        rejectSynced = no;
      });
      // A refused upload's file is gone already; nothing waits for its fsync.
      synced.catch(() => undefined);
      const detach = () => {
        request.off('data', onData);
        request.off('end', onEnd);
        request.off('close', onClose);
        request.off('error', onClose);
      };
      const upload: Upload = {
        temporary,
        unanswered: 0,
        onAck: () => {
          if (upload.unanswered <= maxUnanswered && request.isPaused()) request.resume();
        },
        onForm: (form) => {
          settled = true;
          detach();
          resolve({
            bodyHash: form.bodyHash,
            recipients: form.recipients,
            subject: form.subject,
            document: {
              path: temporary,
              size: form.size,
              head: Buffer.from(form.head),
              flush: () => synced!,
              keep: () =>
                (kept ??= synced!.then(async () => {
                  await rename(temporary, final);
                  return documentId;
                })),
              discard: async () => {
                // Wait for the fsync or a keep under way, so nothing brings the file back.
                await (kept ?? synced!).catch(() => undefined);
                await rm(temporary, { force: true });
                await rm(final, { force: true });
              },
            },
          });
        },
        onRefused: (error) => {
          this.uploads.delete(id);
          rejectSynced(error);
          if (settled) return;
          settled = true;
          detach();
          // The rest of the body is read and dropped, as Node does for an unread request.
          request.resume();
          reject(error);
        },
        onSynced: (error) => {
          this.uploads.delete(id);
          if (error) rejectSynced(error);
          else resolveSynced();
        },
      };
      // Socket chunks (~64 kB) are gathered and handed over in batches: each message costs
      // this thread more than copying the bytes does.
      let gathered: Buffer[] = [];
      let gatheredBytes = 0;
      const handOver = (end: boolean) => {
        // One copy of exactly these bytes moves to the worker (never a pooled buffer, which
        // other Buffers share).
        const bytes = new Uint8Array(gatheredBytes);
        let at = 0;
        for (const chunk of gathered) {
          bytes.set(chunk, at);
          at += chunk.length;
        }
        gathered = [];
        gatheredBytes = 0;
        upload.unanswered += bytes.length;
        worker.postMessage({ id, chunk: bytes, end }, [bytes.buffer]);
      };
      const onData = (chunk: Buffer) => {
        gathered.push(chunk);
        gatheredBytes += chunk.length;
        if (gatheredBytes < handOverBytes) return;
        handOver(false);
        if (upload.unanswered > maxUnanswered) request.pause();
      };
      const onEnd = () => handOver(true);
      const onClose = () => {
        // Cut off before the whole body arrived: the worker removes the file and answers.
        if (!request.complete) worker.postMessage({ id, abort: true });
      };
      this.uploads.set(id, upload);
      worker.postMessage({ id, start: { contentType, path: temporary, limits: this.limits } });
      request.on('data', onData);
      request.on('end', onEnd);
      request.on('close', onClose);
      request.on('error', onClose);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(uploadWorkerSource, {
      eval: true,
      workerData: { busboy: this.busboy },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    worker.on('message', (answer: UploadAnswer) => this.answer(answer));
    const failed = () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(new Error('The upload worker stopped'));
    };
    worker.on('error', failed);
    worker.on('exit', failed);
    this.worker = worker;
    return worker;
  }

  private answer(answer: UploadAnswer): void {
    const upload = this.uploads.get(answer.id);
    if (!upload) return;
    if ('ack' in answer) {
      upload.unanswered -= answer.ack;
      upload.onAck();
    } else if ('form' in answer) upload.onForm(answer.form);
    else if ('refused' in answer) {
      const { status, code, message } = answer.refused;
      upload.onRefused(new ApiError(status, code, message));
    } else if ('synced' in answer) upload.onSynced(null);
    else upload.onSynced(new Error(`The document could not be stored: ${answer.syncError}`));
  }

  /** The worker died or the service closes: every upload under way fails. */
  private failAll(error: Error): void {
    const uploads = [...this.uploads.values()];
    this.uploads.clear();
    for (const upload of uploads) {
      upload.onRefused(error);
      rm(upload.temporary, { force: true }).catch(() => undefined);
    }
  }
}
