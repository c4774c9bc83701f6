import { deflateSync } from 'node:zlib';
import {
  PDFDocument,
  StandardFonts,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from 'pdf-lib';

/**
 * A realistic office fax of about 300 kB: two A4 pages, each with a heading, a letter's worth of
 * text and a scanned grey-scale picture (a smooth photo-like gradient with sensor noise, which
 * compresses about as badly as a real scan). Deterministic, so runs compare.
 */
export async function realisticPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let state = 12345;
  const noise = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state >> 16) & 0x3f;
  };
  for (let n = 1; n <= 2; n += 1) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`Quotation No. 2026-${100 + n}`, { x: 56, y: 780, size: 20, font: bold });
    for (let line = 0; line < 28; line += 1) {
      page.drawText(
        `${line + 1}. Item ${n}-${line}: office supplies, delivered to the second floor, ${(line * 137) % 900} JPY each.`,
        { x: 56, y: 740 - line * 14, size: 9.5, font, color: rgb(0.1, 0.1, 0.1) },
      );
    }
    const width = 460;
    const height = 350;
    const pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y += 1)
      for (let x = 0; x < width; x += 1)
        pixels[y * width + x] = Math.min(255, 64 + ((x * 3 + y * 2 + n * 40) % 160) + noise());
    const image = pdf.context.stream(deflateSync(pixels), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    });
    const name = page.node.newXObject('Scan', pdf.context.register(image));
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(420, 0, 0, 320, 88, 56),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return pdf.save();
}
