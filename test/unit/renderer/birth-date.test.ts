import { describe, expect, it } from 'vitest';
import { datePartOrder, joinBirthDate, monthNames } from '../../../renderer/src/session/birth-date';

describe('the date of birth in the app language', () => {
  it('asks year, month, day in Japanese and month, day, year in English', () => {
    expect(datePartOrder('ja')).toEqual(['year', 'month', 'day']);
    expect(datePartOrder('en')).toEqual(['month', 'day', 'year']);
  });

  it('names the months in the language', () => {
    expect(monthNames('en')[0]).toBe('January');
    expect(monthNames('ja')[11]).toBe('12月');
  });

  it('joins a real day only', () => {
    expect(joinBirthDate('1990', '6', '15')).toBe('1990-06-15');
    expect(joinBirthDate('2023', '2', '29')).toBe('');
    expect(joinBirthDate('1990', '', '15')).toBe('');
  });
});
