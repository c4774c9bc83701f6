import { deflateSync } from 'node:zlib';
import type * as PdfLib from 'pdf-lib';
import type { PDFDocument } from 'pdf-lib';
import { decodePwgRaster, isPwgRaster, type RasterPage } from './pwg-raster';

/** Document formats the printer accepts (IPP `document-format-supported`). */
export const printFormats = [
  'application/pdf',
  'image/pwg-raster',
  'image/jpeg',
  'application/octet-stream',
] as const;

/** A received document that is not what its format says, or is damaged. */
export class PrintDocumentError extends Error {}

/** A print job's document as one PDF, with its page count. */
export interface PrintedPdf {
  pdf: Uint8Array;
  pages: number;
}

const A4: [number, number] = [595.28, 841.89];
const LETTER: [number, number] = [612, 792];

/** Which format the bytes are, for `application/octet-stream` (auto-sense) and for checking. */
export function senseFormat(
  bytes: Uint8Array,
): 'application/pdf' | 'image/pwg-raster' | 'image/jpeg' | null {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-')
    return 'application/pdf';
  if (isPwgRaster(bytes)) return 'image/pwg-raster';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  return null;
}

/**
 * Turns a print job's document into a PDF: a PDF is checked and kept as it is; PWG Raster
 * pages become one image per page at their own size; a JPEG is fitted on the locale paper.
 */
export async function toPdf(
  format: string,
  bytes: Uint8Array,
  paper: 'a4' | 'letter',
): Promise<PrintedPdf> {
  const sensed = senseFormat(bytes);
  if (!sensed || (format !== 'application/octet-stream' && format !== sensed))
    throw new PrintDocumentError(`the document is not ${format}`);
  try {
    // pdf-lib loads at the first job, not with the app (the printer listens from start-up).
    const pdfLib = await import('pdf-lib');
    const { PDFDocument } = pdfLib;
    if (sensed === 'application/pdf') {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      return { pdf: bytes, pages: doc.getPageCount() };
    }
    const doc = await PDFDocument.create();
    if (sensed === 'image/jpeg') {
      const image = await doc.embedJpg(bytes);
      const [w, h] = paper === 'letter' ? LETTER : A4;
      const scale = Math.min(w / image.width, h / image.height, 1);
      const page = doc.addPage([w, h]);
      const dw = image.width * scale;
      const dh = image.height * scale;
      page.drawImage(image, { x: (w - dw) / 2, y: h - dh, width: dw, height: dh });
    } else for (const raster of decodePwgRaster(bytes)) addRasterPage(pdfLib, doc, raster);
    return { pdf: await doc.save(), pages: doc.getPageCount() };
  } catch (error) {
    if (error instanceof PrintDocumentError) throw error;
    throw new PrintDocumentError(error instanceof Error ? error.message : String(error));
  }
}

function addRasterPage(
  { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState }: typeof PdfLib,
  doc: PDFDocument,
  raster: RasterPage,
): void {
  const width = (raster.width * 72) / raster.xDpi;
  const height = (raster.height * 72) / raster.yDpi;
  const page = doc.addPage([width, height]);
  const image = doc.context.stream(deflateSync(raster.pixels), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: raster.width,
    Height: raster.height,
    ColorSpace: raster.colorSpace === 'rgb' ? 'DeviceRGB' : 'DeviceGray',
    BitsPerComponent: raster.bitsPerPixel === 1 ? 1 : 8,
    Filter: 'FlateDecode',
    // PWG "black" has 1 for ink; PDF's DeviceGray has 1 for white.
    ...(raster.colorSpace === 'black' ? { Decode: [1, 0] } : {}),
  });
  const name = page.node.newXObject('Raster', doc.context.register(image));
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}
