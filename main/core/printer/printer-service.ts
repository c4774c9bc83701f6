import type { PrinterStatus } from '../../../preload/printer-contract';
import { detach } from '../async/detach';
import type { Logger } from '../log/logger';
import { AppError } from '../rpc/app-error';
import type { EventBus } from '../rpc/event-bus';
import { IppServer, type ReceivedJob } from './ipp-server';
import { PortFolderWatcher } from './port-folder';
import { RegistrationError, type PrinterRegistration } from './registration';

/** Where print jobs become drafts (the send engineer's DraftService.createDraft). */
export interface DraftSink {
  createDraft(input: {
    subject?: string;
    files: { name: string; bytes: Uint8Array }[];
    origin: 'printer';
  }): Promise<unknown>;
}

/** The port the printer listens on unless told otherwise: fixed, so the registered URL stays valid. */
export const defaultPrinterPort = 18631;

/** What the printer needs from the app. */
export interface PrinterServiceOptions {
  log: Logger;
  events: EventBus;
  port?: number;
  paper: 'a4' | 'letter';
  /** The signed-in account's drafts, or null while signed out (jobs then wait in memory). */
  sink: () => DraftSink | null;
  /** CUPS or Windows; null where the host cannot register printers (the browser host). */
  registration: PrinterRegistration | null;
  /**
   * Windows: the folder holding the fallback's port file (Microsoft Print to PDF writes each
   * job there), watched while the endpoint runs; `jobName` asks the spooler for the job's name.
   */
  portFolder?: { folder: string; jobName?: () => Promise<string | null> };
}

/**
 * The Kamifax printer: the IPP endpoint, its registration with the system, and the hand-over
 * of each job to a new draft (never sent by itself). Jobs that arrive while nobody is signed
 * in wait in memory and become drafts at the next sign-in.
 */
export class PrinterService {
  readonly server: IppServer;
  /** The watched port folder of the Windows fallback, where there is one. */
  readonly portFolder: PortFolderWatcher | null;
  private readonly waiting: ReceivedJob[] = [];
  private endpointError: string | null = null;

  constructor(private readonly options: PrinterServiceOptions) {
    this.server = new IppServer({
      log: options.log,
      port: options.port ?? defaultPrinterPort,
      paper: options.paper,
      onJob: (job) => this.deliver(job),
    });
    const port = options.portFolder;
    this.portFolder = port
      ? new PortFolderWatcher({
          log: options.log.child('port-folder'),
          folder: port.folder,
          jobName: port.jobName,
          // The file stays in the port folder until its draft exists, so a job printed while
          // signed out survives a quit (the endpoint's jobs wait in memory instead).
          onJob: async (job) => {
            const sink = this.options.sink();
            if (!sink) throw new Error('waiting for a sign-in');
            await this.toDraft(sink, { jobId: 0, user: '', ...job });
          },
        })
      : null;
  }

  /** Starts the endpoint (with the app). A port in use is reported, not thrown. */
  async start(): Promise<void> {
    try {
      await this.server.start();
      this.endpointError = null;
    } catch (error) {
      this.endpointError = String(error);
      this.options.log.warn('printer endpoint did not start', { error: this.endpointError });
    }
    try {
      await this.portFolder?.start();
    } catch (error) {
      this.options.log.warn('print folder not watched', { error: String(error) });
    }
    this.changed();
  }

  /** Stops the endpoint (at quit); CUPS holds jobs printed meanwhile. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.portFolder?.stop();
  }

  /** Hands jobs that waited for a sign-in to the account that just signed in. */
  async flush(): Promise<void> {
    const sink = this.options.sink();
    while (sink && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      await this.toDraft(sink, job);
    }
    if (sink) this.portFolder?.retryNow();
  }

  /** The state Settings and the status bar show. */
  async status(): Promise<PrinterStatus> {
    const endpoint = this.server.listening
      ? 'listening'
      : this.endpointError
        ? 'failed'
        : 'stopped';
    const registration = this.options.registration
      ? await this.options.registration.state()
      : { state: 'unsupported' as const, detail: null };
    const way = registration.way ?? null;
    // The fallback's jobs come through the watched folder, not the endpoint.
    const receiving =
      way === 'print-to-pdf-port' ? (this.portFolder?.watching ?? false) : endpoint === 'listening';
    return {
      endpoint,
      port: this.options.port ?? defaultPrinterPort,
      url: this.server.url,
      registration: registration.state,
      method: this.options.registration?.method ?? 'none',
      way,
      portFile: way === 'print-to-pdf-port' ? (this.portFolder?.portPath ?? null) : null,
      ready: receiving && registration.state === 'installed',
      jobsReceived: this.server.delivered + (this.portFolder?.delivered ?? 0),
      detail: this.endpointError ?? registration.detail,
    };
  }

  /** Adds the printer to the system (asks for administrator rights where the platform does). */
  async install(): Promise<PrinterStatus> {
    await this.register((r) => r.install());
    return this.status();
  }

  /** Removes and adds it again, pointing at the current endpoint. */
  async repair(): Promise<PrinterStatus> {
    await this.register(async (r) => {
      await r.remove();
      await r.install();
    });
    return this.status();
  }

  /** Removes it from the system. */
  async remove(): Promise<PrinterStatus> {
    await this.register((r) => r.remove());
    return this.status();
  }

  private async register(work: (r: PrinterRegistration) => Promise<void>): Promise<void> {
    const registration = this.options.registration;
    if (!registration)
      throw new AppError('unsupported_on_host', 'Printers are registered by the desktop app');
    // `lpadmin -m everywhere` asks the endpoint for its attributes: it has to be up.
    if (!this.server.listening) await this.start();
    try {
      await work(registration);
    } catch (error) {
      if (error instanceof RegistrationError)
        throw new AppError(
          error.reason === 'admin_refused' ? 'printer_admin_refused' : 'printer_register_failed',
          error.message,
        );
      throw error;
    } finally {
      this.changed();
    }
  }

  private async deliver(job: ReceivedJob): Promise<void> {
    const sink = this.options.sink();
    if (!sink) {
      this.waiting.push(job);
      this.options.log.info('print job waits for a sign-in', { job: job.jobId });
      return;
    }
    await this.toDraft(sink, job);
  }

  private async toDraft(sink: DraftSink, job: ReceivedJob): Promise<void> {
    const base = safeFileName(job.name.replace(/\.[A-Za-z0-9]{1,5}$/, '')) || 'Printed document';
    await sink.createDraft({
      subject: job.name,
      files: [{ name: `${base}.pdf`, bytes: job.pdf }],
      origin: 'printer',
    });
    this.changed();
  }

  private changed(): void {
    detach(this.options.log, 'printer status', async () => {
      this.options.events.emit('printer:changed', await this.status());
    });
  }
}

/** A job name as a file name: no path separators, reserved or control characters. */
function safeFileName(name: string): string {
  return [...name]
    .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('');
}
