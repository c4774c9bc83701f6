import { describe, expect, it } from 'vitest';
import {
  clampZoom,
  cssPixelsPerPoint,
  currentPageIndex,
  layoutColumn,
  normaliseRotation,
  outputScale,
  pageGap,
  pageIndexAt,
  parsePageInput,
  resolveZoom,
  rotatedSize,
  scrollTopForPage,
  stepZoom,
  visibleRange,
} from '../../../renderer/src/viewer/layout';

const a4 = { width: 595.28, height: 841.89 };
const letterLandscape = { width: 792, height: 612 };

describe('zoom', () => {
  it('clamps to 25–400 % and survives nonsense', () => {
    expect(clampZoom(0.1)).toBe(0.25);
    expect(clampZoom(9)).toBe(4);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(clampZoom(1.5)).toBe(1.5);
  });

  it('steps through round figures both ways and stops at the ends', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(1.03, 1)).toBe(1.1);
    expect(stepZoom(1.03, -1)).toBe(1);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(0.25, -1)).toBe(0.25);
  });

  it('fits the widest page to the pane width, gaps included', () => {
    const pane = { width: 800 + 2 * pageGap, height: 600 };
    const zoom = resolveZoom({ kind: 'fitWidth' }, pane, a4, a4);
    expect(zoom * a4.width * cssPixelsPerPoint).toBeCloseTo(800, 6);
  });

  it('fits a whole page: the tighter of width and height', () => {
    const pane = { width: 2000, height: 600 + 2 * pageGap };
    const zoom = resolveZoom({ kind: 'fitPage' }, pane, a4, a4);
    expect(zoom * a4.height * cssPixelsPerPoint).toBeCloseTo(600, 6);
  });

  it('keeps a custom zoom as chosen, clamped', () => {
    expect(resolveZoom({ kind: 'custom', zoom: 7 }, { width: 1, height: 1 }, a4, a4)).toBe(4);
  });
});

describe('rotation geometry', () => {
  it('normalises any quarter turn', () => {
    expect([0, 90, 180, 270, 360, -90, 450, -450].map(normaliseRotation)).toEqual([
      0, 90, 180, 270, 0, 270, 90, 270,
    ]);
  });

  it('swaps width and height on a quarter turn only', () => {
    expect(rotatedSize(a4, 90)).toEqual({ width: a4.height, height: a4.width });
    expect(rotatedSize(a4, 180)).toEqual(a4);
  });
});

describe('the page column', () => {
  const sizes = [a4, a4, letterLandscape, a4];
  const layout = layoutColumn(sizes, 1);

  it('stacks pages with gaps and sizes each from its own viewport', () => {
    expect(layout.tops[0]).toBe(pageGap);
    expect(layout.heights[0]).toBe(Math.round(a4.height * cssPixelsPerPoint));
    expect(layout.widths[2]).toBe(Math.round(letterLandscape.width * cssPixelsPerPoint));
    expect(layout.tops[1]).toBe(pageGap * 2 + layout.heights[0]!);
    expect(layout.height).toBe(layout.tops[3]! + layout.heights[3]! + pageGap);
    expect(layout.width).toBe(Math.max(...layout.widths));
  });

  it('finds the page at a height by binary search', () => {
    expect(pageIndexAt(layout, 0)).toBe(0);
    expect(pageIndexAt(layout, layout.tops[2]!)).toBe(2);
    expect(pageIndexAt(layout, layout.tops[2]! - 1)).toBe(1);
    expect(pageIndexAt(layout, 1e9)).toBe(3);
    expect(pageIndexAt(layoutColumn([], 1), 10)).toBe(0);
  });

  it('renders only the visible pages plus a margin', () => {
    const many = layoutColumn(
      Array.from({ length: 300 }, () => a4),
      1,
    );
    const top = many.tops[150]!;
    expect(visibleRange(many, top, 500, 1)).toEqual({ first: 149, last: 151 });
    expect(visibleRange(many, top, 500, 0)).toEqual({ first: 150, last: 150 });
    expect(visibleRange(many, 0, 500, 1)).toEqual({ first: 0, last: 1 });
    expect(visibleRange(many, many.height, 500, 1)).toEqual({ first: 298, last: 299 });
    expect(visibleRange(layoutColumn([], 1), 0, 500)).toEqual({ first: 0, last: -1 });
  });

  it('counts the page skipped over by a gap as not visible', () => {
    const many = layoutColumn(
      Array.from({ length: 10 }, () => a4),
      1,
    );
    const inGap = many.tops[3]! - pageGap / 2;
    expect(visibleRange(many, inGap, 100, 0)).toEqual({ first: 3, last: 3 });
  });

  it('knows the current page, and the last one at the very end', () => {
    const many = layoutColumn(
      Array.from({ length: 10 }, () => a4),
      1,
    );
    expect(currentPageIndex(many, scrollTopForPage(many, 4), 800)).toBe(4);
    expect(currentPageIndex(many, many.height - 800, 800)).toBe(9);
  });

  it('scrolls a page to the top of the pane, within bounds', () => {
    expect(scrollTopForPage(layout, 0)).toBe(0);
    expect(scrollTopForPage(layout, 2)).toBe(layout.tops[2]! - pageGap);
    expect(scrollTopForPage(layout, 99)).toBe(layout.tops[3]! - pageGap);
  });
});

describe('canvas resolution', () => {
  it('uses the screen ratio, capped at 2', () => {
    expect(outputScale(1, 800, 1100)).toBe(1);
    expect(outputScale(1.5, 800, 1100)).toBe(1.5);
    expect(outputScale(3, 800, 1100)).toBe(2);
    expect(outputScale(0.5, 800, 1100)).toBe(1);
    expect(outputScale(Number.NaN, 800, 1100)).toBe(1);
  });

  it('lowers the ratio so a huge page never makes a canvas over the pixel budget', () => {
    const ratio = outputScale(2, 4000, 5600, 16_777_216);
    expect(4000 * 5600 * ratio * ratio).toBeLessThanOrEqual(16_777_216 + 1);
  });
});

describe('the page box', () => {
  it('accepts only a page of this document', () => {
    expect(parsePageInput(' 150 ', 200)).toBe(150);
    expect(parsePageInput('0', 200)).toBeNull();
    expect(parsePageInput('201', 200)).toBeNull();
    expect(parsePageInput('1e2', 200)).toBeNull();
    expect(parsePageInput('', 200)).toBeNull();
    expect(parsePageInput('-3', 200)).toBeNull();
  });
});
