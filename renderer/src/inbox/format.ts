import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Formatted numbers (a few hundred senders fill a list): parsing one costs more than a row. */
const formattedNumbers = new Map<string, string>();

/**
 * A fax number as people of its country write it: international numbers in international
 * form, numbers of the user's own country in national form (`03-1234-5678` in Japan).
 */
export function formatFaxNumber(number: string, homeCountry: string | undefined): string {
  const key = `${homeCountry ?? ''} ${number}`;
  const known = formattedNumbers.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(number);
  const formatted =
    !parsed || !parsed.isPossible()
      ? number
      : parsed.country && parsed.country === homeCountry
        ? parsed.formatNational()
        : parsed.formatInternational();
  if (formattedNumbers.size >= 5000) formattedNumbers.clear();
  formattedNumbers.set(key, formatted);
  return formatted;
}

/** The user's country from the UI locale (`ja-JP` → `JP`), for national formatting. */
export function countryOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and style: making one is costlier than formatting with it. */
function timeFormat(locale: string, style: 'time' | 'day' | 'year'): Intl.DateTimeFormat {
  const key = `${locale} ${style}`;
  let format = timeFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time'
        ? { hour: '2-digit', minute: '2-digit' }
        : style === 'day'
          ? { month: 'short', day: 'numeric' }
          : { year: 'numeric', month: 'short', day: 'numeric' };
    format = new Intl.DateTimeFormat(locale, options);
    timeFormats.set(key, format);
  }
  return format;
}

/** A received time: today as a time, this year as a date, older with the year. */
export function formatWhen(at: number, now: number, locale: string): string {
  const date = new Date(at);
  const today = new Date(now);
  const sameDay =
    date.getDate() === today.getDate() &&
    date.getMonth() === today.getMonth() &&
    date.getFullYear() === today.getFullYear();
  if (sameDay) return timeFormat(locale, 'time').format(date);
  return timeFormat(locale, date.getFullYear() === today.getFullYear() ? 'day' : 'year').format(
    date,
  );
}

/**
 * The country whose numbers show in national form: Japan for the Japanese UI, else the
 * browser's region (`language`: the host's first screen passes the page's Accept-Language).
 */
export function homeCountry(uiLocale: string, language?: string): string | undefined {
  return countryOf(uiLocale === 'ja' ? 'ja-JP' : (language ?? navigator.language));
}

/** The country of a number in E.164 (`+8150…` → `JP`), for "the account's own country". */
export function countryOfNumber(number: string): string | undefined {
  return parsePhoneNumberFromString(number)?.country;
}
