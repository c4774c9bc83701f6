import { subsettingFontkit } from './subsetting-fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import type { FontSource } from './fonts';
import { paperSizes, type Paper } from './page-layout';

/**
 * Reads a text file: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Shift_JIS, which
 * Japanese offices still produce. Null when it is neither (then it is not a text file).
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      // NULs and most control characters mean a binary file that happened to decode.
      // eslint-disable-next-line no-control-regex
      const controls = text.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g)?.length ?? 0;
      if (controls > Math.max(2, text.length / 1000)) return null;
      return text.replace(/^\uFEFF/, '');
    } catch {
      // not this encoding
    }
  }
  return null;
}

/** Splits a paragraph into lines that fit `width`: at spaces for words, anywhere in CJK text. */
export function wrapLine(
  text: string,
  font: PDFFont,
  size: number,
  width: number,
  widths: Map<string, number> = new Map(),
): string[] {
  // Measuring runs the font's shaper; a character's width is measured once.
  const measure = (char: string) => {
    let known = widths.get(char);
    if (known === undefined) {
      known = font.widthOfTextAtSize(char, size);
      widths.set(char, known);
    }
    return known;
  };
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  let lastSpace = -1;
  for (const char of text) {
    const charWidth = measure(char);
    if (lineWidth + charWidth > width && line !== '') {
      if (lastSpace > 0 && char !== ' ') {
        const head = line.slice(0, lastSpace);
        const tail = line.slice(lastSpace + 1);
        lines.push(head);
        line = tail;
        lineWidth = [...line].reduce((sum, c) => sum + measure(c), 0);
      } else {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      lastSpace = -1;
      if (char === ' ' && line === '') continue;
    }
    if (char === ' ') lastSpace = line.length;
    line += char;
    lineWidth += charWidth;
  }
  lines.push(line);
  return lines;
}

/** Replaces characters the font has no glyph for, so the text still typesets. */
function printable(text: string, set: ReadonlySet<number>): string {
  let out = '';
  for (const char of text) out += set.has(char.codePointAt(0)!) ? char : '?';
  return out;
}

/**
 * Typesets plain text on the fax paper in Noto Sans JP (11 pt, 20 mm margins); a form feed
 * starts a new page. Returns the PDF.
 */
export async function typesetText(
  text: string,
  paper: Paper,
  fonts: FontSource,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(subsettingFontkit);
  const font = await doc.embedFont(await fonts.bytes('regular'), { subset: true });
  const size = 11;
  const leading = size * 1.5;
  const margin = 56.7;
  const { width, height } = paperSizes[paper];
  const lineWidth = width - 2 * margin;
  const glyphs = new Set(font.getCharacterSet());
  const widths = new Map<string, number>();
  const pages = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\f');
  for (const pageText of pages) {
    let page = doc.addPage([width, height]);
    let y = height - margin - size;
    for (const paragraph of pageText.split('\n')) {
      for (const line of wrapLine(printable(paragraph, glyphs), font, size, lineWidth, widths)) {
        if (y < margin) {
          page = doc.addPage([width, height]);
          y = height - margin - size;
        }
        if (line !== '') page.drawText(line, { x: margin, y, size, font, color: rgb(0, 0, 0) });
        y -= leading;
      }
    }
  }
  return doc.save();
}
