import { describe, expect, it } from 'vitest';
import {
  faxPixelSize,
  faxRenderScale,
  roundedMinutes,
  secondsOnLine,
  sentPagesBudget,
  thresholdToOneBit,
} from '../../../renderer/src/viewer/fax-resolution';

const a4 = { width: 595.28, height: 841.89 };
const letter = { width: 612, height: 792 };

describe('faxPixelSize', () => {
  it('gives an A4 page the dots a fax machine prints: 1728-ish across, 196 or 98 lines an inch', () => {
    // 210 mm = 8.27 in × 204 = 1687 dots; 297 mm = 11.69 in × 196 = 2292 lines (fine), 1146 (standard).
    expect(faxPixelSize(a4, 'fine')).toEqual({ width: 1687, height: 2292 });
    expect(faxPixelSize(a4, 'standard')).toEqual({ width: 1687, height: 1146 });
  });

  it('gives Letter 8.5 in × 204 = 1734 dots and 11 in × 196 = 2156 lines', () => {
    expect(faxPixelSize(letter, 'fine')).toEqual({ width: 1734, height: 2156 });
    expect(faxPixelSize(letter, 'standard')).toEqual({ width: 1734, height: 1078 });
  });

  it('never gives an empty raster', () => {
    expect(faxPixelSize({ width: 0, height: 0 }, 'fine')).toEqual({ width: 1, height: 1 });
  });

  it('agrees with the render scale: viewport × squash lands on the same grid', () => {
    for (const resolution of ['fine', 'standard'] as const) {
      const { scale, vertical } = faxRenderScale(resolution);
      expect(Math.round(a4.width * scale)).toBe(faxPixelSize(a4, resolution).width);
      expect(Math.round(a4.height * scale * vertical)).toBe(faxPixelSize(a4, resolution).height);
    }
    expect(faxRenderScale('standard').vertical).toBe(98 / 204);
  });
});

function pixels(...rgba: number[][]): Uint8ClampedArray {
  return new Uint8ClampedArray(rgba.flat());
}

describe('thresholdToOneBit', () => {
  it('turns every pixel pure black or pure white and counts the black ones', () => {
    const data = pixels(
      [0, 0, 0, 255],
      [255, 255, 255, 255],
      [100, 100, 100, 255],
      [200, 200, 200, 255],
    );
    expect(thresholdToOneBit(data)).toBe(2);
    expect([...data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('weighs colours by luminance: saturated blue prints black, yellow prints white', () => {
    const data = pixels([0, 0, 255, 255], [255, 255, 0, 255], [255, 0, 0, 255]);
    thresholdToOneBit(data);
    expect(data[0]).toBe(0); // blue: 29
    expect(data[4]).toBe(255); // yellow: 226
    expect(data[8]).toBe(0); // red: 76
  });

  it('keeps transparent areas white (paper), and faint ink white too', () => {
    const data = pixels([0, 0, 0, 0], [0, 0, 0, 40], [0, 0, 0, 200]);
    expect(thresholdToOneBit(data)).toBe(1);
    expect([data[0], data[4], data[8]]).toEqual([255, 255, 0]);
    expect(data[3]).toBe(255);
  });

  it('moves with the threshold', () => {
    const grey = () => pixels([150, 150, 150, 255]);
    const light = grey();
    const dark = grey();
    thresholdToOneBit(light, 128);
    thresholdToOneBit(dark, 160);
    expect(light[0]).toBe(255);
    expect(dark[0]).toBe(0);
  });
});

describe('time on the line and the plan', () => {
  it('takes about 14 s a fine page after the handshake, half that in standard', () => {
    expect(secondsOnLine(0, 'fine')).toBe(0);
    expect(secondsOnLine(1, 'fine')).toBeCloseTo(15 + 13.89, 1);
    expect(secondsOnLine(12, 'standard')).toBeCloseTo(15 + (12 * 12_500 * 8) / 14_400, 6);
    // The design's example: 12 pages is about 3 minutes.
    expect(roundedMinutes(secondsOnLine(12, 'fine'))).toBe(3);
    expect(roundedMinutes(20)).toBe(1);
  });

  it('tells what a send uses of the sent pages, warns near the limit and refuses past it', () => {
    expect(sentPagesBudget(12, { used: 2, limit: 50 })).toEqual({
      remaining: 48,
      after: 36,
      over: false,
      near: false,
    });
    expect(sentPagesBudget(30, { used: 12, limit: 50 })).toMatchObject({ near: true, over: false });
    expect(sentPagesBudget(12, { used: 40, limit: 50 })).toMatchObject({
      remaining: 10,
      after: -2,
      over: true,
    });
    expect(sentPagesBudget(10, { used: 40, limit: 50 })).toMatchObject({ over: false, near: true });
    expect(sentPagesBudget(500, { used: 0, limit: null })).toEqual({
      remaining: null,
      after: null,
      over: false,
      near: false,
    });
  });
});
