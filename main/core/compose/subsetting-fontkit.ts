import { Readable } from 'node:stream';
import { create } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => Readable;
}
interface Font {
  createSubset(): Subset;
}

/**
 * pdf-lib with upstream fontkit 2 instead of `@pdf-lib/fontkit`, whose TrueType subsets drop
 * glyphs (short `loca` offsets; Hopding/pdf-lib#1232, fixed upstream in fontkit 1.8). pdf-lib
 * still asks subsets for the old `encodeStream()`, which this adds on top of `encode()`.
 */
export const subsettingFontkit: Fontkit = {
  create(buffer: Uint8Array) {
    const font = create(buffer) as Font;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => Readable.from([subset.encode()]);
      return subset;
    };
    return font as never;
  },
} as Fontkit;
