/**
 * The fax-resolution slicer as first written (issue 11): one pixel at a time, four bytes read
 * and four written. Kept verbatim as the reference the word-wise `thresholdToOneBit` must match
 * pixel for pixel (test/unit/viewer/one-bit.test.ts, and `?mode=check` of the preview bench).
 */
export function thresholdToOneBitOriginal(pixels: Uint8ClampedArray, threshold = 128): number {
  let black = 0;
  for (let i = 0; i + 3 < pixels.length; i += 4) {
    const alpha = (pixels[i + 3] ?? 255) / 255;
    const luminance =
      0.299 * (pixels[i] ?? 255) + 0.587 * (pixels[i + 1] ?? 255) + 0.114 * (pixels[i + 2] ?? 255);
    const onPaper = luminance * alpha + 255 * (1 - alpha);
    const value = onPaper < threshold ? 0 : 255;
    if (value === 0) black += 1;
    pixels[i] = value;
    pixels[i + 1] = value;
    pixels[i + 2] = value;
    pixels[i + 3] = 255;
  }
  return black;
}
