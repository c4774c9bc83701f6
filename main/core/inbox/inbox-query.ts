import type { Database } from 'better-sqlite3';
import type { InboxQuery } from '../../../preload/contract';
import { searchSql } from './inbox-search';

/**
 * How one window of the inbox is read, chosen per search (see inbox-search.ts for the pieces):
 *
 * - **gather**: when the indexes name at most `fewMatches` faxes (a bounded probe that stops
 *   after that many), only those are read and sorted; a date's range adds just the faxes of
 *   the range that can reach the window (read newest first from `faxes_list`), not all of it.
 * - **walk**: otherwise matches are many (or the search is too short for the indexes), so the
 *   list is walked in order on the covering index `faxes_list`, testing each row there, and
 *   stops at the window; a capped count stops at its cap the same way.
 *
 * Either way the rows, their order and an exact count are those of the plain search
 * (`test` on every row); test/unit/inbox/inbox-query.test.ts compares them.
 */

/** Up to this many matches found by the indexes, a search reads only those. */
export const fewMatches = 2_000;

export const orderBy: Record<InboxQuery['sort'], string> = {
  newest: 'f.at DESC, f.id DESC',
  oldest: 'f.at ASC, f.id ASC',
  // The id last: faxes of the same time keep one order from window to window.
  sender: 'COALESCE(c.name, f.remote_number) COLLATE NOCASE ASC, f.at DESC, f.id DESC',
  pages: 'f.pages DESC, f.at DESC, f.id DESC',
  subject: "COALESCE(f.subject, '') COLLATE NOCASE ASC, f.at DESC, f.id DESC",
};

/** Filters whose unsearched count reads the whole table (no index narrows them). */
const wholeScan = new Set<InboxQuery['filter']>(['all', 'junk', 'trash']);

/** What `planQuery` decided: SQL for the count and for the window's rowids' source. */
export interface QueryPlan {
  how: 'all' | 'gather' | 'walk';
  /** Identifies the count (same criteria, same count). */
  countKey: string;
  params: Record<string, unknown>;
  /** Counts; `@cap` (when capped) is the most it needs to find. */
  count: (capped: boolean) => string;
  /** `FROM … WHERE …` for the window's rows, with `c` the contact joined by digits. */
  rows: (sort: InboxQuery['sort']) => string;
  /** The filter's conditions on `f`, ANDed. */
  filters: string;
  /**
   * `FROM … WHERE …` counting on `faxes_list`, to which a time range can be ANDed: for the
   * counts that may read much of the list (see countInSlices); null when the count is short.
   */
  slice: string | null;
}

const joined = 'LEFT JOIN contacts c ON c.digits = f.remote_digits';

