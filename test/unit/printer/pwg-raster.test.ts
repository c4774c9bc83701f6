import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { senseFormat, toPdf } from '../../../main/core/printer/print-documents';
import { decodePwgRaster, RasterError } from '../../../main/core/printer/pwg-raster';

/** A PWG Raster stream with one sGray page of `width`×`height` at 300 dpi and the given line data. */
function raster(width: number, height: number, lines: number[]): Uint8Array {
  const header = new DataView(new ArrayBuffer(1796));
  header.setUint32(276, 300);
  header.setUint32(280, 300);
  header.setUint32(372, width);
  header.setUint32(376, height);
  header.setUint32(384, 8);
  header.setUint32(388, 8);
  header.setUint32(392, width);
  header.setUint32(400, 18);
  return new Uint8Array([...Buffer.from('RaS2'), ...new Uint8Array(header.buffer), ...lines]);
}

describe('PWG Raster (PWG 5102.4)', () => {
  it('decodes line repeats, pixel runs, literals and the fill-to-white code', () => {
    // Line 1 twice (repeat 1): 4 pixels of 0x00 then a literal 0x11 0x22 0x33 0x44.
    // Line 3 once: 0x80, the rest of the line white.
    const pages = decodePwgRaster(
      raster(8, 3, [1, 3, 0x00, 0xfd, 0x11, 0x22, 0x33, 0x44, 0, 0x80]),
    );
    expect(pages).toHaveLength(1);
    const px = [...pages[0]!.pixels];
    expect(px.slice(0, 8)).toEqual([0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44]);
    expect(px.slice(8, 16)).toEqual(px.slice(0, 8));
    expect(px.slice(16)).toEqual(Array(8).fill(0xff));
  });

  it('refuses truncated and overlong data instead of reading past the end', () => {
    expect(() => decodePwgRaster(raster(8, 2, [0, 7]))).toThrow(RasterError);
    expect(() => decodePwgRaster(raster(8, 1, [0, 20, 0]))).toThrow(RasterError);
    expect(() => decodePwgRaster(new Uint8Array([0x52, 0x61, 0x53, 0x32, 1, 2]))).toThrow(
      RasterError,
    );
  });

  it('becomes a PDF page of the raster size (300 dots at 300 dpi = 72 pt)', async () => {
    const { pdf, pages } = await toPdf('image/pwg-raster', raster(300, 2, [1, 0x80]), 'a4');
    expect(pages).toBe(1);
    const page = (await PDFDocument.load(pdf)).getPage(0);
    expect(Math.round(page.getWidth())).toBe(72);
  });

  it('senses formats from their first bytes', () => {
    expect(senseFormat(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(senseFormat(Buffer.from('RaS2'))).toBe('image/pwg-raster');
    expect(senseFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(senseFormat(Buffer.from('%!PS'))).toBeNull();
  });
});
