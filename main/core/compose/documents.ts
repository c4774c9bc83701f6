import { degrees, EncryptedPDFError, PDFDocument } from 'pdf-lib';
import type { DraftDocument, FileProblem } from '../../../preload/send-contract';
import { embedBilevel, drawXObject } from './bilevel';
import type { FontSource } from './fonts';
import { embedPicture } from './pictures';
import { fitOnPage, paperSizes, type Paper } from './page-layout';
import { decodeText, typesetText } from './text-document';
import { decodeTiff } from './tiff';

/** The service's limits (service/pdf/inspect.ts): 20 MB and 200 pages a fax. */
export const faxLimits = { bytes: 20 * 1024 * 1024, pages: 200 } as const;

/** A file as the user (or the printer, or Open with) gave it. */
export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

/** Turns an Office file into PDF (the converter of issue 12, injected when it exists). */
export type ConvertOffice = (
  file: IncomingFile,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
) => Promise<Uint8Array>;

/** A document ready to merge: its normalised PDF (every page portrait on the fax paper). */
export type Normalised =
  | { ok: true; kind: DraftDocument['kind']; pdf: Uint8Array; pages: number }
  | { ok: false; code: FileProblem; message: string };

/** What normalising needs. */
export interface NormaliseOptions {
  paper: Paper;
  fonts: FontSource;
  convertOffice?: ConvertOffice;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const officeExtensions = /\.(docx?|xlsx?|pptx?|odt|ods|odp|rtf|docm|xlsm|pptm)$/i;
const textExtensions = /\.(txt|text|csv|tsv|log|md)$/i;

/** What a file is, from its first bytes (the name only breaks ties). */
export function sniff(file: IncomingFile): DraftDocument['kind'] | 'unknown' {
  const head = Buffer.from(file.bytes.subarray(0, 1024));
  const ascii = head.toString('latin1');
  if (ascii.includes('%PDF-')) return 'pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
  const ole = head
    .subarray(0, 8)
    .equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const zip = ascii.startsWith('PK\u0003\u0004');
  if (ascii.startsWith('{\\rtf')) return 'office';
  if ((ole || zip) && officeExtensions.test(file.name)) return 'office';
  if (zip && /\[Content_Types\]\.xml|mimetypeapplication\/vnd\.oasis/.test(ascii)) return 'office';
  if (ole || zip) return 'unknown';
  if (textExtensions.test(file.name) || decodeText(file.bytes.subarray(0, 4096)) !== null)
    return 'text';
  return 'unknown';
}

const refuse = (code: FileProblem, message: string): Normalised => ({ ok: false, code, message });

/**
 * Checks one file and turns it into a fax-ready PDF: PDF pages scaled onto the paper and
 * turned portrait, images fitted at their resolution, TIFF pages one per frame in 1-bit,
 * text typeset in a Japanese-capable font, Office files through the converter. Anything it
 * cannot use is refused with a specific code; it never throws for bad input.
 */
export async function normaliseDocument(
  file: IncomingFile,
  options: NormaliseOptions,
): Promise<Normalised> {
  if (file.bytes.length === 0) return refuse('file_empty', `${file.name} is empty`);
  if (file.bytes.length > faxLimits.bytes)
    return refuse('file_over_limit', `${file.name} is over 20 MB`);
  const kind = sniff(file);
  try {
    switch (kind) {
      case 'pdf':
        return await fromPdf(file.bytes, options.paper, 'pdf');
      case 'image':
        return await fromPicture(file.bytes, options.paper);
      case 'tiff':
        return await fromTiff(file.bytes, options.paper);
      case 'text': {
        const text = decodeText(file.bytes);
        if (text === null) return refuse('file_type_unknown', `${file.name} is not text`);
        if (text.trim() === '') return refuse('file_empty', `${file.name} has no text`);
        return await fromPdf(
          await typesetText(text, options.paper, options.fonts),
          options.paper,
          'text',
        );
      }
      case 'office': {
        if (!options.convertOffice)
          return refuse('file_office_pending', 'Office files need the document converter');
        const pdf = await options.convertOffice(
          file,
          options.signal ?? new AbortController().signal,
          options.onProgress ?? (() => undefined),
        );
        const converted = await fromPdf(pdf, options.paper, 'office');
        return converted.ok ? converted : refuse('file_conversion_failed', converted.message);
      }
      default:
        return refuse('file_type_unknown', `${file.name} is not a PDF, image or text file`);
    }
  } catch (error: unknown) {
    if (error instanceof EncryptedPDFError || /is encrypted/.test(String(error)))
      return refuse('file_encrypted', `${file.name} is protected with a password`);
    if (kind === 'office') return refuse('file_conversion_failed', String(error).slice(0, 300));
    return refuse('file_damaged', `${file.name} could not be read: ${String(error).slice(0, 200)}`);
  }
}

/**
 * A normalised document on another paper (its recipients' country chose Letter where it was
 * normalised on A4, or the other way): the pages are fitted again, still as vector content.
 */
export async function refitOnPaper(pdf: Uint8Array, paper: Paper): Promise<Uint8Array> {
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const first = source.getPages()[0];
  const { width, height } = paperSizes[paper];
  if (!first) return pdf;
  const size = first.getSize();
  if (Math.abs(size.width - width) < 1 && Math.abs(size.height - height) < 1) return pdf;
  const refitted = await fromPdf(pdf, paper, 'pdf');
  return refitted.ok ? refitted.pdf : pdf;
}

/** Copies each page onto a portrait page of the paper, scaled to fit (vector content stays vector). */
async function fromPdf(
  bytes: Uint8Array,
  paper: Paper,
  kind: DraftDocument['kind'],
): Promise<Normalised> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const count = source.getPageCount();
  if (count === 0) return refuse('file_empty', 'The PDF has no pages');
  if (count > faxLimits.pages) return refuse('file_too_many_pages', `The PDF has ${count} pages`);
  const out = await PDFDocument.create({ updateMetadata: false });
  const { width, height } = paperSizes[paper];
  const pages = source.getPages();
  // A page without a content stream is blank; a file of only blank pages is empty.
  if (pages.every((page) => !page.node.Contents()))
    return refuse('file_empty', 'Every page is blank');
  for (const page of pages) {
    const box = page.getCropBox();
    if (!(box.width > 0 && box.height > 0)) throw new Error('A page has no size');
    if (!page.node.Contents()) {
      out.addPage([width, height]);
      continue;
    }
    const embedded = await out.embedPage(page, {
      left: box.x,
      bottom: box.y,
      right: box.x + box.width,
      top: box.y + box.height,
    });
    const place = fitOnPage(paper, box.width, box.height, page.getRotation().angle);
    out.addPage([width, height]).drawPage(embedded, {
      x: place.x,
      y: place.y,
      xScale: place.scale,
      yScale: place.scale,
      rotate: degrees(place.rotate),
    });
  }
  const pdf = await out.save();
  return { ok: true, kind, pdf, pages: count };
}

