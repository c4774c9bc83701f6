import type { Database } from 'better-sqlite3';
import type { InboxQuery } from '../../../preload/contract';

/**
 * A window of the whole inbox (no search, filter "all") by sender or by pages, read through
 * indexes; null when the general query should read it.
 */
export function sortedWindow<Row>(
  db: Database,
  query: Pick<InboxQuery, 'offset' | 'limit' | 'filter' | 'sort'>,
  columns: string,
  filters: string,
  counts: Map<string, number>,
): Row[] | null {
  if (query.filter !== 'all') return null;
  if (query.sort === 'sender') return senderWindow(db, query, columns, filters, counts);
  if (query.sort === 'pages') return pagesWindow(db, query, columns, filters);
  return null;
}

/**
 * The whole inbox (no search, filter "all") sorted by sender, read a window at a time without
 * sorting every fax. `ORDER BY COALESCE(contact name, number) COLLATE NOCASE, at DESC, id DESC`
 * over the table sorts all of it at every window (274 ms at 300,000 faxes). Senders are few
 * (`sender_numbers`: each distinct number with its digits, see migrations.ts), so they are
 * sorted instead, and grouped where their names are equal under NOCASE (one contact for
 * several numbers, or two contacts of one name); each group's faxes are read newest first
 * from `faxes_digits`, and the window takes them group by group. Groups before the window are
 * skipped by their counts, kept in `counts` until the next write. The rows and their order
 * are the plain query's (test/unit/inbox/inbox-query.test.ts).
 *
 */
export function senderWindow<Row>(
  db: Database,
  query: Pick<InboxQuery, 'offset' | 'limit'>,
  /** The columns of a row (`SELECT … ` before FROM), `f` the fax and `c` its contact. */
  columns: string,
  /** The filter's conditions on `f`, ANDed. */
  filters: string,
  counts: Map<string, number>,
): Row[] {
  // The numbers kept up to the subject index's mark, and those of the faxes after it.
  const pairs = db
    .prepare(
      `WITH s AS (SELECT digits, number FROM sender_numbers UNION
         SELECT remote_digits, remote_number FROM faxes NOT INDEXED
         WHERE rowid > (SELECT upto FROM subject_index))
       SELECT s.digits, s.number,
              dense_rank() OVER (ORDER BY COALESCE(c.name, s.number) COLLATE NOCASE) AS g
       FROM s LEFT JOIN contacts c ON c.digits = s.digits ORDER BY g`,
    )
    .all() as Array<{ digits: string; number: string; g: number }>;
  const groups: Array<Array<{ digits: string; number: string }>> = [];
  for (const pair of pairs) {
    if (groups.length < pair.g) groups.push([]);
    groups[pair.g - 1]!.push(pair);
  }
  const rows: Row[] = [];
  let skip = query.offset;
  for (const group of groups) {
    const need = query.limit - rows.length;
    if (need <= 0) break;
    const params: Record<string, unknown> = {};
    const of = group
      .map(({ digits, number }, index) => {
        params[`d${index}`] = digits;
        params[`n${index}`] = number;
        return `(f.remote_digits = @d${index} AND f.remote_number = @n${index})`;
      })
      .join(' OR ');
    // The sender's faxes by digits (the list's index would be walked whole for each sender).
    const where = `FROM faxes f INDEXED BY faxes_digits WHERE (${of}) AND ${filters}`;
    if (skip > 0) {
      const key = JSON.stringify([filters, group]);
      let count = counts.get(key);
      if (count === undefined) {
        count = db.prepare(`SELECT count(*) ${where}`).pluck().get(params) as number;
        counts.set(key, count);
      }
      if (count <= skip) {
        skip -= count;
        continue;
      }
    }
    rows.push(
      ...(db
        .prepare(
          `SELECT ${columns} FROM faxes f INDEXED BY faxes_digits
           LEFT JOIN contacts c ON c.digits = f.remote_digits
           WHERE (${of}) AND ${filters} ORDER BY f.at DESC, f.id DESC LIMIT @need OFFSET @skip`,
        )
        .all({ ...params, need, skip }) as Row[]),
    );
    skip = 0;
  }
  return rows;
}

/** Pages at or above this are in the partial index `faxes_many_pages` (migrations.ts). */
const manyPages = 10;

/**
 * The whole inbox by pages (most first, then newest): a window among the faxes of many pages
 * (a few percent, in their own index) is read from that index, as they come first in this
 * order; null when the window reaches past them (then the list is sorted as a whole).
 */
export function pagesWindow<Row>(
  db: Database,
  query: Pick<InboxQuery, 'offset' | 'limit'>,
  columns: string,
  filters: string,
): Row[] | null {
  const rows = db
    .prepare(
      `SELECT ${columns} FROM faxes f INDEXED BY faxes_many_pages
       LEFT JOIN contacts c ON c.digits = f.remote_digits
       WHERE ${filters} AND f.pages >= ${manyPages}
       ORDER BY f.pages DESC, f.at DESC, f.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ limit: query.limit, offset: query.offset }) as Row[];
  return rows.length === query.limit ? rows : null;
}
