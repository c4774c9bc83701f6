import { degrees, type PDFDocument } from 'pdf-lib';
import { fitOnPage, paperSizes, type Paper } from './page-layout';

/** What the file says about how to show a picture. */
export interface PictureInfo {
  dpiX: number;
  dpiY: number;
  /** Clockwise degrees to show it upright (EXIF Orientation). */
  clockwise: number;
}

const fallbackDpi = 96;
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

/** Reads a JPEG's JFIF density and EXIF orientation (without decoding the image). */
export function jpegInfo(bytes: Uint8Array): PictureInfo {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info: PictureInfo = { dpiX: fallbackDpi, dpiY: fallbackDpi, clockwise: 0 };
  let at = 2;
  while (at + 4 <= data.length && data[at] === 0xff) {
    const marker = data[at + 1]!;
    const length = data.readUInt16BE(at + 2);
    const body = at + 4;
    if (marker === 0xda || marker === 0xd9) break;
    if (marker === 0xe0 && data.toString('latin1', body, body + 5) === 'JFIF\0') {
      const units = data[body + 7];
      const x = data.readUInt16BE(body + 8);
      const y = data.readUInt16BE(body + 10);
      if (units === 1 && x > 1 && y > 1) Object.assign(info, { dpiX: x, dpiY: y });
      if (units === 2 && x > 1 && y > 1) Object.assign(info, { dpiX: x * 2.54, dpiY: y * 2.54 });
    }
    if (marker === 0xe1 && data.toString('latin1', body, body + 6) === 'Exif\0\0') {
      info.clockwise = exifClockwise(data.subarray(body + 6, at + 2 + length));
    }
    at += 2 + length;
  }
  return info;
}

function exifClockwise(tiff: Buffer): number {
  if (tiff.length < 8) return 0;
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 0;
  const count = u16(ifd);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    if (u16(entry) === 0x0112) return clockwiseOf[u16(entry + 8)] ?? 0;
  }
  return 0;
}

/** Reads a PNG's pHYs density. */
export function pngInfo(bytes: Uint8Array): PictureInfo {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info: PictureInfo = { dpiX: fallbackDpi, dpiY: fallbackDpi, clockwise: 0 };
  let at = 8;
  while (at + 8 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && length >= 9 && data[at + 16] === 1) {
      const x = data.readUInt32BE(at + 8) * 0.0254;
      const y = data.readUInt32BE(at + 12) * 0.0254;
      if (x > 1 && y > 1) Object.assign(info, { dpiX: x, dpiY: y });
    }
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  return info;
}

/**
 * Adds one page with a PNG or JPEG picture: at its own resolution, shown upright, turned to
 * portrait if it is wide, scaled down (never up) to fit the paper.
 */
export async function embedPicture(
  doc: PDFDocument,
  bytes: Uint8Array,
  paper: Paper,
): Promise<void> {
  const png = bytes[0] === 0x89;
  const image = png ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  const info = png ? pngInfo(bytes) : jpegInfo(bytes);
  const w = (image.width * 72) / info.dpiX;
  const h = (image.height * 72) / info.dpiY;
  const place = fitOnPage(paper, w, h, info.clockwise, 1);
  const { width, height } = paperSizes[paper];
  doc.addPage([width, height]).drawImage(image, {
    x: place.x,
    y: place.y,
    width: w * place.scale,
    height: h * place.scale,
    rotate: degrees(place.rotate),
  });
}
