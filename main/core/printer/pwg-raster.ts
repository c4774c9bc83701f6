/**
 * A small decoder of PWG Raster (PWG 5102.4, "image/pwg-raster"), the format IPP Everywhere
 * clients may send instead of PDF. No maintained npm package decodes it, so this follows the
 * published layout: the "RaS2" sync word, then per page a 1796-byte big-endian header and the
 * page's lines, each as a line-repeat byte and PackBits-like runs of whole pixels.
 */

/** One decoded page: raw pixels, top line first, `bitsPerPixel` 1 (black), 8 (gray) or 24 (RGB). */
export interface RasterPage {
  width: number;
  height: number;
  /** Dots per inch, horizontal and vertical. */
  xDpi: number;
  yDpi: number;
  colorSpace: 'black' | 'gray' | 'rgb';
  bitsPerPixel: 1 | 8 | 24;
  bytesPerLine: number;
  pixels: Uint8Array;
}

/** A malformed or unsupported raster stream. */
export class RasterError extends Error {}

const HEADER_BYTES = 1796;
const MAX_PIXELS = 600 * 600 * 17 * 14; // a 17×14 in page at 600 dpi; anything bigger is refused

// cups_cspace_t values PWG Raster allows that we turn into a PDF image.
const COLOR_SPACES: Record<number, RasterPage['colorSpace']> = {
  3: 'black',
  18: 'gray',
  19: 'rgb',
  20: 'rgb',
};

/** True when the bytes start like a PWG Raster stream. */
export function isPwgRaster(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x52 &&
    bytes[1] === 0x61 &&
    bytes[2] === 0x53 &&
    bytes[3] === 0x32
  );
}

/** Decodes every page; throws RasterError on anything malformed (never reads past the end). */
export function decodePwgRaster(bytes: Uint8Array): RasterPage[] {
  if (!isPwgRaster(bytes)) throw new RasterError('not PWG Raster (no RaS2 sync word)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: RasterPage[] = [];
  let offset = 4;
  while (offset < bytes.length) {
    if (offset + HEADER_BYTES > bytes.length) throw new RasterError('truncated page header');
    const u32 = (at: number) => view.getUint32(offset + at, false);
    const width = u32(372);
    const height = u32(376);
    const bitsPerColor = u32(384);
    const bitsPerPixel = u32(388);
    const bytesPerLine = u32(392);
    const colorOrder = u32(396);
    const spaceCode = u32(400);
    const colorSpace = COLOR_SPACES[spaceCode];
    const xDpi = u32(276);
    const yDpi = u32(280);
    offset += HEADER_BYTES;
    if (!colorSpace) throw new RasterError(`colour space ${spaceCode} is not supported`);
    if (colorOrder !== 0) throw new RasterError('only chunky pixels are supported');
    if (width === 0 || height === 0 || width * height > MAX_PIXELS)
      throw new RasterError('page size out of range');
    if (!xDpi || !yDpi) throw new RasterError('no resolution');
    const expected = colorSpace === 'black' ? [1, 1] : colorSpace === 'gray' ? [8, 8] : [8, 24];
    if (bitsPerColor !== expected[0] || bitsPerPixel !== expected[1])
      throw new RasterError(`${bitsPerPixel} bits per pixel is not supported for ${colorSpace}`);
    if (bytesPerLine !== Math.ceil((width * bitsPerPixel) / 8))
      throw new RasterError('bytes per line do not match');
    const unit = Math.max(1, bitsPerPixel / 8);
    const white = colorSpace === 'black' ? 0x00 : 0xff;
    const pixels = new Uint8Array(bytesPerLine * height);
    let line = 0;
    while (line < height) {
      if (offset >= bytes.length) throw new RasterError('truncated page data');
      const repeat = bytes[offset++]! + 1;
      const start = line * bytesPerLine;
      let x = 0;
      while (x < bytesPerLine) {
        if (offset >= bytes.length) throw new RasterError('truncated line');
        const control = bytes[offset++]!;
        if (control === 0x80) {
          pixels.fill(white, start + x, start + bytesPerLine);
          x = bytesPerLine;
        } else if (control < 0x80) {
          const count = (control + 1) * unit;
          if (x + count > bytesPerLine || offset + unit > bytes.length)
            throw new RasterError('run past the line');
          for (let i = 0; i < count; i += unit)
            pixels.set(bytes.subarray(offset, offset + unit), start + x + i);
          offset += unit;
          x += count;
        } else {
          const count = (257 - control) * unit;
          if (x + count > bytesPerLine || offset + count > bytes.length)
            throw new RasterError('literal past the line');
          pixels.set(bytes.subarray(offset, offset + count), start + x);
          offset += count;
          x += count;
        }
      }
      for (let r = 1; r < repeat && line + r < height; r++)
        pixels.copyWithin(start + r * bytesPerLine, start, start + bytesPerLine);
      line += repeat;
    }
    pages.push({
      width,
      height,
      xDpi,
      yDpi,
      colorSpace,
      bitsPerPixel: bitsPerPixel as RasterPage['bitsPerPixel'],
      bytesPerLine,
      pixels,
    });
  }
  if (pages.length === 0) throw new RasterError('no pages');
  return pages;
}
