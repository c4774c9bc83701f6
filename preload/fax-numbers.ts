/**
 * Fax number rules shared by the renderer (checks as you type) and main (re-checks before an
 * upload): parse any national or international form, normalise to E.164, refuse what can
 * never be faxed, and format for display. Pure: no Node, no DOM.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import type { NumberProblem } from './send-contract';

/** The outcome of checking one typed number. */
export type NumberCheck =
  | { ok: true; e164: string; national: string; international: string; country: string | null }
  | { ok: false; problem: NumberProblem };

/** Emergency numbers by country (short codes libphonenumber-js does not classify). */
const emergency: Record<string, readonly string[]> = {
  JP: ['110', '118', '119'],
  US: ['911'],
  CA: ['911'],
  MX: ['911'],
  GB: ['999', '112'],
  AU: ['000', '112'],
  NZ: ['111'],
  KR: ['112', '119'],
  CN: ['110', '119', '120'],
  TW: ['110', '119'],
  IN: ['100', '101', '102', '112'],
};
const emergencyEverywhere = ['112', '911'];

/**
 * The embedded service's simulated line answers these unallocated Tokyo numbers busy, no
 * answer, rejected or unallocated (service/delivery/carrier.ts), so the app can demonstrate
 * failures. libphonenumber calls them invalid; they are accepted so the demo works.
 */
export const demoLineNumbers: readonly string[] = [
  '+81300000000',
  '+81300000001',
  '+81300000002',
  '+81300000003',
];

/** Countries whose offices use US Letter paper rather than A4. */
const letterCountries = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'CR', 'GT', 'PR']);

/** The paper size faxes are composed on for a country. */
export function paperFor(country: string): 'a4' | 'letter' {
  return letterCountries.has(country.toUpperCase()) ? 'letter' : 'a4';
}

/**
 * The paper for a fax to these numbers: Letter when every recipient is in a Letter country
 * (US, CA, MX…), A4 when every one is elsewhere, else (mixed, or no valid number yet) `fallback`
 * (the paper of the user's locale).
 */
export function paperForRecipients(
  numbers: readonly (string | null)[],
  fallback: 'a4' | 'letter',
): 'a4' | 'letter' {
  const papers = new Set(
    numbers.map((n) => (n ? countryOfNumber(n) : null)).map((c) => (c ? paperFor(c) : null)),
  );
  if (papers.size !== 1) return fallback;
  return [...papers][0] ?? fallback;
}

/** The region of an E.164 number (`JP` for +81…), or null. */
export function countryOfNumber(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** The region of a BCP 47 locale (`ja-JP` → `JP`; a bare `ja` → `JP`), or null. */
export function countryOfLocale(locale: string): string | null {
  const parts = locale.replace('_', '-').split('-');
  const region = parts.slice(1).find((part) => /^[A-Za-z]{2}$/.test(part));
  if (region && isSupportedCountry(region.toUpperCase())) return region.toUpperCase();
  const bare: Record<string, string> = { ja: 'JP', en: 'US' };
  return bare[parts[0]?.toLowerCase() ?? ''] ?? null;
}

/**
 * The country national numbers are read in: the setting when the user chose one, else the
 * account's own fax number, else the OS locale, else Japan (where Kamifax's numbers are).
 */
export function defaultCountry(
  setting: string,
  ownNumbers: readonly string[],
  locale: string,
): string {
  if (setting !== 'auto' && isSupportedCountry(setting)) return setting;
  for (const own of ownNumbers) {
    const country = countryOfNumber(own);
    if (country) return country;
  }
  return countryOfLocale(locale) ?? 'JP';
}

/**
 * Checks one typed number. `own` and `blocked` are E.164 lists; the number is refused with a
 * reason a person can act on.
 */
export function checkFaxNumber(
  input: string,
  country: string,
  lists: { own?: readonly string[]; blocked?: readonly string[] } = {},
): NumberCheck {
  const typed = input.trim();
  if (typed === '') return { ok: false, problem: 'number_empty' };
  const region = isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const digitsOnly = typed.replace(/[\s().-]/g, '');
  if (/[A-Za-z]/.test(typed) || !/^\+?\d+$/.test(digitsOnly))
    return { ok: false, problem: 'number_not_a_number' };
  const local = emergency[country] ?? [];
  if (local.includes(digitsOnly) || emergencyEverywhere.includes(digitsOnly))
    return { ok: false, problem: 'number_emergency' };
  // E.164 allows 15 digits; a national form adds at most a trunk prefix.
  if (digitsOnly.replace(/^\+/, '').length > 16) return { ok: false, problem: 'number_too_long' };
  const parsed = parsePhoneNumberFromString(typed, region);
  if (!parsed) return { ok: false, problem: 'number_not_a_number' };
  const e164 = parsed.number;
  const demo = demoLineNumbers.includes(e164);
  if (!demo) {
    const length = validatePhoneNumberLength(typed, region);
    if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER')
      return { ok: false, problem: 'number_too_short' };
    if (length === 'TOO_LONG') return { ok: false, problem: 'number_too_long' };
    if (length === 'INVALID_LENGTH' || length === 'INVALID_COUNTRY' || !parsed.isValid())
      return { ok: false, problem: 'number_invalid' };
    const type = parsed.getType();
    if (type === 'PREMIUM_RATE' || type === 'SHARED_COST')
      return { ok: false, problem: 'number_premium' };
  }
  if (lists.own?.includes(e164)) return { ok: false, problem: 'number_own' };
  if (lists.blocked?.includes(e164)) return { ok: false, problem: 'number_blocked' };
  return {
    ok: true,
    e164,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    country: parsed.country ?? null,
  };
}

/**
 * How a number shows on screen: the national form when it belongs to the account's country,
 * the international form otherwise, and the input unchanged when it cannot be parsed.
 */
export function formatFaxNumber(e164: string, country: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
