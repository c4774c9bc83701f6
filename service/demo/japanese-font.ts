import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { create } from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/** Noto Sans JP (SIL OFL) from its npm package: Latin and Japanese glyphs in one TrueType file. */
const fontPath = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/**
 * Upstream fontkit 2 for pdf-lib: `@pdf-lib/fontkit`'s TrueType subsets drop glyphs (short
 * `loca` offsets), and pdf-lib still asks subsets for the old `encodeStream()`.
 */
const fontkit = {
  create(buffer: Uint8Array) {
    const font = create(buffer) as { createSubset(): { encode(): Uint8Array } };
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as { encode(): Uint8Array; encodeStream?: () => Readable };
      subset.encodeStream = () => Readable.from([subset.encode()]);
      return subset;
    };
    return font as never;
  },
} as Fontkit;

/** Whether a standard PDF font (WinAnsi) can draw the text; Japanese and most scripts cannot. */
export function needsUnicodeFont(text: string): boolean {
  return /[^\u0020-\u007e\u00a0-\u00ff]/.test(text);
}

/** Embeds Noto Sans JP into a document, subset to the glyphs it draws. */
export async function embedJapaneseFont(pdf: PDFDocument): Promise<PDFFont> {
  pdf.registerFontkit(fontkit);
  const bytes = await readFile(createRequire(import.meta.url).resolve(fontPath));
  return pdf.embedFont(bytes, { subset: true });
}
