/**
 * A client-style change-feed sync of 10,000 faxes over HTTP (pages of 500), against the same
 * rows read straight from SQLite in the same run: the difference is what the API costs
 * (routing, auth, serialisation, HTTP). Process memory is that of this one process, which
 * runs both the service and the syncing client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startService } from '../service/server';

const faxCount = 10_000;
const pageSize = 500;
const rounds = 3;
const adminToken = 'bench-admin';

const mb = (bytes: number) => bytes / 1024 / 1024;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: mb(rss), heap: mb(heapUsed) };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-sync-'));
  const service = await startService({ port: 0, dataDir, demo: true, adminToken, lineSpeed: 1000 });
  try {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const seeded = await post(
      '/v1/admin/seed',
      { email: 'alice@example.com', count: faxCount },
      { 'x-admin-token': adminToken },
    );
    if (!seeded.ok) throw new Error(`seed failed: ${seeded.status}`);
    const login = await post('/v1/auth/login', {
      email: 'alice@example.com',
      password: 'kamifax-demo',
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    /** What a client does: pull pages until `hasMore` is false, keeping every fax. */
    const syncOverHttp = async () => {
      const faxes = new Map<string, unknown>();
      let since = 0;
      let pages = 0;
      for (;;) {
        const response = await fetch(`${service.url}/v1/changes?since=${since}&limit=${pageSize}`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const page = (await response.json()) as {
          changes: { faxId: string; fax: unknown }[];
          nextSince: number;
          hasMore: boolean;
        };
        for (const change of page.changes) faxes.set(change.faxId, change.fax);
        since = page.nextSince;
        pages += 1;
        if (!page.hasMore) return { rows: faxes.size, pages };
      }
    };

    const db = new Database(join(dataDir, 'service.sqlite'), { readonly: true });
    const accountId = (
      db.prepare('SELECT id FROM accounts WHERE email = ?').get('alice@example.com') as {
        id: string;
      }
    ).id;
    const query = db.prepare(
      `SELECT c.seq, c.type, c.fax_id, f.* FROM changes c
         LEFT JOIN faxes f ON f.id = c.fax_id AND c.type = 'upsert'
       WHERE c.account_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
    );
    /** The reference: the same pages of the same rows, straight from SQLite. */
    const syncFromSqlite = () => {
      const faxes = new Map<string, unknown>();
      let since = 0;
      let pages = 0;
      for (;;) {
        const rows = query.all(accountId, since, pageSize) as { seq: number; fax_id: string }[];
        for (const row of rows) faxes.set(row.fax_id, row);
        pages += 1;
        if (rows.length < pageSize) return { rows: faxes.size, pages };
        since = rows[rows.length - 1]!.seq;
      }
    };

    const figures = { http: [] as number[], sqlite: [] as number[] };
    let httpResult = { rows: 0, pages: 0 };
    let sqliteResult = { rows: 0, pages: 0 };
    const before = memory();
    let peakRss = before.rss;
    for (let round = 0; round < rounds; round += 1) {
      let started = performance.now();
      httpResult = await syncOverHttp();
      figures.http.push(performance.now() - started);
      peakRss = Math.max(peakRss, mb(process.memoryUsage().rss));
      started = performance.now();
      sqliteResult = syncFromSqlite();
      figures.sqlite.push(performance.now() - started);
    }
    const after = memory();
    db.close();

    console.log(
      `Change-feed sync of ${httpResult.rows} faxes in ${httpResult.pages} pages of ${pageSize} (median of ${rounds} rounds; the demo's own faxes are included)`,
    );
    console.log(`${'figure'.padEnd(28)}${'HTTP API'.padStart(12)}${'raw SQLite'.padStart(12)}`);
    const row = (label: string, http: string, sqlite: string) =>
      console.log(`${label.padEnd(28)}${http.padStart(12)}${sqlite.padStart(12)}`);
    row('sync time (ms)', median(figures.http).toFixed(0), median(figures.sqlite).toFixed(0));
    row(
      'best time (ms)',
      Math.min(...figures.http).toFixed(0),
      Math.min(...figures.sqlite).toFixed(0),
    );
    row(
      'faxes per second',
      (httpResult.rows / (median(figures.http) / 1000)).toFixed(0),
      (sqliteResult.rows / (median(figures.sqlite) / 1000)).toFixed(0),
    );
    row('pages', String(httpResult.pages), String(sqliteResult.pages));
    console.log(
      `process memory (service and client together): rss ${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MB (peak ${peakRss.toFixed(0)}), heap ${before.heap.toFixed(0)} → ${after.heap.toFixed(0)} MB`,
    );
    if (httpResult.rows !== sqliteResult.rows) throw new Error('the two syncs saw different rows');
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
