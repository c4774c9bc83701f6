/**
 * Checks that bytes the renderer hands main as "page 1 rendered ahead" are a PNG or WebP image
 * of bounded size, by reading the format's own header (nothing is decoded). Anything else is
 * refused before it is stored.
 */

/** The largest encoded image stored (a fit-width fax page is ~50–400 kB). */
export const maxPageImageBytes = 8 * 1024 * 1024;
/** The largest image in pixels (the viewer's canvases are capped at 16 Mpx). */
export const maxPageImagePixels = 16 * 1024 * 1024;
/** The widest or tallest side accepted. */
const maxSide = 16_384;

/** What a valid image is. */
export interface PageImageInfo {
  type: 'image/png' | 'image/webp';
  width: number;
  height: number;
}

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } | null {
  // Signature, then the IHDR chunk first: length 13, "IHDR", width, height (big-endian).
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(png)) return null;
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function webpSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 30) return null;
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP')
    return null;
  if (bytes.readUInt32LE(4) + 8 !== bytes.length) return null;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    // Key frame start code 9d 01 2a, then 14-bit width and height.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return null;
    const bits = bytes.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return {
      width: bytes.readUIntLE(24, 3) + 1,
      height: bytes.readUIntLE(27, 3) + 1,
    };
  }
  return null;
}

/** The image's type and size, or null when it is not a PNG/WebP of bounded size. */
export function pageImageInfo(bytes: Uint8Array): PageImageInfo | null {
  if (bytes.length === 0 || bytes.length > maxPageImageBytes) return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pngDims = pngSize(buffer);
  const dims = pngDims ?? webpSize(buffer);
  if (!dims) return null;
  const { width, height } = dims;
  if (width < 1 || height < 1 || width > maxSide || height > maxSide) return null;
  if (width * height > maxPageImagePixels) return null;
  return { type: pngDims ? 'image/png' : 'image/webp', width, height };
}
