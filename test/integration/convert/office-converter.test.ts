import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AlignmentType, Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvertError } from '../../../main/core/convert/convert-error';
import { locateOffice } from '../../../main/core/convert/locate-office';
import { OfficeConverter } from '../../../main/core/convert/office-converter';
import { createLogger } from '../../../main/core/log/logger';
import { findExecutable, systemComponent } from '../../helpers/system';

const install = locateOffice();
const present = systemComponent(
  'LibreOffice with python3-uno',
  install !== null && install.pythons.length > 0,
  'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui python3-uno fonts-noto-cjk',
);
const pdftotext = findExecutable('pdftotext', ['/usr/bin/pdftotext']);
const hasPdftotext = systemComponent(
  'pdftotext',
  pdftotext !== null,
  'apt-get install poppler-utils',
);
const corpus = resolve(__dirname, '../../../../shared/corpus/office');
const workerScript = resolve(__dirname, '../../../main/core/convert/uno-worker.py');
const log = createLogger(() => undefined, 'test');

async function pages(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

function text(dir: string, pdf: Uint8Array): string {
  const file = join(dir, `t-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' });
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConvertError);
    return (error as ConvertError).code;
  }
  throw new Error('expected the conversion to fail');
}

/** Every file of the shared corpus: its page count, or the error code it must give. */
const expected: Record<string, number | string> = {
  'badfile-01-bad-header.doc': 'file_damaged',
  'cht-charts.pptx': 1,
  'entity-expansion-exploit-poc-file.xlsx': 'file_damaged',
  'example.odt': 1,
  'example_password.docx': 'file_encrypted',
  'ja-issue.xlsx': 1,
  'pages_12.docx': 12,
  'plain.xls': 1,
  'sample.rtf': 2,
  'simple_table.ods': 2,
  'strict-format.docx': 1,
  'tables.docx': 1,
  'test11.doc': 1,
};

describe.skipIf(!present)('Office files to PDF with a real LibreOffice', () => {
  let dir: string;
  let temp: string;
  let converter: OfficeConverter;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kamifax-convert-test-'));
    temp = join(dir, 'temp');
    converter = new OfficeConverter({
      log,
      locale: 'ja-JP',
      profileRoot: join(dir, 'profiles'),
      workerScript,
      install,
      tempRoot: temp,
      timeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    await converter.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts a generated three-page .docx', { timeout: 180_000 }, async () => {
    const doc = new Document({
      sections: [
        {
          children: [1, 2, 3].flatMap((n) => [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun(`Page ${n} of the quote`)],
            }),
            ...(n < 3 ? [new Paragraph({ children: [new PageBreak()] })] : []),
          ]),
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const progress: number[] = [];
    const pdf = await converter.convert({ name: 'quote.docx', bytes }, undefined, (f) =>
      progress.push(f),
    );
    expect(await pages(pdf)).toBe(3);
    expect(progress.at(-1)).toBe(1);
    if (hasPdftotext) expect(text(dir, pdf)).toContain('Page 2 of the quote');
  });

  it('converts a generated .xlsx', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Prices');
    sheet.columns = [{ width: 30 }, { width: 12 }];
    sheet.addRow(['Item', 'Price']);
    sheet.addRow(['Toner cartridge', 4800]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const pdf = await converter.convert({ name: 'prices.xlsx', bytes });
    expect(await pages(pdf)).toBe(1);
    if (hasPdftotext) expect(text(dir, pdf)).toContain('Toner cartridge');
  });

  it.skipIf(!hasPdftotext)('keeps the text of a Japanese document', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [new TextRun({ text: '御見積書', font: 'Noto Sans CJK JP' })],
            }),
            new Paragraph({
              children: [
                new TextRun({
                  text: '東京都千代田区丸の内一丁目 株式会社カミファクス 御中',
                  font: 'Noto Serif CJK JP',
                }),
              ],
            }),
          ],
        },
      ],
    });
    const pdf = await converter.convert({
      name: '見積書.docx',
      bytes: new Uint8Array(await Packer.toBuffer(doc)),
    });
    const found = text(dir, pdf);
    expect(found).toContain('御見積書');
    expect(found).toContain('株式会社カミファクス');
  });

  it('lays plain text out on the locale paper (A4 in Japan)', async () => {
    const pdf = await converter.convert({
      name: 'note.txt',
      bytes: new TextEncoder().encode('Hello\nこんにちは\n'),
    });
    const page = (await PDFDocument.load(pdf)).getPage(0);
    expect(Math.round(page.getWidth())).toBe(595);
    expect(Math.round(page.getHeight())).toBe(842);
  });

  it.each(Object.entries(expected))('corpus %s → %s', async (name, want) => {
    const bytes = new Uint8Array(readFileSync(join(corpus, name)));
    if (typeof want === 'number')
      expect(await pages(await converter.convert({ name, bytes }))).toBe(want);
    else expect(await failure(converter.convert({ name, bytes }))).toBe(want);
  });

  it('refuses empty and unsupported files clearly', async () => {
    expect(await failure(converter.convert({ name: 'empty.docx', bytes: new Uint8Array() }))).toBe(
      'file_empty',
    );
    expect(await failure(converter.convert({ name: 'tool.exe', bytes: new Uint8Array([1]) }))).toBe(
      'file_type_unknown',
    );
  });

  it('survives LibreOffice being killed in the middle of a job', { timeout: 180_000 }, async () => {
    const warm = converter.warmInstance!;
    const before = warm.starts;
    const bytes = new Uint8Array(readFileSync(join(corpus, 'pages_12.docx')));
    const job = converter.convert({ name: 'pages_12.docx', bytes });
    const deadline = Date.now() + 30_000;
    while (!warm.busy && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    const killed = warm.pid!;
    process.kill(-killed, 'SIGKILL');
    expect(await pages(await job)).toBe(12);
    expect(warm.starts).toBe(before + 1);
    expect(warm.pid).not.toBe(killed);
    expect(
      await pages(
        await converter.convert({
          name: 'tables.docx',
          bytes: readFileSync(join(corpus, 'tables.docx')),
        }),
      ),
    ).toBe(1);
  });

  it(
    'stops a job that takes too long, and the next job still works',
    { timeout: 240_000 },
    async () => {
      await converter.warmInstance!.stop(); // the two would share one profile
      const impatient = new OfficeConverter({
        log,
        locale: 'en-US',
        profileRoot: join(dir, 'profiles'),
        workerScript,
        install,
        tempRoot: temp,
        timeoutMs: 1,
      });
      try {
        const bytes = new Uint8Array(readFileSync(join(corpus, 'pages_12.docx')));
        expect(await failure(impatient.convert({ name: 'pages_12.docx', bytes }))).toBe(
          'conversion_timeout',
        );
        expect(impatient.warmInstance!.pid).toBeUndefined();
      } finally {
        await impatient.dispose();
      }
      expect(
        await pages(
          await converter.convert({
            name: 'tables.docx',
            bytes: readFileSync(join(corpus, 'tables.docx')),
          }),
        ),
      ).toBe(1);
    },
  );

  it('converts cold with soffice --convert-to when asked to', { timeout: 180_000 }, async () => {
    await converter.warmInstance!.stop();
    const cold = new OfficeConverter({
      log,
      locale: 'en-US',
      profileRoot: join(dir, 'profiles'),
      workerScript,
      install,
      tempRoot: temp,
      warm: false,
    });
    const bytes = new Uint8Array(readFileSync(join(corpus, 'sample.rtf')));
    expect(await pages(await cold.convert({ name: 'sample.rtf', bytes }))).toBe(2);
  });

  it('leaves no temporary files and never touches the originals', () => {
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(corpus).filter((f) => f.startsWith('.~lock'))).toEqual([]);
  });
});
