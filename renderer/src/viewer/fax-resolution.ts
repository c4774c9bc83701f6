/**
 * Fax-resolution arithmetic, with no DOM: how many dots a page has at the far end, how a
 * rendered page becomes the 1-bit image a fax machine prints, and how long pages take on the
 * line. Unit-tested; `render-page.ts` and the Compose preview use it.
 */

/** The two resolutions of a Group 3 fax: fine (204×196 dpi) and standard (204×98 dpi). */
export type FaxResolution = 'fine' | 'standard';

/** Horizontal dots per inch of every Group 3 fax (1728 dots across a 215 mm line). */
export const faxHorizontalDpi = 204;

/** Vertical lines per inch of each resolution. */
export const faxVerticalDpi: Readonly<Record<FaxResolution, number>> = {
  fine: 196,
  standard: 98,
};

/** PDF points per inch. */
const pointsPerInch = 72;

/** The dot grid of a page of `width`×`height` points at a fax resolution. */
export function faxPixelSize(
  size: { width: number; height: number },
  resolution: FaxResolution,
): { width: number; height: number } {
  return {
    width: Math.max(1, Math.round((size.width / pointsPerInch) * faxHorizontalDpi)),
    height: Math.max(1, Math.round((size.height / pointsPerInch) * faxVerticalDpi[resolution])),
  };
}

/**
 * The scales pdf.js must draw a page at so one canvas pixel is one fax dot: `scale` for the
 * viewport (horizontal dots per point), `vertical` for the extra squash of the y axis
 * (1 would be square dots; standard resolution has dots twice as tall as they are wide).
 */
export function faxRenderScale(resolution: FaxResolution): { scale: number; vertical: number } {
  return {
    scale: faxHorizontalDpi / pointsPerInch,
    vertical: faxVerticalDpi[resolution] / faxHorizontalDpi,
  };
}

/** The grey level below which a dot prints black (the middle, like a fax machine's slicer). */
export const defaultThreshold = 128;

/** True where a Uint32 over RGBA bytes reads them as 0xAABBGGRR (every platform we ship on). */
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Opaque white and opaque black as little-endian RGBA words. */
const whiteWord = 0xffffffff;
const blackWord = 0xff000000;

/**
 * Whether one RGBA pixel prints black: its luminance (ITU-R BT.601 weights, composited on
 * white paper so transparent areas stay white) below `threshold`. The one formula both paths
 * below use, so they agree on every pixel.
 */
function printsBlack(r: number, g: number, b: number, a: number, threshold: number): boolean {
  const alpha = a / 255;
  const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
  return luminance * alpha + 255 * (1 - alpha) < threshold;
}

/**
 * Turns RGBA pixels into black or white in place, the way a fax machine's slicer does:
 * each pixel's luminance (ITU-R BT.601 weights, composited on white paper so transparent
 * areas stay white) against `threshold`. Returns the number of black dots, which the
 * preview uses to say that a page would print blank.
 *
 * Reads and writes whole 32-bit pixels: a rendered page is mostly opaque white (and opaque
 * black), which need no arithmetic and no write, and a run of one colour is decided once.
 */
export function thresholdToOneBit(pixels: Uint8ClampedArray, threshold = defaultThreshold): number {
  if (!littleEndian || pixels.byteOffset % 4 !== 0 || pixels.length % 4 !== 0)
    return thresholdToOneBitByPixel(pixels, threshold);
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  let black = 0;
  let lastWord = whiteWord;
  let lastBlack = printsBlack(255, 255, 255, 255, threshold);
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (word !== lastWord) {
      lastWord = word;
      lastBlack = printsBlack(
        word & 0xff,
        (word >>> 8) & 0xff,
        (word >>> 16) & 0xff,
        word >>> 24,
        threshold,
      );
    }
    if (lastBlack) {
      black += 1;
      if (word !== blackWord) words[i] = blackWord;
    } else if (word !== whiteWord) words[i] = whiteWord;
  }
  return black;
}

/**
 * The same slicer one byte at a time: the fallback where pixels are not 4-byte aligned
 * little-endian words, and the reference the word-wise path is tested against.
 */
export function thresholdToOneBitByPixel(
  pixels: Uint8ClampedArray,
  threshold = defaultThreshold,
): number {
  let black = 0;
  for (let i = 0; i + 3 < pixels.length; i += 4) {
    const dark = printsBlack(
      pixels[i] ?? 255,
      pixels[i + 1] ?? 255,
      pixels[i + 2] ?? 255,
      pixels[i + 3] ?? 255,
      threshold,
    );
    const value = dark ? 0 : 255;
    if (dark) black += 1;
    pixels[i] = value;
    pixels[i + 1] = value;
    pixels[i + 2] = value;
    pixels[i + 3] = 255;
  }
  return black;
}

/**
 * Bytes of a typical page on the wire (a compressed text page), the same model as the
 * service's demo line: fine sends twice the lines of standard.
 */
export const bytesPerPageOnLine: Readonly<Record<FaxResolution, number>> = {
  fine: 25_000,
  standard: 12_500,
};

/** A V.17 modem's line rate. */
export const lineBitsPerSecond = 14_400;

/** Dialling, ringing and the modems' handshake, before the first page. */
export const callSetupSeconds = 15;

/** Estimated seconds a fax of `pages` pages takes on the line. */
export function secondsOnLine(pages: number, resolution: FaxResolution): number {
  if (pages <= 0) return 0;
  const perPage = (bytesPerPageOnLine[resolution] * 8) / lineBitsPerSecond;
  return callSetupSeconds + pages * perPage;
}

/** Whole minutes for "about n min", at least 1 (a fax never takes "about 0 minutes"). */
export function roundedMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

/**
 * What a send of `pages` does to the plan's sent pages: how many remain before and after,
 * and whether it would cross the limit (the service then refuses it) or come close (80 %).
 * `limit` null means the plan has no limit.
 */
export function sentPagesBudget(
  pages: number,
  usage: { used: number; limit: number | null },
): { remaining: number | null; after: number | null; over: boolean; near: boolean } {
  if (usage.limit === null) return { remaining: null, after: null, over: false, near: false };
  const remaining = Math.max(0, usage.limit - usage.used);
  const after = remaining - pages;
  return {
    remaining,
    after,
    over: after < 0,
    near: after >= 0 && usage.used + pages >= usage.limit * 0.8,
  };
}
