import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ipp from 'ipp-encoder';
import type { Logger } from '../log/logger';
import {
  IppFailure,
  IppOperations,
  type IppGroup,
  type IppRequest,
  type ReceivedJob,
} from './ipp-operations';
import { C } from './ipp-values';

export type { ReceivedJob } from './ipp-operations';

/** Options of the endpoint. */
export interface IppServerOptions {
  log: Logger;
  /** Fixed, so the registered printer's URL stays valid across launches; 0 picks one (tests). */
  port: number;
  paper: 'a4' | 'letter';
  /** Largest job accepted (bigger gets client-error-request-entity-too-large). */
  maxBytes?: number;
  /** Where each job's PDF goes; a rejection aborts the job. */
  onJob(job: ReceivedJob): Promise<void>;
  /** Called when the job list changes (for the status bar's counters). */
  onChange?(): void;
}

/** The path the printer lives at; CUPS and Windows are registered with it. */
export const printerPath = '/ipp/print';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The Kamifax printer: an IPP Everywhere endpoint on 127.0.0.1 that CUPS (`-m everywhere`)
 * and the Windows IPP class driver print to without a driver of ours. This is the transport:
 * HTTP on loopback, the size limit, and ipp-encoder decoding and encoding the messages; the
 * operations are IppOperations. Every request, however malformed, gets an IPP answer.
 */
export class IppServer {
  private server: Server | null = null;
  private boundPort = 0;
  private readonly operations: IppOperations;

  constructor(private readonly options: IppServerOptions) {
    this.operations = new IppOperations({
      log: options.log,
      paper: options.paper,
      url: () => this.url,
      onJob: (job) => options.onJob(job),
      onChange: () => options.onChange?.(),
    });
  }

  /** Jobs handed to the app since start. */
  get delivered(): number {
    return this.operations.delivered;
  }

  /** The printer URI (`ipp://127.0.0.1:PORT/ipp/print`). */
  get url(): string {
    return `ipp://127.0.0.1:${this.boundPort || this.options.port}${printerPath}`;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Starts listening on loopback only. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => this.handle(req, res));
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    this.operations.started();
  }

  /** Stops listening; CUPS keeps later jobs queued until the printer answers again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      res.writeHead(403).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('Kamifax printer\n');
      return;
    }
    const max = this.options.maxBytes ?? 64 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) over = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      this.answer(body, over)
        .then((reply) => {
          res.writeHead(200, { 'content-type': 'application/ipp', 'content-length': reply.length });
          res.end(reply);
        })
        .catch((error: unknown) => {
          this.options.log.error('printer request failed', { error: String(error) });
          res.destroy();
        });
    });
  }

  private async answer(body: Buffer, tooLarge: boolean): Promise<Buffer> {
    const requestId = body.length >= 8 ? body.readInt32BE(4) : 0;
    const version = { major: body[0] === 2 ? 2 : 1, minor: body[0] === 2 ? 0 : 1 };
    let request: IppRequest;
    try {
      if (body.length < 9) throw new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'request too short');
      request = ipp.request.decode(body) as unknown as IppRequest;
    } catch (error) {
      const failure =
        error instanceof IppFailure
          ? error
          : new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'malformed IPP request');
      return this.encode(version, requestId, failure.status, failure.message, []);
    }
    const data = body.subarray(ipp.request.decode.bytes);
    try {
      if (tooLarge)
        throw new IppFailure(C.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE, 'the job is too large');
      const groups = await this.operations.operate(request, data);
      return this.encode(
        request.version,
        request.requestId,
        C.SUCCESSFUL_OK,
        'successful-ok',
        groups,
      );
    } catch (error) {
      const failure =
        error instanceof IppFailure
          ? error
          : new IppFailure(C.SERVER_ERROR_INTERNAL_ERROR, 'internal error');
      if (!(error instanceof IppFailure))
        this.options.log.error('printer operation failed', { error: String(error) });
      const unsupported = failure.unsupported.length
        ? [{ tag: C.UNSUPPORTED_ATTRIBUTES_TAG, attributes: failure.unsupported }]
        : [];
      return this.encode(
        request.version,
        request.requestId,
        failure.status,
        failure.message,
        unsupported,
      );
    }
  }

  private encode(
    version: { major: number; minor: number },
    requestId: number,
    statusCode: number,
    message: string,
    groups: IppGroup[],
  ): Buffer {
    const operation = {
      tag: C.OPERATION_ATTRIBUTES_TAG,
      attributes: [
        { tag: C.CHARSET, name: 'attributes-charset', value: 'utf-8' },
        { tag: C.NATURAL_LANG, name: 'attributes-natural-language', value: 'en' },
        { tag: C.TEXT_WITHOUT_LANG, name: 'status-message', value: message },
      ],
    };
    const v = version.major === 2 ? { major: 2, minor: version.minor } : { major: 1, minor: 1 };
    return ipp.response.encode({
      version: v,
      statusCode,
      requestId,
      groups: [operation, ...groups],
    });
  }
}
