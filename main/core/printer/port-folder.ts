import { watch, type FSWatcher } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { detach } from '../async/detach';
import type { Logger } from '../log/logger';

/** A finished job taken from the watched port (it becomes a new draft). */
export interface PortJob {
  name: string;
  pdf: Uint8Array;
  pages: number;
}

/** What the folder watcher needs. */
export interface PortFolderOptions {
  log: Logger;
  /** The folder Kamifax owns; the printer's port is the file `portFile` in it. */
  folder: string;
  /** The port's file name (default `job.pdf`). */
  portFile?: string;
  /** Hands a finished PDF over; the claimed file is removed once this resolves. */
  onJob(job: PortJob): Promise<void>;
  /** The spooler's name for the job being written, asked when a new job appears (Windows). */
  jobName?: () => Promise<string | null>;
  /** A claimed file must keep its size and time this long before it is read (default 400 ms). */
  settleMs?: number;
  /** A file that stops changing without becoming a whole PDF is set aside after this (30 s). */
  abandonMs?: number;
  /** Safety poll besides fs.watch's events (default 500 ms). */
  pollMs?: number;
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

const CLAIMED = 'claimed';
const REJECTED = 'rejected';

/** Whether the bytes look like the end of a whole PDF: `startxref`, then `%%EOF` at the end. */
export function hasPdfTrailer(tail: Buffer): boolean {
  const text = tail.toString('latin1');
  const eof = text.lastIndexOf('%%EOF');
  return eof >= 0 && text.slice(eof + 5).trim() === '' && text.lastIndexOf('startxref') >= 0;
}

/**
 * The Windows fallback's other half: "Microsoft Print to PDF" writes each job to one file (a
 * local port named by its path), truncating it for the next job. This watcher takes each job
 * away before the next one can overwrite it and hands only whole PDFs over:
 *
 * 1. when the port file ends with a PDF trailer it is renamed into `claimed/` at once (a rename
 *    on one volume is atomic; on Windows it fails while the spooler still has the file open,
 *    and is simply tried again), so the next job gets a fresh file;
 * 2. a claimed file is read only after its size and time stayed put for `settleMs` and it is a
 *    whole PDF (`%PDF-`, `startxref`, `%%EOF`, pdf-lib reads it); if it keeps growing (a writer
 *    still holding it) it is waited for;
 * 3. what is not a PDF, or never becomes whole within `abandonMs`, is moved to `rejected/` and
 *    logged, never deleted; a claimed file is removed only after its draft exists, so files
 *    left by a crash are delivered at the next start.
 */
export class PortFolderWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly seen = new Map<string, Seen>();
  private readonly names = new Map<string, Promise<string | null>>();
  private readonly retryAt = new Map<string, number>();
  private portName: Promise<string | null> | null = null;
  private sequence = 0;
  /** Jobs handed over since start. */
  delivered = 0;

  constructor(private readonly options: PortFolderOptions) {}

  /** The port's full path: what `Add-PrinterPort -Name` is given. */
  get portPath(): string {
    return join(this.options.folder, this.options.portFile ?? 'job.pdf');
  }

  get watching(): boolean {
    return this.timer !== null;
  }

  /** Creates the folders and starts watching; jobs left from before are delivered first. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.retryAt.clear();
    await mkdir(join(this.options.folder, CLAIMED), { recursive: true });
    await mkdir(join(this.options.folder, REJECTED), { recursive: true });
    try {
      this.watcher = watch(this.options.folder, () => this.poke());
      this.watcher.on('error', () => undefined); // the poll carries on
    } catch {
      this.watcher = null; // some file systems cannot be watched: the poll alone
    }
    this.timer = setInterval(() => this.poke(), this.options.pollMs ?? 500);
    this.poke();
  }

  /** Tries the jobs kept for later again now (someone just signed in). */
  retryNow(): void {
    this.retryAt.clear();
    if (this.timer) this.poke();
  }

