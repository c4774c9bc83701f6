import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A fax number as people of its country write it: international numbers in international
 * form, numbers of the user's own country in national form (`03-1234-5678` in Japan).
 */
export function formatFaxNumber(number: string, homeCountry: string | undefined): string {
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed || !parsed.isPossible()) return number;
  return parsed.country && parsed.country === homeCountry
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/** The user's country from the UI locale (`ja-JP` → `JP`), for national formatting. */
export function countryOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

/** A received time: today as a time, this year as a date, older with the year. */
export function formatWhen(at: number, now: number, locale: string): string {
  const date = new Date(at);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }
  const options: Intl.DateTimeFormatOptions =
    date.getFullYear() === today.getFullYear()
      ? { month: 'short', day: 'numeric' }
      : { year: 'numeric', month: 'short', day: 'numeric' };
  return date.toLocaleDateString(locale, options);
}

/** The country whose numbers show in national form: Japan for the Japanese UI, else the browser's region. */
export function homeCountry(uiLocale: string): string | undefined {
  return countryOf(uiLocale === 'ja' ? 'ja-JP' : navigator.language);
}

/** The country of a number in E.164 (`+8150…` → `JP`), for "the account's own country". */
export function countryOfNumber(number: string): string | undefined {
  return parsePhoneNumberFromString(number)?.country;
}
