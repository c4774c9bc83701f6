/** One part of a date as the form asks for it. */
export type DatePart = 'year' | 'month' | 'day';

/**
 * The order a person of this language writes a date in (ja: year, month, day; en: month, day,
 * year), so the date of birth follows the app's language rather than the browser's region.
 */
export function datePartOrder(locale: string): DatePart[] {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).formatToParts(new Date(Date.UTC(2000, 0, 31)));
  const order = parts
    .map((part) => part.type)
    .filter((type): type is DatePart => type === 'year' || type === 'month' || type === 'day');
  return order.length === 3 ? order : ['year', 'month', 'day'];
}

/** The month names in the app's language, January first. */
export function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 1))));
}

/** `YYYY-MM-DD` once all three are chosen and form a real day, else '' (the form then asks). */
export function joinBirthDate(year: string, month: string, day: string): string {
  if (!year || !month || !day) return '';
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