  /** Stops watching (a claimed file being read is finished first). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
    await this.running;
  }

  /** Runs one pass now, or again after the running one. */
  private poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    const pass = async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && this.timer);
    };
    this.running = pass()
      .catch((error: unknown) =>
        this.options.log.warn('print folder pass failed', { error: String(error) }),
      )
      .finally(() => (this.running = null));
    detach(this.options.log, 'print folder pass', this.running);
  }

  private async pass(): Promise<void> {
    await this.claimPort();
    const dir = join(this.options.folder, CLAIMED);
    const files = (await readdir(dir)).filter((f) => !f.startsWith('.')).sort();
    for (const file of files) await this.settle(join(dir, file));
  }

  /** Moves the port file into `claimed/` once it holds a whole job (or never will). */
  private async claimPort(): Promise<void> {
    const port = this.portPath;
    const info = await stat(port).catch(() => null);
    if (!info || info.size === 0) return;
    if (this.options.jobName && !this.portName)
      this.portName = this.options.jobName().catch(() => null);
    const seen = this.track(port, info.size, info.mtimeMs);
    const { head, tail } = await ends(port, info.size);
    const pdf = head.toString('latin1') === '%PDF-';
    const quiet = Date.now() - seen.since;
    const whole = pdf && hasPdfTrailer(tail);
    const notPdf = head.length === 5 && !pdf && quiet >= (this.options.settleMs ?? 400);
    if (!whole && !notPdf && quiet < (this.options.abandonMs ?? 30_000)) return;
    const target = join(this.options.folder, CLAIMED, `${Date.now()}-${++this.sequence}.pdf`);
    try {
      await rename(port, target);
    } catch (error) {
      // EBUSY/EPERM/EACCES: the spooler still has it open (Windows); next pass.
      this.options.log.debug('print port not claimed yet', { error: String(error) });
      return;
    }
    this.seen.delete(port);
    this.names.set(target, this.portName ?? Promise.resolve(null));
    this.portName = null;
  }

  /** Delivers a claimed file once it is a whole, settled PDF; sets aside what never will be. */
  private async settle(path: string): Promise<void> {
    if ((this.retryAt.get(path) ?? 0) > Date.now()) return;
    const info = await stat(path).catch(() => null);
    if (!info) return;
    const seen = this.track(path, info.size, info.mtimeMs);
    const quiet = Date.now() - seen.since;
    if (quiet < (this.options.settleMs ?? 400)) return;
    const abandoned = quiet >= (this.options.abandonMs ?? 30_000);
    const { head, tail } = await ends(path, info.size);
    const looksPdf = head.toString('latin1') === '%PDF-';
    // A PDF still without its trailer: not read at all until it has one (or is given up on).
    if (looksPdf && !hasPdfTrailer(tail) && !abandoned) return;
    const bytes = await readFile(path);
    // Changed while it was read: a writer still has it.
    const after = await stat(path);
    if (after.size !== info.size || after.mtimeMs !== info.mtimeMs) return;
    const pdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    const whole = pdf && hasPdfTrailer(bytes.subarray(-1024));
    let pages = 0;
    let title: string | undefined;
    if (whole) {
      try {
        // pdf-lib loads at the first printed file, not with the app.
        const { PDFDocument } = await import('pdf-lib');
        const doc = await PDFDocument.load(bytes, { updateMetadata: false });
        pages = doc.getPageCount();
        title = doc.getTitle();
      } catch {
        pages = 0;
      }
    }
    if (pages === 0) {
      if (pdf && !abandoned) return;
      await this.reject(path, pdf ? 'an unfinished or damaged PDF' : 'not a PDF', bytes);
      return;
    }
    const spooled = await (this.names.get(path) ?? Promise.resolve(null)).catch(() => null);
    const name = spooled?.trim() || title?.trim() || 'Printed document';
    try {
      await this.options.onJob({ name: name.slice(0, 200), pdf: new Uint8Array(bytes), pages });
    } catch (error) {
      // Kept in claimed/ and tried again a minute later, at retryNow and at the next start.
      this.retryAt.set(path, Date.now() + 60_000);
      this.options.log.info('print job not delivered yet', { error: String(error) });
      return;
    }
    this.delivered += 1;
    this.seen.delete(path);
    this.names.delete(path);
    this.retryAt.delete(path);
    await unlink(path);
  }

  private async reject(path: string, why: string, bytes: Buffer): Promise<void> {
    const ext = bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? '.pdf' : '.bin';
    const target = join(this.options.folder, REJECTED, `${Date.now()}-${++this.sequence}${ext}`);
    await rename(path, target);
    this.seen.delete(path);
    this.names.delete(path);
    this.options.log.warn('print job set aside', { why, file: target, bytes: bytes.length });
  }

  /** Remembers since when a file has had this size and time. */
  private track(path: string, size: number, mtimeMs: number): Seen {
    const last = this.seen.get(path);
    if (last && last.size === size && last.mtimeMs === mtimeMs) return last;
    const now: Seen = { size, mtimeMs, since: Date.now() };
    this.seen.set(path, now);
    return now;
  }
}

/** The first 5 and the last 1024 bytes of a file. */
async function ends(path: string, size: number): Promise<{ head: Buffer; tail: Buffer }> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(5, size));
    await file.read(head, 0, head.length, 0);
    const tailSize = Math.min(1024, size);
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    return { head, tail };
  } finally {
    await file.close();
  }
}
