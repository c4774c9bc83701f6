import type { InboxQuery } from '../../../preload/contract';

/**
 * How a search becomes SQL. Every search has a test on the fax row alone (`test`: the subject
 * by `LIKE`, the sender among the few hundred distinct senders whose number, digits or contact
 * name match, the date's time range), which the covering index `faxes_list` answers without
 * reading the table: walking the list in order and stopping at the window is cheap when
 * matches are many. A search of 3 characters or more can also gather its matches through
 * indexes (`gather`): subjects by the trigram index (`faxes_subject`; the few faxes it does not
 * cover yet by `LIKE`), the named senders' faxes by `faxes_digits`; and a date's range is read
 * in time order from `faxes_list` (`range`). inbox-query.ts chooses per search which to use.
 */

const week = 7 * 24 * 3600 * 1000;

/** The search's SQL pieces, for `FROM faxes f` (no join needed). */
export interface SearchSql {
  /** The filter's conditions on `f`, ANDed. */
  where: string[];
  /** The search's condition on the row `f` alone; null: no search. */
  test: string | null;
  params: Record<string, unknown>;
  /**
   * Queries listing the rowids (`rid`) of the faxes the search finds through indexes apart
   * from the date range, joined by UNION ALL (a fax may come twice); null when the search is
   * too short for them (then only `test` finds its matches).
   */
  gather: string | null;
  /** The date's condition on `f.at`, or null when the search is no date. */
  range: string | null;
}

/**
 * A date search as the local-time range it names, else null: `YYYY-MM`, `YYYY-MM-DD`, the
 * same with slashes (`2026/11/30`, the Japanese habit) or dots, and `2026年11月30日`.
 */
export function localDateRange(search: string): { start: number; end: number } | null {
  const match =
    /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(search) ??
    /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(search);
  if (!match) return null;
  const [year, month, day] = [
    Number(match[1]),
    Number(match[2]) - 1,
    match[3] ? Number(match[3]) : null,
  ];
  if (month < 0 || month > 11 || (day !== null && (day < 1 || day > 31))) return null;
  const start = new Date(year, month, day ?? 1).getTime();
  const end =
    day === null
      ? new Date(year, month + 1, 1).getTime()
      : new Date(year, month, day + 1).getTime();
  return { start, end };
}

/** Digits only, for matching a number however it was typed or formatted. */
export function digitsOf(number: string): string {
  return number.replace(/\D/g, '');
}

/**
 * The digit strings a typed number may be found by inside stored international digits
 * (`81312345678` for +81 3-1234-5678): the digits as typed (international with or without
 * `+`, or any part), and without a national trunk `0` (`03-1234-5678`, `06-6222`) or an
 * international `00` prefix. Empty when fewer than 2 digits were typed.
 */
export function numberSearchDigits(typed: string): string[] {
  // Full-width digits and ＋ (a Japanese input method's default) count as digits and +.
  const search = typed.normalize('NFKC');
  const digits = digitsOf(search);
  if (digits.length < 2) return [];
  const forms = new Set([digits]);
  if (!search.trim().startsWith('+')) {
    if (digits.startsWith('00') && digits.length > 3) forms.add(digits.slice(2));
    else if (digits.startsWith('0') && digits.length > 2) forms.add(digits.slice(1));
  }
  return [...forms];
}

/** The filter's conditions and the search's, for `FROM faxes f LEFT JOIN contacts c`. */
export function searchSql(query: Pick<InboxQuery, 'filter' | 'search'>, now: number): SearchSql {
  const where: string[] = ["f.direction = 'inbound'"];
  const params: Record<string, unknown> = {};
  if (query.filter === 'trash') where.push('f.trashed_at IS NOT NULL');
  else {
    where.push('f.trashed_at IS NULL');
    if (query.filter === 'junk') where.push('f.junk = 1');
    else where.push('f.junk = 0');
  }
  if (query.filter === 'unread') where.push('f.read = 0');
  if (query.filter === 'thisWeek') {
    where.push('f.at >= @since');
    params.since = now - week;
  }
  const search = query.search.trim();
  if (!search) return { where, params, test: null, gather: null, range: null };
  params.like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  // Any form of the number a person types: national (with or without the trunk 0),
  // international (with or without +), any separators, or a part of it.
  const digitForms = numberSearchDigits(search);
  digitForms.forEach((digits, index) => (params[`digits${index}`] = `%${digits}%`));
  const day = localDateRange(search);
  // A range on the indexed time, not a date function on every row.
  const range = day ? '(f.at >= @dayStart AND f.at < @dayEnd)' : null;
  if (day) {
    params.dayStart = day.start;
    params.dayEnd = day.end;
  }
  // The senders a search names (a few hundred at most): by number as stored, digits in any
  // form, or contact name.
  const senders = `SELECT s.digits FROM senders s LEFT JOIN contacts sc ON sc.digits = s.digits WHERE ${[
    "s.number LIKE @like ESCAPE '\\'",
    "sc.name LIKE @like ESCAPE '\\'",
    ...digitForms.map((_d, index) => `s.digits LIKE @digits${index}`),
  ].join(' OR ')}`;
  const test = `(${[
    "f.subject LIKE @like ESCAPE '\\'",
    `f.remote_digits IN (${senders})`,
    ...(range ? [range] : []),
  ].join(' OR ')})`;
  if ([...search].length < 3) return { where, params, test, gather: null, range };
  params.phrase = `"${search.replace(/"/g, '""')}"`;
  const gather = [
    'SELECT rowid AS rid FROM faxes_subject WHERE faxes_subject MATCH @phrase',
    // Faxes the subject index does not cover yet (a sync just brought them).
    `SELECT rowid AS rid FROM faxes WHERE rowid > (SELECT upto FROM subject_index)
       AND subject LIKE @like ESCAPE '\\'`,
    `SELECT rowid AS rid FROM faxes WHERE remote_digits IN (${senders})`,
  ].join(' UNION ALL ');
  return { where, params, test, gather, range };
}
