import { describe, expect, it } from 'vitest';
import {
  faxPixelSize,
  thresholdToOneBit,
  thresholdToOneBitByPixel,
} from '../../../renderer/src/viewer/fax-resolution';
import { thresholdToOneBitOriginal } from '../../helpers/one-bit-reference';

/** A deterministic pseudo-random source, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state >> 8;
  };
}

/**
 * A page as pdf.js draws it at fine fax resolution (A4, 1687×2292 RGBA): white paper, lines of
 * anti-aliased text (greys on both sides of the middle), a noisy grey-scale photo, coloured
 * marks, a stamp drawn half transparent, and a strip never painted (transparent).
 */
function renderedPage(): Uint8ClampedArray {
  const { width, height } = faxPixelSize({ width: 595.28, height: 841.89 }, 'fine');
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
  const next = random(42);
  const put = (x: number, y: number, rgba: readonly number[]) =>
    pixels.set(rgba, (y * width + x) * 4);
  for (let line = 0; line < 40; line += 1)
    for (let y = 150 + line * 45; y < 170 + line * 45; y += 1)
      for (let x = 150; x < 1500; x += 1) {
        const ink = next() % 4 === 0 ? 0 : next() % 256;
        if (next() % 3 === 0) put(x, y, [ink, ink, ink, 255]);
      }
  for (let y = 1200; y < 1800; y += 1)
    for (let x = 200; x < 1000; x += 1) {
      const grey = Math.min(255, Math.max(0, ((x - 200) * 255) / 800 + (next() % 64) - 32));
      put(x, y, [grey, grey, grey, 255]);
    }
  for (let y = 1900; y < 2000; y += 1)
    for (let x = 1100; x < 1600; x += 1) put(x, y, [next() % 256, next() % 256, next() % 256, 255]);
  for (let y = 300; y < 500; y += 1)
    for (let x = 1200; x < 1500; x += 1) put(x, y, [200, 0, 0, next() % 256]);
  for (let y = 2200; y < height; y += 1) for (let x = 0; x < width; x += 1) put(x, y, [0, 0, 0, 0]);
  return pixels;
}

/** Every grey level under every opacity, and every colour channel alone. */
function everyGreyAndAlpha(): Uint8ClampedArray {
  const pixels: number[] = [];
  for (let grey = 0; grey < 256; grey += 1)
    for (let alpha = 0; alpha < 256; alpha += 1) pixels.push(grey, grey, grey, alpha);
  for (let value = 0; value < 256; value += 1)
    pixels.push(value, 0, 0, 255, 0, value, 0, 255, 0, 0, value, 255);
  return new Uint8ClampedArray(pixels);
}

/** Slices a copy with each slicer; both the pixels and the black-dot counts must agree. */
function compare(source: Uint8ClampedArray, threshold?: number) {
  const original = new Uint8ClampedArray(source);
  const words = new Uint8ClampedArray(source);
  const bytes = new Uint8ClampedArray(source);
  const counts = {
    original: thresholdToOneBitOriginal(original, threshold),
    words: thresholdToOneBit(words, threshold),
    bytes: thresholdToOneBitByPixel(bytes, threshold),
  };
  let differing = 0;
  for (let i = 0; i < original.length; i += 1)
    if (original[i] !== words[i] || original[i] !== bytes[i]) differing += 1;
  return { counts, differing };
}

describe('the word-wise 1-bit slicer', () => {
  it('gives the same pixels and black-dot count as the original per-pixel loop on a page', () => {
    const { counts, differing } = compare(renderedPage());
    expect(differing).toBe(0);
    expect(counts.words).toBe(counts.original);
    expect(counts.bytes).toBe(counts.original);
    // The page has ink of every kind: the comparison is not of two blank pages.
    expect(counts.original).toBeGreaterThan(100_000);
  });

  it('agrees on every grey under every opacity and on each colour channel, at any threshold', () => {
    for (const threshold of [1, 100, 128, 200, 255]) {
      const { counts, differing } = compare(everyGreyAndAlpha(), threshold);
      expect(differing).toBe(0);
      expect(counts.words).toBe(counts.original);
    }
  });

  it('slices a view that does not start on a word boundary, and leaves bytes past the last pixel', () => {
    const buffer = new Uint8ClampedArray(1 + 8 + 2);
    buffer.set([0, 0, 0, 255, 250, 250, 250, 255], 1);
    buffer.set([7, 9], 9);
    const view = new Uint8ClampedArray(buffer.buffer, 1, 10);
    expect(thresholdToOneBit(view)).toBe(1);
    expect([...buffer]).toEqual([0, 0, 0, 0, 255, 255, 255, 255, 255, 7, 9]);
  });
});
