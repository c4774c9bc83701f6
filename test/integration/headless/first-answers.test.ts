import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';
import { startHeadlessHost, type HeadlessHost } from '../../../main/headless/host';
import { firstAnswersId, firstInboxQuery } from '../../../preload/first-answers';

function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(url, { headers, method }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const element = new RegExp(`<script type="application/json" id="${firstAnswersId}">(.*?)</script>`);

interface Answer {
  channel: string;
  request: object;
  result: { ok: true; value: { rows: unknown[] } };
}

/** The first answers a page carries, or null. */
function answersIn(html: string): Answer[] | null {
  const match = element.exec(html);
  return match ? (JSON.parse(match[1]!) as Answer[]) : null;
}

describe('a signed-in page carries its first inbox window; no other page does', () => {
  let folder: string;
  let host: HeadlessHost;
  let session = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-first-answers-'));
    const webRoot = join(folder, 'web');
    await mkdir(webRoot);
    const page = '<!doctype html><html><head></head><body><div id="root"></div></body></html>';
    await writeFile(join(webRoot, 'index.html'), page);
    await writeFile(join(webRoot, 'viewer.html'), page);
    host = await startHeadlessHost({
      dataDir: join(folder, 'data'),
      webRoot,
      credentials: new MemoryCredentialStore(),
      lineSpeed: 1000,
      log: createLogger(() => {}, 'test'),
    });
    session = String((await get(host.launchUrl())).headers['set-cookie']).split(';')[0]!;
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('carries nothing while signed out', async () => {
    const page = await get(`${host.origin}/`, { cookie: session });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(firstAnswersId);
    expect(page.body).toContain('<div id="root"></div>');
  });

  it('carries the shell’s answers and the first window, escaped, only with the cookie', async () => {
    await host.core.session.signIn({ kind: 'local' }, 'alice@example.com', 'kamifax-demo');
    const seeded = await fetch(`${host.localService.url()!}/v1/admin/seed`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-admin-token': host.localService.adminToken,
      },
      body: JSON.stringify({ email: 'alice@example.com', count: 30 }),
    });
    expect(seeded.status).toBe(200);
    await host.core.features.inbox()!.syncNow();

    for (const path of ['/', '/index.html']) {
      const page = await get(`${host.origin}${path}`, { cookie: session });
      const answers = answersIn(page.body);
      expect(answers?.map((answer) => answer.channel)).toEqual([
        'app:info',
        'settings:get',
        'session:get',
        'inbox:status',
        'inbox:query',
      ]);
      const rows = answers!.at(-1)!;
      expect(rows.request).toEqual(firstInboxQuery);
      const live = await host.core.router.dispatch('inbox:query', firstInboxQuery);
      expect(rows.result).toEqual(live);
      expect(rows.result.value.rows.length).toBeGreaterThanOrEqual(30);
      // Inert: nothing in it can end the element or open markup.
      const text = element.exec(page.body)![1]!;
      expect(text).not.toMatch(/[<>&]/);
      // The host painted the first screen inside #root (main/core/first-paint.ts), its rows
      // those of the first window, in order.
      expect(page.body).toContain(
        '<div id="root"><div class="first-paint" inert aria-busy="true">',
      );
      const painted = [...page.body.matchAll(/class="fax-row[^"]*"[^>]*data-fax-id="([^"]+)"/g)];
      expect(painted.length).toBeGreaterThan(5);
      expect(painted.map((match) => match[1])).toEqual(
        (rows.result.value.rows as Array<{ id: string }>).slice(0, painted.length).map((r) => r.id),
      );
    }
    // Not the viewer's page, not a HEAD, and never without the session cookie or our Host.
    expect((await get(`${host.origin}/viewer.html`, { cookie: session })).body).not.toContain(
      firstAnswersId,
    );
    const head = await get(`${host.origin}/`, { cookie: session }, 'HEAD');
    expect(head.body).toBe('');
    const refused = await get(`${host.origin}/`);
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain(firstAnswersId);
    const port = new URL(host.origin).port;
    const rebound = await get(`${host.origin}/`, {
      host: `rebound.example:${port}`,
      cookie: session,
    });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(firstAnswersId);
  }, 60_000);

  it('carries nothing again after signing out', async () => {
    await host.core.session.signOut();
    const page = (await get(`${host.origin}/`, { cookie: session })).body;
    expect(page).not.toContain(firstAnswersId);
    expect(page).not.toContain('first-paint');
  });
});
