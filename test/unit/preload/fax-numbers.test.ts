import { describe, expect, it } from 'vitest';
import {
  checkFaxNumber,
  countryOfLocale,
  defaultCountry,
  formatFaxNumber,
  paperFor,
} from '../../../preload/fax-numbers';

const ok = (input: string, country: string) => {
  const result = checkFaxNumber(input, country);
  if (!result.ok) throw new Error(`${input} refused: ${result.problem}`);
  return result;
};
const problem = (input: string, country: string, lists = {}) => {
  const result = checkFaxNumber(input, country, lists);
  return result.ok ? 'accepted' : result.problem;
};

describe('fax numbers', () => {
  it('reads Japanese numbers in national and international form', () => {
    expect(ok('03-1234-5678', 'JP').e164).toBe('+81312345678');
    expect(ok('+81 3 1234 5678', 'JP').e164).toBe('+81312345678');
    expect(ok('+81 3 1234 5678', 'US').e164).toBe('+81312345678');
    expect(ok('050-1111-2222', 'JP').e164).toBe('+815011112222');
    expect(ok('(03) 1234-5678', 'JP').national).toBe('03-1234-5678');
  });

  it('reads US numbers in national and international form', () => {
    expect(ok('(212) 555-0100', 'US').e164).toBe('+12125550100');
    expect(ok('+1 212 555 0100', 'JP').e164).toBe('+12125550100');
    expect(ok('212.555.0100', 'US').international).toBe('+1 212 555 0100');
  });

  it('refuses letters, too short, too long, premium-rate and emergency numbers', () => {
    expect(problem('1-800-FLOWERS', 'US')).toBe('number_not_a_number');
    expect(problem('abc', 'JP')).toBe('number_not_a_number');
    expect(problem('', 'JP')).toBe('number_empty');
    expect(problem('03-1234', 'JP')).toBe('number_too_short');
    expect(problem('+81 3 1234 5678 9012 345', 'JP')).toBe('number_too_long');
    expect(problem('0990-123-456', 'JP')).toBe('number_premium');
    expect(problem('1-900-555-1234', 'US')).toBe('number_premium');
    expect(problem('110', 'JP')).toBe('number_emergency');
    expect(problem('119', 'JP')).toBe('number_emergency');
    expect(problem('911', 'US')).toBe('number_emergency');
    expect(problem('112', 'JP')).toBe('number_emergency');
    expect(problem('+1 212 555 01', 'JP')).toBe('number_too_short');
  });

  it('refuses the own number and blocked numbers however they are typed', () => {
    const lists = { own: ['+815011112222'], blocked: ['+81312345678'] };
    expect(problem('050-1111-2222', 'JP', lists)).toBe('number_own');
    expect(problem('+81 50 1111 2222', 'US', lists)).toBe('number_own');
    expect(problem('03 1234 5678', 'JP', lists)).toBe('number_blocked');
    expect(problem('03-1234-5679', 'JP', lists)).toBe('accepted');
  });

  it("accepts the demo line's simulated numbers", () => {
    expect(ok('+81 3 0000 0001', 'JP').e164).toBe('+81300000001');
    expect(ok('03-0000-0002', 'JP').e164).toBe('+81300000002');
  });

  it('chooses the country from the setting, then the own number, then the locale', () => {
    expect(defaultCountry('US', ['+815011112222'], 'ja-JP')).toBe('US');
    expect(defaultCountry('auto', ['+815011112222'], 'en-US')).toBe('JP');
    expect(defaultCountry('auto', [], 'en-US')).toBe('US');
    expect(defaultCountry('auto', [], 'ja')).toBe('JP');
    expect(countryOfLocale('en_GB')).toBe('GB');
  });

  it('formats national for the own country, international otherwise', () => {
    expect(formatFaxNumber('+81312345678', 'JP')).toBe('03-1234-5678');
    expect(formatFaxNumber('+12125550100', 'JP')).toBe('+1 212 555 0100');
    expect(formatFaxNumber('+12125550100', 'US')).toBe('(212) 555-0100');
  });

  it('uses Letter paper where offices do', () => {
    expect(paperFor('US')).toBe('letter');
    expect(paperFor('JP')).toBe('a4');
  });
});
