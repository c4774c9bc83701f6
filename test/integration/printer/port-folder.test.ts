import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/core/log/logger';
import { createEventBus } from '../../../main/core/rpc/event-bus';
import { PrinterService } from '../../../main/core/printer/printer-service';
import { WindowsRegistration } from '../../../main/core/printer/windows-registration';
import {
  hasPdfTrailer,
  PortFolderWatcher,
  type PortJob,
} from '../../../main/core/printer/port-folder';

// The Windows fallback's watcher is plain file-system work, so it runs here for real: files are
// written the way the spooler's local port writes them (one handle, in chunks, the next job
// truncating the same file).

async function pdfOf(pages: number, title?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (title) doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    doc.addPage([595, 842]).drawText(`Page ${i} ${'x'.repeat(400)}`, { x: 20, y: 760, font });
  return doc.save();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `bytes` to `path` through one handle in `parts` chunks, `gapMs` apart (truncating first). */
async function spool(path: string, bytes: Uint8Array, parts: number, gapMs: number, stopAt = 1) {
  const file = await open(path, 'w');
  try {
    const size = Math.ceil(bytes.length / parts);
    const end = Math.floor(bytes.length * stopAt);
    for (let at = 0; at < end; at += size) {
      await file.write(bytes.subarray(at, Math.min(at + size, end)));
      await file.sync();
      if (at + size < end) await sleep(gapMs);
    }
  } finally {
    await file.close();
  }
}

describe('the folder watcher behind Microsoft Print to PDF on a file port', () => {
  let dir: string;
  let watcher: PortFolderWatcher | null = null;
  const logLines: string[] = [];

  const start = async (
    options: Partial<ConstructorParameters<typeof PortFolderWatcher>[0]> = {},
  ) => {
    const jobs: (PortJob & { at: number })[] = [];
    watcher = new PortFolderWatcher({
      log: createLogger((line) => logLines.push(line), 'test', 'debug'),
      folder: join(dir, 'print-inbox'),
      settleMs: 300,
      abandonMs: 2_000,
      pollMs: 100,
      onJob: async (job) => {
        // What was handed over is a whole PDF that pdf-lib reads with every page.
        expect((await PDFDocument.load(job.pdf)).getPageCount()).toBe(job.pages);
        jobs.push({ ...job, at: Date.now() });
      },
      ...options,
    });
    await watcher.start();
    return { jobs, port: watcher.portPath };
  };
  const until = async (check: () => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(25);
    }
  };
  const left = (sub: string) => readdirSync(join(dir, 'print-inbox', sub));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kamifax-port-'));
  });
  afterEach(async () => {
    await watcher?.stop();
    watcher = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows a whole PDF by its trailer', async () => {
    const pdf = Buffer.from(await pdfOf(1));
    expect(hasPdfTrailer(pdf.subarray(-1024))).toBe(true);
    expect(hasPdfTrailer(pdf.subarray(0, pdf.length - 8).subarray(-1024))).toBe(false);
    expect(hasPdfTrailer(Buffer.from('%%EOF but no xref'))).toBe(false);
  });

  it('takes a job written in chunks, with a pause longer than the settle time, as one whole draft', async () => {
    const { jobs, port } = await start();
    const pdf = await pdfOf(3, 'Quote for Tanaka');
    // Half, a pause of 3 settle times (size stable, no trailer: must not be taken), the rest.
    const file = await open(port, 'w');
    const half = Math.floor(pdf.length / 2);
    await file.write(pdf.subarray(0, half));
    await sleep(900);
    expect(jobs).toHaveLength(0);
    await file.write(pdf.subarray(half));
    await file.close();
    const written = Date.now();
    await until(() => jobs.length === 1);
    expect(jobs[0]).toMatchObject({ name: 'Quote for Tanaka', pages: 3 });
    expect(Buffer.from(jobs[0]!.pdf).equals(Buffer.from(pdf))).toBe(true);
    console.info(`last byte → job handed over: ${jobs[0]!.at - written} ms (settle 300 ms)`);
    await until(() => left('claimed').length === 0);
    expect(left('rejected')).toEqual([]);
    expect(readdirSync(join(dir, 'print-inbox')).sort()).toEqual(['claimed', 'rejected']);
  });

  it('never hands over a job that stops half-way, and sets it aside (not deleted)', async () => {
    const { jobs, port } = await start();
    const pdf = await pdfOf(2);
    await spool(port, pdf, 8, 20, 0.6);
    await until(() => left('rejected').length === 1, 10_000);
    expect(jobs).toHaveLength(0);
    expect(logLines.some((l) => l.includes('print job set aside'))).toBe(true);
  });

  it('takes two jobs printed one right after the other, each whole, in order', async () => {
    const { jobs, port } = await start();
    const first = await pdfOf(2, 'First');
    const second = await pdfOf(5, 'Second');
    await spool(port, first, 6, 10);
    // The next job truncates the same file, as the local port does; the spooler starts it
    // once the first has gone through the driver (kept short here: 150 ms).
    await sleep(150);
    await spool(port, second, 6, 10);
    await until(() => jobs.length === 2);
    expect(jobs.map((j) => [j.name, j.pages])).toEqual([
      ['First', 2],
      ['Second', 5],
    ]);
    await until(() => left('claimed').length === 0);
    expect(left('rejected')).toEqual([]);
  });

  it('sets a non-PDF aside with a log line, and goes on with the next job', async () => {
    const { jobs, port } = await start();
    writeFileSync(port, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4000, 1)]));
    await until(() => left('rejected').length === 1);
    expect(jobs).toHaveLength(0);
    await sleep(200);
    await spool(port, await pdfOf(1, 'After'), 3, 10);
    await until(() => jobs.length === 1);
    expect(jobs[0]!.name).toBe('After');
  });

  it('names a job after the spooler when asked, else "Printed document"', async () => {
    let asked = 0;
    const { jobs, port } = await start({
      jobName: async () => (++asked === 1 ? 'Invoice 42.xlsx' : null),
    });
    await spool(port, await pdfOf(1, 'ignored title'), 4, 10);
    await until(() => jobs.length === 1);
    await sleep(200);
    await spool(port, await pdfOf(1), 4, 10);
    await until(() => jobs.length === 2);
    expect(jobs.map((j) => j.name)).toEqual(['Invoice 42.xlsx', 'Printed document']);
    expect(asked).toBe(2);
  });

  it('delivers at start what a crash left claimed and what was printed while it was stopped', async () => {
    const folder = join(dir, 'print-inbox');
    mkdirSync(join(folder, 'claimed'), { recursive: true });
    writeFileSync(join(folder, 'claimed', '1-1.pdf'), await pdfOf(4, 'Left by a crash'));
    writeFileSync(join(folder, 'job.pdf'), await pdfOf(1, 'Printed while stopped'));
    const { jobs } = await start();
    await until(() => jobs.length === 2);
    expect(jobs.map((j) => j.name).sort()).toEqual(['Left by a crash', 'Printed while stopped']);
  });

  it('keeps a job whose draft could not be made, and tries it again later', async () => {
    let fail = true;
    const { port } = await start({
      onJob: async () => {
        if (fail) throw new Error('database is locked');
      },
    });
    await spool(port, await pdfOf(1), 2, 10);
    await until(() => logLines.some((l) => l.includes('print job not delivered yet')));
    expect(left('claimed')).toHaveLength(1);
    fail = false;
    await watcher!.stop();
    await watcher!.start(); // a restart tries it at once
    await until(() => left('claimed').length === 0);
  });
});

