import UTIF from 'utif2';
import { toBilevel, type Bilevel } from './bilevel';

/** One page of a TIFF, ready to embed. */
export interface TiffFrame {
  image: Bilevel;
  /** Horizontal and vertical resolution in dots per inch (fax standard is 204×98). */
  dpiX: number;
  dpiY: number;
  /** Clockwise degrees to show it upright (the TIFF Orientation tag). */
  clockwise: number;
}

const clockwiseOf: Record<number, number> = {
  1: 0,
  2: 0,
  3: 180,
  4: 180,
  5: 90,
  6: 90,
  7: 270,
  8: 270,
};

function tagNumber(ifd: UTIF.IFD, tag: number): number | null {
  const value = ifd[`t${tag}`];
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return null;
}

/** A RATIONAL tag: utif2 gives `[[numerator, denominator]]`. */
function rational(ifd: UTIF.IFD, tag: number): number | null {
  const value = ifd[`t${tag}`] as unknown;
  if (!Array.isArray(value)) return null;
  const first = value[0] as unknown;
  if (Array.isArray(first) && typeof first[0] === 'number' && typeof first[1] === 'number')
    return first[1] === 0 ? null : first[0] / first[1];
  return typeof first === 'number' ? first : null;
}

function dpi(ifd: UTIF.IFD, tag: number): number {
  const value = rational(ifd, tag);
  const unit = tagNumber(ifd, 296) ?? 2;
  if (!value || !Number.isFinite(value) || value <= 1) return 200;
  return unit === 3 ? value * 2.54 : value;
}

/**
 * Decodes every page of a TIFF (CCITT G3/G4 from fax machines and scanners, LZW, packbits,
 * colour) with utif2 into 1-bit images; thumbnails and other sub-files are skipped.
 * Throws when the file cannot be decoded.
 */
export function decodeTiff(bytes: Uint8Array): TiffFrame[] {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const ifds = UTIF.decode(buffer);
  const frames: TiffFrame[] = [];
  for (const ifd of ifds) {
    // NewSubfileType bit 0: a reduced-resolution copy (a thumbnail), not a page.
    if (((tagNumber(ifd, 254) ?? 0) & 1) === 1) continue;
    UTIF.decodeImage(buffer, ifd);
    const { width, height } = ifd;
    if (!width || !height || !ifd.data) throw new Error('TIFF page without an image');
    const bitsPerSample = tagNumber(ifd, 258) ?? 1;
    const photometric = tagNumber(ifd, 262) ?? 0;
    const stride = Math.ceil(width / 8);
    let image: Bilevel;
    if (
      bitsPerSample === 1 &&
      (photometric === 0 || photometric === 1) &&
      ifd.data.length >= stride * height
    ) {
      // Already 1-bit: WhiteIsZero (0) has black as a set bit; BlackIsZero (1) is inverted.
      const bits = ifd.data.slice(0, stride * height);
      if (photometric === 1) for (let i = 0; i < bits.length; i += 1) bits[i] = ~bits[i]! & 0xff;
      image = { width, height, bits };
    } else {
      image = toBilevel(UTIF.toRGBA8(ifd), width, height);
    }
    frames.push({
      image,
      dpiX: dpi(ifd, 282),
      dpiY: dpi(ifd, 283),
      clockwise: clockwiseOf[tagNumber(ifd, 274) ?? 1] ?? 0,
    });
  }
  return frames;
}
