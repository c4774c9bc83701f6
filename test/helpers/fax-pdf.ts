import { deflateSync } from 'node:zlib';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  StandardFonts,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';

/** A plain A4 document of `pages` pages, each saying "<label> page n" (a printed or picked PDF). */
export async function textPdf(pages: number, label = 'Document'): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number += 1)
    document
      .addPage([a4.width, a4.height])
      .drawText(`${label} page ${number}`, { x: 72, y: 760, size: 18, font });
  return document.save();
}

/** A4 in PDF points. */
export const a4 = { width: 595.28, height: 841.89 };

/** Fax image sizes: 1728 dots wide; fine mode 196 lines/inch, standard 98 (half the lines). */
export const faxImage = {
  fine: { width: 1728, height: 2292 },
  standard: { width: 1728, height: 1143 },
} as const;

/** A deterministic pseudo-random sequence, so fixtures are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/**
 * A 1-bit fax-like bitmap (0 = black, like a DeviceGray 1-bit image): a heavy frame, a block
 * page number, and lines of "words" of varying length, so pages differ and compress as faxes do.
 */
export function faxBitmap(width: number, height: number, pageNumber: number): Uint8Array {
  const stride = width / 8;
  const bits = new Uint8Array(stride * height).fill(0xff);
  const black = (x0: number, y0: number, w: number, h: number) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y += 1)
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x += 1) {
        const index = y * stride + (x >> 3);
        bits[index] = (bits[index] ?? 0) & ~(0x80 >> (x & 7));
      }
  };
  const unit = Math.round(height / 200);
  black(40, 40, width - 80, unit * 2);
  black(40, height - 40 - unit * 2, width - 80, unit * 2);
  // The page number as bars: one tall bar per digit value, so it is visible at thumbnail size.
  String(pageNumber)
    .split('')
    .forEach((digit, place) => black(80 + place * 160, 80, 30 + Number(digit) * 10, unit * 10));
  const next = random(pageNumber * 7919);
  for (let line = 0; line < 40; line += 1) {
    let x = 100;
    const y = Math.round(height * 0.2 + line * unit * 3.5);
    while (x < width - 200) {
      const word = Math.round(20 + next() * 120);
      black(x, y, word, unit * 2);
      x += word + Math.round(15 + next() * 25);
    }
  }
  return bits;
}

/**
 * A PDF of fax pages: each page an A4 MediaBox with one 1-bit Flate image stretched over it,
 * as fax servers write them. Standard resolution has half the image lines on the same page.
 */
export async function faxPdf(
  pageCount: number,
  image: { width: number; height: number } = faxImage.fine,
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (let number = 1; number <= pageCount; number += 1) {
    const stream = document.context.stream(
      deflateSync(faxBitmap(image.width, image.height, number)),
      {
        Type: 'XObject',
        Subtype: 'Image',
        Width: image.width,
        Height: image.height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 1,
        Filter: 'FlateDecode',
      },
    );
    const page = document.addPage([a4.width, a4.height]);
    const name = page.node.newXObject('Fax', document.context.register(stream));
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(a4.width, 0, 0, a4.height, 0, 0),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return document.save({ useObjectStreams: false });
}

/**
 * A PDF that claims Standard encryption with a user password: pdf.js cannot open it with an
 * empty password and asks for one (PasswordException), as with a real protected fax.
 */
export async function passwordPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage([a4.width, a4.height]).drawText('secret', { x: 72, y: 720, size: 24 });
  const filler = (byte: number) => PDFHexString.of(byte.toString(16).padStart(2, '0').repeat(32));
  const encrypt = document.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    Length: 40,
    P: PDFNumber.of(-4),
    O: filler(0x4f),
    U: filler(0x55),
  });
  document.context.trailerInfo.Encrypt = document.context.register(encrypt);
  document.context.trailerInfo.ID = document.context.obj([filler(0x12), filler(0x12)]);
  return document.save({ useObjectStreams: false });
}

/**
 * A single page whose drawing takes seconds (hundreds of thousands of tiny filled shapes with
 * clipping), to trip the per-page render watchdog without any trickery in the viewer.
 */
export async function heavyPdf(shapes = 400_000): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([a4.width, a4.height]);
  const next = random(42);
  const parts: string[] = [];
  for (let i = 0; i < shapes; i += 1) {
    const x = (next() * a4.width).toFixed(1);
    const y = (next() * a4.height).toFixed(1);
    parts.push(`${(next() * 0.9).toFixed(2)} g ${x} ${y} 3 3 re f`);
  }
  const content = document.context.stream(deflateSync(Buffer.from(parts.join('\n'))), {
    Filter: 'FlateDecode',
  });
  page.node.set(PDFName.of('Contents'), document.context.register(content));
  return document.save({ useObjectStreams: false });
}