/** Chooses how to read a query's window and count (one bounded probe at most). */
export function planQuery(db: Database, query: InboxQuery, now: number): QueryPlan {
  const { where, params, test, gather, range } = searchSql(query, now);
  const filters = where.join(' AND ');
  const countKey = JSON.stringify([query.filter, query.search.trim(), params]);
  const capped = (inner: string, cap: boolean) =>
    cap
      ? `SELECT count(*) AS n FROM (SELECT 1 ${inner} LIMIT @cap)`
      : `SELECT count(*) AS n ${inner}`;
  if (!test) {
    // Counting the whole inbox reads the list index straight through (it holds every column
    // the filters test and is smaller than the table).
    const scan = wholeScan.has(query.filter) ? ' INDEXED BY faxes_list' : '';
    return {
      how: 'all',
      countKey,
      params,
      count: (cap) => capped(`FROM faxes f${scan} WHERE ${filters}`, cap),
      rows: () => `FROM faxes f ${joined} WHERE ${filters}`,
      filters,
      slice: `FROM faxes f INDEXED BY faxes_list WHERE ${filters}`,
    };
  }
  const few =
    gather !== null &&
    (
      db
        .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM (${gather}) LIMIT @few)`)
        .get({ ...params, few: fewMatches + 1 }) as { n: number }
    ).n <= fewMatches;
  if (!few) {
    const walk = `FROM faxes f WHERE ${filters} AND ${test}`;
    return {
      how: 'walk',
      countKey,
      params,
      count: (cap) => capped(walk, cap),
      rows: () => `FROM faxes f ${joined} WHERE ${filters} AND ${test}`,
      filters,
      slice: `FROM faxes f INDEXED BY faxes_list WHERE ${filters} AND ${test}`,
    };
  }
  // The gathered faxes outside the date's range, plus the range's (counted on the index).
  // CROSS JOIN keeps SQLite from scanning the list and probing the matches instead.
  const from = (rids: string) =>
    `FROM (SELECT DISTINCT rid FROM (${rids})) m CROSS JOIN faxes f ON f.rowid = m.rid`;
  return {
    how: 'gather',
    countKey,
    params,
    count: (cap) =>
      range
        ? `SELECT (SELECT count(*) ${from(gather)} WHERE ${filters} AND NOT ${range})
             + (${capped(`FROM faxes f WHERE ${filters} AND ${range}`, cap)}) AS n`
        : capped(`${from(gather)} WHERE ${filters}`, cap),
    rows: (sort) => {
      if (!range) return `${from(gather)} ${joined} WHERE ${filters}`;
      // In time order only the range's first `@need` can reach the window.
      const inRange =
        sort === 'newest' || sort === 'oldest'
          ? `SELECT rid FROM (SELECT f.rowid AS rid FROM faxes f WHERE ${filters} AND ${range}
               ORDER BY ${orderBy[sort]} LIMIT @need)`
          : `SELECT f.rowid AS rid FROM faxes f WHERE ${filters} AND ${range}`;
      return `${from(`${gather} UNION ALL ${inRange}`)} ${joined} WHERE ${filters}`;
    },
    slice: null,
    filters,
  };
}

/**
 * A query's count: `cap` given, at most `cap + 1` matches are found (`more`: there are more
 * than `cap`, and `total` is `cap`).
 */
export function countQuery(
  db: Database,
  plan: QueryPlan,
  cap: number | undefined,
): { total: number; more: boolean } {
  const counted = (
    db
      .prepare(plan.count(cap !== undefined))
      .get(cap === undefined ? plan.params : { ...plan.params, cap: cap + 1 }) as { n: number }
  ).n;
  const more = cap !== undefined && counted > cap;
  return { total: more ? cap : counted, more };
}

/** About this many faxes a slice of a long exact count reads before main serves others. */
const sliceRows = 10_000;

/**
 * An exact count that may read much of the list (the whole inbox, or a search with many
 * matches), made in slices of time on `faxes_list`, letting main serve other requests (the
 * next keystroke) between them. Null when `stop()`, asked between slices, ends it.
 */
export async function countInSlices(
  db: Database,
  plan: QueryPlan,
  stop: () => boolean,
  rowsPerSlice = sliceRows,
): Promise<number | null> {
  if (!plan.slice) return countQuery(db, plan, undefined).total;
  const bound = (which: 'min' | 'max') =>
    db.prepare(`SELECT ${which}(at) FROM faxes WHERE direction = 'inbound'`).pluck().get() as
      number | null;
  const [first, last] = [bound('min'), bound('max')];
  if (first === null || last === null) return 0;
  // Slices of equal time; the largest rowid says about how many faxes there are.
  const faxes = db.prepare('SELECT max(rowid) FROM faxes').pluck().get() as number;
  const span = Math.max(1, Math.ceil((last + 1 - first) / Math.ceil(faxes / rowsPerSlice)));
  const count = db.prepare(`SELECT count(*) ${plan.slice} AND f.at >= @lo AND f.at < @hi`).pluck();
  let total = 0;
  for (let lo = first; lo <= last; lo += span) {
    if (lo > first) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) return null;
    }
    total += count.get({ ...plan.params, lo, hi: lo + span }) as number;
  }
  return total;
}
