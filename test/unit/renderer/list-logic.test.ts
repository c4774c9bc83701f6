import { describe, expect, it } from 'vitest';
import {
  scrollToReveal,
  visibleRange,
  windowsFor,
  windowsToLoad,
} from '../../../renderer/src/inbox/virtual-range';
import { countryOf, formatFaxNumber, formatWhen } from '../../../renderer/src/inbox/format';
import { daysLeft } from '../../../renderer/src/account/trial';

describe('virtual list ranges', () => {
  it('renders the visible rows plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 560, 56, 100_000)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(56 * 50_000, 560, 56, 100_000)).toEqual({ start: 49_992, end: 50_018 });
    expect(visibleRange(56 * 99_995, 560, 56, 100_000)).toEqual({ start: 99_987, end: 100_000 });
    expect(visibleRange(-30, 560, 56, 3)).toEqual({ start: 0, end: 3 });
  });

  it('fetches aligned windows covering a range', () => {
    expect(windowsFor({ start: 95, end: 210 }, 100)).toEqual([0, 100, 200]);
    expect(windowsFor({ start: 0, end: 1 }, 100)).toEqual([0]);
  });

  it('completes a first window that holds a screenful only when the range needs more', () => {
    const held = (rows: Record<number, number>) => (offset: number) => rows[offset];
    // Nothing loaded: the windows of the range.
    expect(windowsToLoad({ start: 0, end: 22 }, held({}), null, 100)).toEqual([0]);
    // A screenful of 24 covers rows 0–21: nothing more to fetch.
    expect(windowsToLoad({ start: 0, end: 22 }, held({ 0: 24 }), 5000, 100)).toEqual([]);
    // Scrolled past row 23: the rest of window 0.
    expect(windowsToLoad({ start: 10, end: 40 }, held({ 0: 24 }), 5000, 100)).toEqual([0]);
    // A window short because the list ends there is complete.
    expect(windowsToLoad({ start: 0, end: 30 }, held({ 0: 12 }), 12, 100)).toEqual([]);
    expect(windowsToLoad({ start: 90, end: 130 }, held({ 0: 100 }), 5000, 100)).toEqual([100]);
    // A refresh fetches every window of the range again.
    expect(
      windowsToLoad({ start: 90, end: 130 }, held({ 0: 100, 100: 100 }), 5000, 100, true),
    ).toEqual([0, 100]);
  });

  it('scrolls only as far as needed to reveal a row', () => {
    expect(scrollToReveal(5, 0, 560, 56)).toBeNull();
    expect(scrollToReveal(20, 0, 560, 56)).toBe(21 * 56 - 560);
    expect(scrollToReveal(2, 500, 560, 56)).toBe(112);
  });
});

describe('numbers and dates', () => {
  it('formats home-country numbers nationally and others internationally', () => {
    expect(formatFaxNumber('+81921234567', 'JP')).toBe('092-123-4567');
    expect(formatFaxNumber('+81921234567', 'US')).toBe('+81 92 123 4567');
    expect(formatFaxNumber('+14155550100', 'JP')).toBe('+1 415 555 0100');
    expect(formatFaxNumber('not a number', 'JP')).toBe('not a number');
  });

  it('finds the country of a locale', () => {
    expect(countryOf('ja-JP')).toBe('JP');
    expect(countryOf('ja')).toBe('JP');
    expect(countryOf('en-GB')).toBe('GB');
  });

  it('shows today as a time, this year without the year, older with it', () => {
    const now = new Date(2026, 10, 28, 15, 0).getTime();
    expect(formatWhen(new Date(2026, 10, 28, 9, 5).getTime(), now, 'en-US')).toMatch(/09:05/);
    expect(formatWhen(new Date(2026, 2, 3).getTime(), now, 'en-US')).toBe('Mar 3');
    expect(formatWhen(new Date(2025, 2, 3).getTime(), now, 'en-US')).toBe('Mar 3, 2025');
  });

  it('counts whole trial days left, never below zero', () => {
    const now = Date.UTC(2026, 10, 28);
    expect(daysLeft(new Date(now + 27.2 * 86_400_000).toISOString(), now)).toBe(28);
    expect(daysLeft(new Date(now - 86_400_000).toISOString(), now)).toBe(0);
  });
});
