import { deflateSync } from 'node:zlib';
import { degrees, drawImage, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

/** A 1-bit image: rows packed MSB first, a set bit is black. */
export interface Bilevel {
  width: number;
  height: number;
  bits: Uint8Array;
}

/**
 * Thresholds RGBA pixels to black and white (luminance under `threshold` is black; transparent
 * is white), the way a fax machine's scanner would, so images travel at fax size.
 */
export function toBilevel(
  rgba: Uint8Array,
  width: number,
  height: number,
  threshold = 160,
): Bilevel {
  const stride = Math.ceil(width / 8);
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3]! / 255;
      const luma =
        (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!) * alpha +
        255 * (1 - alpha);
      if (luma < threshold) bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bits };
}

/** Embeds a 1-bit image as a Flate-compressed image XObject (a few tens of kB a page). */
export function embedBilevel(doc: PDFDocument, image: Bilevel): PDFRef {
  const stream = doc.context.stream(deflateSync(image.bits, { level: 6 }), {
    Type: 'XObject',
    Filter: 'FlateDecode',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    // A set bit is black.
    Decode: [1, 0],
  });
  return doc.context.register(stream);
}

/** Draws an embedded image XObject at `width`×`height` points, rotated counter-clockwise about (x, y). */
export function drawXObject(
  page: PDFPage,
  ref: PDFRef,
  options: { x: number; y: number; width: number; height: number; rotate: number },
): void {
  const name = page.node.newXObject('Fax', ref);
  page.pushOperators(
    ...drawImage(name, {
      x: options.x,
      y: options.y,
      width: options.width,
      height: options.height,
      rotate: degrees(options.rotate),
      xSkew: degrees(0),
      ySkew: degrees(0),
    }),
  );
}
