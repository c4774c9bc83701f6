import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseDocument, sniff } from '../../../main/core/compose/documents';
import { FontSource } from '../../../main/core/compose/fonts';
import { mergeFax } from '../../../main/core/compose/merge';
import { paperSizes } from '../../../main/core/compose/page-layout';
import { findExecutable, systemComponent } from '../../helpers/system';

const corpus = join(process.cwd(), '..', 'shared', 'corpus');
const fonts = new FontSource();
const options = { paper: 'a4' as const, fonts };
const work = mkdtempSync(join(tmpdir(), 'kamifax-compose-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What each corpus file must become: a page count, or a refusal code. */
const expected: Record<string, number | string> = {
  'pdf-broken/Pages-tree-refs.pdf': 'file_damaged',
  'pdf-broken/bug1020226.pdf': 'file_damaged',
  'pdf-broken/bug1980958.pdf': 'file_empty',
  'pdf-broken/issue15590.pdf': 'file_damaged',
  'pdf-broken/poppler-85140-0.pdf': 'file_empty',
  'pdf-broken/poppler-91414-0-53.pdf': 1,
  'pdf-broken/qpdf-bad2-no-startxref.pdf': 1,
  'pdf-broken/qpdf-enc-R6-AES256-U-view-O-master.pdf': 'file_encrypted',
  'pdf-fax/bitmap-mmr.pdf': 1,
  'pdf-fax/ccitt_EndOfBlock_false.pdf': 1,
  'pdf-fax/images_1bit_grayscale.pdf': 1,
  'pdf-fax/issue20439.pdf': 1,
  'pdf-fax/issue5747.pdf': 1,
  'pdf-fax/jbig2_symbol_offset.pdf': 1,
  'pdf-fax/scan-bad.pdf': 1,
  'pdf-misc/attachment.pdf': 1,
  'pdf-misc/issue14497.pdf': 1,
  'pdf-misc/noembed-sjis.pdf': 1,
  'pdf-misc/page_with_number.pdf': 17,
  'pdf-misc/prefilled_f1040.pdf': 2,
  'pdf-misc/rotation.pdf': 2,
  'pdf-misc/sizes.pdf': 3,
  'pdf-misc/standard_fonts.pdf': 14,
  'images/g4-multi.tiff': 3,
  'images/g4_orientation_6.tif': 1,
  'images/hopper.png': 1,
  'images/hopper_orientation_6.jpg': 1,
  'images/libtiff_segfault.tif': 'file_damaged',
  'images/miniswhite-1c-1b.tiff': 1,
  'images/pport_g4.tif': 1,
  'images/total-pages-zero.tif': 3,
};

const read = (path: string) => ({
  name: path.split('/').pop()!,
  bytes: readFileSync(join(corpus, path)),
});

async function pagesOf(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => page.getSize());
}

describe('every PDF and image of the corpus through the merge', () => {
  it('lists every file of the corpus folders here', () => {
    const files = ['pdf-broken', 'pdf-fax', 'pdf-misc', 'images'].flatMap((dir) =>
      readdirSync(join(corpus, dir))
        .filter((name) => !name.startsWith('.'))
        .map((name) => `${dir}/${name}`),
    );
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [path, want] of Object.entries(expected)) {
    it(`${path} → ${want}`, async () => {
      const result = await normaliseDocument(read(path), options);
      if (typeof want === 'string') {
        expect(result.ok ? `${result.pages} pages` : result.code).toBe(want);
        return;
      }
      if (!result.ok) throw new Error(`${path} refused: ${result.code} ${result.message}`);
      expect(result.pages).toBe(want);
      const sizes = await pagesOf(result.pdf);
      expect(sizes).toHaveLength(want);
      for (const size of sizes) {
        expect(size.width).toBeCloseTo(paperSizes.a4.width, 1);
        expect(size.height).toBeCloseTo(paperSizes.a4.height, 1);
      }
    });
  }
});

describe('refusals', () => {
  it('refuses empty, unknown, oversized and Office files with their own codes', async () => {
    const codeOf = async (name: string, bytes: Uint8Array) => {
      const result = await normaliseDocument({ name, bytes }, options);
      return result.ok ? 'accepted' : result.code;
    };
    expect(await codeOf('empty.pdf', new Uint8Array())).toBe('file_empty');
    expect(await codeOf('x.bin', Uint8Array.from([0, 1, 2, 3, 0, 0, 0, 9, 200, 201]))).toBe(
      'file_type_unknown',
    );
    expect(await codeOf('big.pdf', new Uint8Array(21 * 1024 * 1024))).toBe('file_over_limit');
    expect(await codeOf('report.docx', readFileSync(join(corpus, 'office/tables.docx')))).toBe(
      'file_office_pending',
    );
    expect(await codeOf('blank.txt', new TextEncoder().encode('  \n '))).toBe('file_empty');
  });

  it('refuses a PDF over 200 pages', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 201; i += 1) doc.addPage([100, 100]);
    const result = await normaliseDocument({ name: 'long.pdf', bytes: await doc.save() }, options);
    expect(result.ok ? 'accepted' : result.code).toBe('file_too_many_pages');
  });

  it('hands Office files to the converter once it is wired', async () => {
    const converted = await PDFDocument.create();
    converted.addPage([595, 842]).drawText('converted');
    const bytes = await converted.save();
    const result = await normaliseDocument(
      { name: 'x.docx', bytes: readFileSync(join(corpus, 'office/tables.docx')) },
      { ...options, convertOffice: async () => bytes },
    );
    expect(result.ok && result.kind).toBe('office');
  });
});

