import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { PDFDocument } from 'pdf-lib';
import type * as FontkitModule from 'fontkit';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => Readable;
}
interface Font {
  createSubset(): Subset;
}

let loaded: typeof FontkitModule | null = null;

/**
 * fontkit, loaded at its first font rather than with the app: its module set-up (Unicode
 * tables inflated at import) cost ~0.3 s of a loaded machine's start, for a cover page or a
 * text document made later, if ever.
 */
function fontkit(): typeof FontkitModule {
  const load = createRequire(import.meta.url);
  loaded ??= load('fontkit') as typeof FontkitModule;
  return loaded;
}

/**
 * pdf-lib with upstream fontkit 2 instead of `@pdf-lib/fontkit`, whose TrueType subsets drop
 * glyphs (short `loca` offsets; Hopding/pdf-lib#1232, fixed upstream in fontkit 1.8). pdf-lib
 * still asks subsets for the old `encodeStream()`, which this adds on top of `encode()`.
 */
export const subsettingFontkit: Fontkit = {
  create(buffer: Uint8Array) {
    const font = fontkit().create(buffer) as Font;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => Readable.from([subset.encode()]);
      return subset;
    };
    return font as never;
  },
} as Fontkit;
