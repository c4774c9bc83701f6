import { describe, expect, it } from 'vitest';
import {
  aheadMatches,
  aheadZoom,
  canvasPixels,
  pageAheadKey,
  parsePageAheadKey,
  type PageAheadShape,
} from '../../../renderer/src/viewer/page-ahead';

const a4 = { width: 595.28, height: 841.89 };

/** An image as `renderPageOneAhead` would make it for this pane (the bitmap only by its size). */
function rendered(paneWidth: number, ratio: number, page = a4, ownRotation = 0): PageAheadShape {
  const pixels = canvasPixels(page, aheadZoom(paneWidth, page), ratio);
  return {
    key: pageAheadKey(paneWidth, ratio),
    meta: {
      paneWidth,
      devicePixelRatio: ratio,
      pageWidth: page.width,
      pageHeight: page.height,
      ownRotation,
      pageCount: 3,
    },
    bitmap: pixels,
  };
}

const now = (paneWidth: number, ratio: number, page = a4, rotation = 0) => ({
  paneWidth,
  devicePixelRatio: ratio,
  zoom: aheadZoom(paneWidth, page),
  shown: page,
  rotation,
});

describe('page 1 rendered ahead', () => {
  it('keys by drawing version, pane width and pixel ratio', () => {
    expect(pageAheadKey(812, 1.25)).toBe('v1:w812:d1.25');
    expect(parsePageAheadKey('v1:w812:d1.25')).toEqual({ paneWidth: 812, devicePixelRatio: 1.25 });
    expect(parsePageAheadKey('v0:w812:d1')).toBeNull();
    expect(parsePageAheadKey('v1:w812')).toBeNull();
  });

  it('matches exactly what the viewer would draw now, and nothing else', () => {
    const image = rendered(812, 1);
    expect(aheadMatches(image, now(812, 1))).toBe(true);
    // Another pane width, pixel ratio, zoom or turn: stale, never shown.
    expect(aheadMatches(image, now(811, 1))).toBe(false);
    expect(aheadMatches(image, now(812, 2))).toBe(false);
    expect(aheadMatches(image, { ...now(812, 1), zoom: 1 })).toBe(false);
    expect(aheadMatches(image, { ...now(812, 1), rotation: 90 })).toBe(false);
    // Another page shape at the same width (the pixels would differ).
    const letter = { width: 612, height: 792 };
    expect(aheadMatches(image, { ...now(812, 1, letter), zoom: aheadZoom(812, a4) })).toBe(false);
    // A page with its own /Rotate: the image was drawn turned, and is shown turned.
    const turned = rendered(812, 1, { width: a4.height, height: a4.width }, 90);
    expect(aheadMatches(turned, now(812, 1, { width: a4.height, height: a4.width }, 90))).toBe(
      true,
    );
  });
});