describe('normalising', () => {
  it('turns landscape pages portrait and uses Letter when asked', async () => {
    const result = await normaliseDocument(read('pdf-misc/sizes.pdf'), { paper: 'letter', fonts });
    if (!result.ok) throw new Error(result.code);
    for (const size of await pagesOf(result.pdf)) expect(size).toEqual({ width: 612, height: 792 });
  });

  it('reads text as UTF-8 and as Shift_JIS', { timeout: 20_000 }, async () => {
    const sjis = Buffer.from('82b182f182c982bf82cd0d0a8b4c8e968c8f', 'hex'); // こんにちは\r\n記事件
    expect(sniff({ name: 'memo', bytes: sjis })).toBe('text');
    const result = await normaliseDocument({ name: 'memo.txt', bytes: sjis }, options);
    if (!result.ok) throw new Error(result.code);
    const utf8 = await normaliseDocument(
      { name: 'long.txt', bytes: new TextEncoder().encode('line\n'.repeat(120)) },
      options,
    );
    expect(utf8.ok && utf8.pages).toBe(3);
    if (!hasPdftotext) return;
    const file = join(work, 'sjis.pdf');
    writeFileSync(file, result.pdf);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('こんにちは');
  });
});

const pdftotext = findExecutable('pdftotext');
const hasPdftotext = systemComponent(
  'pdftotext',
  pdftotext !== null,
  'apt-get install poppler-utils',
);
const gs = findExecutable('gs');

describe.skipIf(!systemComponent('ghostscript', gs !== null, 'apt-get install ghostscript'))(
  'multi-page CCITT TIFF',
  () => {
    it('gives one page per frame (a 4-page G4 TIFF from ghostscript)', async () => {
      const source = await PDFDocument.create();
      for (let i = 0; i < 4; i += 1)
        source.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 700, size: 40 });
      writeFileSync(join(work, 'four.pdf'), await source.save());
      const tiff = join(work, 'four.tiff');
      execFileSync(gs!, [
        '-q',
        '-dNOPAUSE',
        '-dBATCH',
        '-sDEVICE=tiffg4',
        '-r204x196',
        `-sOutputFile=${tiff}`,
        join(work, 'four.pdf'),
      ]);
      const result = await normaliseDocument(
        { name: 'four.tiff', bytes: readFileSync(tiff) },
        options,
      );
      if (!result.ok) throw new Error(result.code);
      expect(result.kind).toBe('tiff');
      expect(result.pages).toBe(4);
      if (!hasPdftotext) return;
      expect(result.pdf.length).toBeLessThan(200_000);
    });
  },
);

describe('merge and cover page', () => {
  it('puts a Japanese cover page first, small, and its text comes out right', async () => {
    const doc = await normaliseDocument(read('pdf-misc/rotation.pdf'), options);
    if (!doc.ok) throw new Error(doc.code);
    const cover = {
      template: 'classic' as const,
      from: '山田 太郎',
      to: '田中 花子 様',
      company: '株式会社カミファクス',
      message: '見積書を送付いたします。',
    };
    const merged = await mergeFax({
      cover,
      facts: { subject: '見積書の送付', date: new Date(2026, 10, 30), language: 'ja' },
      documents: [doc],
      paper: 'a4',
      fonts,
    });
    expect(merged.pages).toBe(3);
    const alone = await mergeFax({
      cover,
      facts: { subject: '見積書の送付', date: new Date(2026, 10, 30), language: 'ja' },
      documents: [],
      paper: 'a4',
      fonts,
    });
    expect(alone.pdf.length).toBeLessThan(300_000);
    if (!hasPdftotext) return;
    const file = join(work, 'cover.pdf');
    writeFileSync(file, merged.pdf);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    for (const words of [
      'FAX 送付状',
      '田中 花子 様',
      '株式会社カミファクス',
      '山田 太郎',
      '見積書の送付',
      '本紙を含め 3 枚',
      '2026年11月30日',
      '見積書を送付いたします。',
    ])
      expect(text).toContain(words);
  });

  it('refuses a fax over 200 pages', async () => {
    const doc = { pdf: new Uint8Array(), pages: 150 };
    await expect(
      mergeFax({
        cover: { template: 'none', from: '', to: '', company: '', message: '' },
        facts: { subject: '', date: new Date(), language: 'en' },
        documents: [doc, doc],
        paper: 'a4',
        fonts,
      }),
    ).rejects.toMatchObject({ code: 'fax_too_many_pages' });
  });
});
