import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateOffice } from '../../../main/core/convert/locate-office';
import { createLogger } from '../../../main/core/log/logger';
import { createEventBus } from '../../../main/core/rpc/event-bus';
import { PrinterService, type DraftSink } from '../../../main/core/printer/printer-service';
import { CupsRegistration } from '../../../main/core/printer/registration';
import { systemComponent } from '../../helpers/system';
import { textPdf } from '../../helpers/fax-pdf';
import { canRunCupsd, freePort, startPrivateCups, type PrivateCups } from './private-cupsd';

const present = systemComponent(
  'CUPS (cupsd, lpadmin, lp) run as root',
  canRunCupsd,
  'apt-get install cups cups-client cups-bsd cups-filters, and run the tests as root (CI does)',
);
const office = locateOffice();

interface Arrived {
  subject: string;
  name: string;
  bytes: Uint8Array;
  at: number;
}

/** Stands in for DraftService.createDraft (issue 11's side, tested there): records what the printer hands over. */
class RecordingSink implements DraftSink {
  readonly drafts: Arrived[] = [];
  private waiters: (() => void)[] = [];
  async createDraft(input: {
    subject?: string;
    files: { name: string; bytes: Uint8Array }[];
  }): Promise<unknown> {
    this.drafts.push({
      subject: input.subject ?? '',
      name: input.files[0]!.name,
      bytes: input.files[0]!.bytes,
      at: Date.now(),
    });
    for (const w of this.waiters.splice(0)) w();
    return {};
  }
  /** Resolves with the n-th draft (1-based) once it exists. */
  async nth(n: number, timeoutMs = 60_000): Promise<Arrived> {
    const deadline = Date.now() + timeoutMs;
    while (this.drafts.length < n) {
      if (Date.now() > deadline) throw new Error(`draft ${n} did not arrive in ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 500).unref();
      });
    }
    return this.drafts[n - 1]!;
  }
}

describe.skipIf(!present)('the Kamifax printer through a real CUPS', () => {
  let dir: string;
  let cups: PrivateCups;
  let printer: PrinterService;
  let port: number;
  const sink = new RecordingSink();
  const log = createLogger(() => undefined, 'test');

  const makePrinter = () =>
    new PrinterService({
      log,
      events: createEventBus(),
      port,
      paper: 'a4',
      sink: () => sink,
      registration: new CupsRegistration({
        url: () => `ipp://127.0.0.1:${port}/ipp/print`,
        platform: 'linux',
        isRoot: true,
        env: cups.env,
      }),
    });
  const print = (file: string, title: string) =>
    execFileSync('lp', ['-d', 'Kamifax', '-t', title, file], { env: cups.env, encoding: 'utf8' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kamifax-cups-'));
    chmodSync(dir, 0o755);
    cups = await startPrivateCups(join(dir, 'cups'), await freePort());
    port = await freePort();
    printer = makePrinter();
    await printer.start();
  });
  afterAll(async () => {
    await printer?.stop();
    await cups?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs with lpadmin -m everywhere, and says so', async () => {
    expect((await printer.status()).registration).toBe('missing');
    const status = await printer.install();
    expect(status).toMatchObject({
      registration: 'installed',
      endpoint: 'listening',
      ready: true,
      method: 'cups',
    });
    expect(
      execFileSync('lpstat', ['-v', 'Kamifax'], { env: cups.env, encoding: 'utf8' }),
    ).toContain(`127.0.0.1:${port}/ipp/print`);
  });

  it('turns lp of a PDF into a draft named after the job, with every page', async () => {
    const file = join(dir, 'quote.pdf');
    writeFileSync(file, await textPdf(3, 'Quote'));
    const before = sink.drafts.length;
    const started = Date.now();
    print(file, 'Quote for Tanaka');
    const draft = await sink.nth(before + 1);
    expect(draft.subject).toBe('Quote for Tanaka');
    expect(draft.name).toBe('Quote for Tanaka.pdf');
    expect((await PDFDocument.load(draft.bytes)).getPageCount()).toBe(3);
    console.info(`lp → draft (PDF): ${draft.at - started} ms`);
  });

  it('turns lp of a text file into a draft (CUPS typesets it)', async () => {
    const file = join(dir, 'memo.txt');
    writeFileSync(file, 'Memo to the Osaka office\nPlease fax the signed order today.\n');
    const before = sink.drafts.length;
    print(file, 'memo.txt');
    const draft = await sink.nth(before + 1);
    expect((await PDFDocument.load(draft.bytes)).getPageCount()).toBe(1);
    // (Its text is not checked: cups-filters' texttopdf embeds a font without a ToUnicode map.)
  });

  it.skipIf(!office)(
    'turns a .docx printed from LibreOffice into a draft with its pages',
    { timeout: 180_000 },
    async () => {
      const doc = new Document({
        sections: [
          {
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun('Order form, page one')],
              }),
              new Paragraph({ children: [new PageBreak()] }),
              new Paragraph({ children: [new TextRun('Order form, page two')] }),
            ],
          },
        ],
      });
      const file = join(dir, 'order.docx');
      writeFileSync(file, await Packer.toBuffer(doc));
      const before = sink.drafts.length;
      // Debian's -nogui LibreOffice is built without CUPS, so its Print command cannot be driven
      // here; it renders the document (as its print path does) and lp hands the PDF to CUPS.
      execFileSync(office!.soffice, [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ]);
      print(join(dir, 'order.pdf'), 'order.docx');
      const draft = await sink.nth(before + 1);
      expect(draft.subject).toBe('order.docx');
      expect((await PDFDocument.load(draft.bytes)).getPageCount()).toBe(2);
    },
  );

  it(
    'keeps a job printed while Kamifax is not running, and delivers it when it is back',
    { timeout: 120_000 },
    async () => {
      await printer.stop();
      const file = join(dir, 'late.pdf');
      writeFileSync(file, await textPdf(2, 'Late'));
      const before = sink.drafts.length;
      print(file, 'Printed while closed');
      // CUPS holds it: the job is still in its queue.
      const deadline = Date.now() + 10_000;
      while (
        !/Kamifax-\d+/.test(
          execFileSync('lpstat', ['-o', 'Kamifax'], { env: cups.env, encoding: 'utf8' }),
        )
      ) {
        if (Date.now() > deadline) throw new Error('the job never showed in the CUPS queue');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(sink.drafts.length).toBe(before);
      printer = makePrinter();
      const restarted = Date.now();
      await printer.start();
      const draft = await sink.nth(before + 1, 90_000);
      expect(draft.subject).toBe('Printed while closed');
      expect((await PDFDocument.load(draft.bytes)).getPageCount()).toBe(2);
      console.info(`restart → queued job delivered: ${draft.at - restarted} ms`);
    },
  );

  it('repairs a printer pointing elsewhere, and removes it', async () => {
    execFileSync('lpadmin', ['-p', 'Kamifax', '-v', 'ipp://127.0.0.1:9/ipp/print'], {
      env: cups.env,
    });
    expect((await printer.status()).registration).toBe('broken');
    expect((await printer.repair()).registration).toBe('installed');
    const removed = await printer.remove();
    expect(removed).toMatchObject({ registration: 'missing', ready: false });
  });
});
