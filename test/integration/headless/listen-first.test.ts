import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeBridgeMessage, decodeBridgeMessage } from '../../../preload/bridge-codec';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';
import { startHeadlessHost, type HeadlessHost } from '../../../main/headless/host';
import { httpGet as get } from '../../helpers/http-get';

/** Opens the bridge and makes one call; resolves with its answer. */
function callOverBridge(origin: string, cookie: string, channel: string, payload: unknown) {
  return new Promise<unknown>((resolve, reject) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, {
      headers: { origin, cookie },
    });
    ws.on('open', () => ws.send(encodeBridgeMessage({ id: 1, channel, payload })));
    ws.on('message', (data) => {
      const message = decodeBridgeMessage(String(data)) as { id?: number; result?: unknown };
      if (message.id !== 1) return;
      ws.close();
      resolve(message.result);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('the headless host listens before its core is made', () => {
  let folder = '';
  let host: HeadlessHost | undefined;
  const order: string[] = [];
  let early: Promise<{ page: { status: number; body: string }; ping: unknown }> | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-listen-first-'));
    const webRoot = join(folder, 'web');
    await mkdir(webRoot);
    await writeFile(
      join(webRoot, 'index.html'),
      '<!doctype html><html><head></head><body><div id="root"></div></body></html>',
    );
    host = await startHeadlessHost({
      dataDir: join(folder, 'data'),
      webRoot,
      credentials: new MemoryCredentialStore(),
      log: createLogger(() => {}, 'test'),
      onListening: (url) => {
        order.push('listening');
        // The browser opens the link now: its page and its bridge, while the core is made.
        early = (async () => {
          const redeemed = await get(url);
          const cookie = String(redeemed.headers['set-cookie']).split(';')[0]!;
          const origin = new URL(url).origin;
          const [page, ping] = await Promise.all([
            get(`${origin}/`, { cookie }),
            callOverBridge(origin, cookie, 'app:ping', { nonce: 'early' }),
          ]);
          order.push('answered');
          return { page, ping };
        })();
      },
    });
    order.push('core made');
  });

  afterAll(async () => {
    await host?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('gives its link before the core is made; a page and a bridge call made then wait for the core and get its answers', async () => {
    expect(order.slice(0, 2)).toEqual(['listening', 'core made']);
    const { page, ping } = await early!;
    expect(page.status).toBe(200);
    expect(page.body).toContain('kamifax-bridge');
    // Signed out: the page carries no first answers (they came from the core's router).
    expect(page.body).not.toContain('kamifax-first-answers');
    expect(ping).toMatchObject({ ok: true, value: { nonce: 'early' } });
  });
});