async function fromPicture(bytes: Uint8Array, paper: Paper): Promise<Normalised> {
  const out = await PDFDocument.create({ updateMetadata: false });
  await embedPicture(out, bytes, paper);
  return { ok: true, kind: 'image', pdf: await out.save(), pages: 1 };
}

async function fromTiff(bytes: Uint8Array, paper: Paper): Promise<Normalised> {
  const frames = decodeTiff(bytes);
  if (frames.length === 0) return refuse('file_empty', 'The TIFF has no pages');
  if (frames.length > faxLimits.pages)
    return refuse('file_too_many_pages', `The TIFF has ${frames.length} pages`);
  const out = await PDFDocument.create({ updateMetadata: false });
  const { width, height } = paperSizes[paper];
  for (const frame of frames) {
    const w = (frame.image.width * 72) / frame.dpiX;
    const h = (frame.image.height * 72) / frame.dpiY;
    const place = fitOnPage(paper, w, h, frame.clockwise, 1);
    const ref = embedBilevel(out, frame.image);
    drawXObject(out.addPage([width, height]), ref, {
      x: place.x,
      y: place.y,
      width: w * place.scale,
      height: h * place.scale,
      rotate: place.rotate,
    });
  }
  return { ok: true, kind: 'tiff', pdf: await out.save(), pages: frames.length };
}