describe('the Windows fallback through PrinterService (PowerShell answered as Windows would)', () => {
  it('says which way was used, and turns a job written to the port into a draft named by the spooler', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kamifax-winport-'));
    const folder = join(dir, 'print-inbox');
    const portFile = join(folder, 'job.pdf');
    const scripts: string[] = [];
    const registration = new WindowsRegistration({
      url: () => 'ipp://127.0.0.1:18631/ipp/print',
      spoolFile: portFile,
      run: async (_command, args) => {
        const script = args.at(-1)!;
        scripts.push(script);
        // Get-Printer: our port with the Print to PDF driver; Get-PrintJob: the job's name.
        if (script.includes('Get-PrintJob'))
          return { code: 0, stdout: 'Order 7.docx\r\n', stderr: '' };
        return { code: 0, stdout: `${portFile}\r\nMicrosoft Print To PDF\r\n`, stderr: '' };
      },
    });
    const drafts: { subject?: string; files: { name: string; bytes: Uint8Array }[] }[] = [];
    let signedIn = true;
    const printer = new PrinterService({
      log: createLogger(() => undefined, 'test'),
      events: createEventBus(),
      port: 0,
      paper: 'a4',
      sink: () => (signedIn ? { createDraft: async (input) => drafts.push(input) } : null),
      registration,
      portFolder: { folder, jobName: () => registration.jobName() },
    });
    try {
      await printer.start();
      expect(await printer.status()).toMatchObject({
        method: 'windows',
        way: 'print-to-pdf-port',
        portFile,
        registration: 'installed',
        ready: true,
      });
      await spool(portFile, await pdfOf(2, 'title in the PDF'), 5, 10);
      const deadline = Date.now() + 15_000;
      while (drafts.length === 0 && Date.now() < deadline) await sleep(25);
      expect(drafts).toHaveLength(1);
      expect(drafts[0]!.subject).toBe('Order 7.docx');
      expect(drafts[0]!.files[0]!.name).toBe('Order 7.pdf');
      expect((await PDFDocument.load(drafts[0]!.files[0]!.bytes)).getPageCount()).toBe(2);
      expect((await printer.status()).jobsReceived).toBe(1);
      // Printed while signed out: the file waits in the folder (it would survive a quit) and
      // becomes a draft at the next sign-in.
      signedIn = false;
      await sleep(300);
      await spool(portFile, await pdfOf(1, 'x'), 3, 10);
      const claimed = join(folder, 'claimed');
      const kept = Date.now() + 15_000;
      while (drafts.length === 1 && readdirSync(claimed).length === 0 && Date.now() < kept)
        await sleep(25);
      await sleep(1_000);
      expect(drafts).toHaveLength(1);
      expect(readdirSync(claimed)).toHaveLength(1);
      signedIn = true;
      await printer.flush();
      const back = Date.now() + 15_000;
      while (drafts.length === 1 && Date.now() < back) await sleep(25);
      expect(drafts).toHaveLength(2);
      expect(drafts[1]!.files[0]!.bytes.length).toBeGreaterThan(0);
      const emptied = Date.now() + 5_000;
      while (readdirSync(claimed).length > 0 && Date.now() < emptied) await sleep(25);
      expect(readdirSync(claimed)).toEqual([]);
      await printer.stop();
      expect((await printer.status()).ready).toBe(false); // nothing watches the port now
    } finally {
      await printer.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
