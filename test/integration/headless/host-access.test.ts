import { connect } from 'node:net';
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';
import { startHeadlessHost, type HeadlessHost } from '../../../main/headless/host';
import { httpGet as get } from '../../helpers/http-get';

/** Writes raw bytes to the host and returns its first answer line. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

/** Tries a bridge connection; resolves 'open' or the refusal's status. */
function bridge(port: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', () => resolve('error'));
  });
}

describe('the headless host lets in only the person who started it', () => {
  let folder: string;
  let host: HeadlessHost;
  let port: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-access-'));
    const webRoot = join(folder, 'web');
    await mkdir(webRoot);
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><html><head></head></html>');
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'assets', 'index-Bx3_k-9Q.js'), 'export {};');
    await mkdir(join(webRoot, 'pdfjs'));
    await writeFile(join(webRoot, 'pdfjs', 'Adobe-Japan1-UCS2.bcmap'), 'cmap');
    host = await startHeadlessHost({
      dataDir: join(folder, 'data'),
      webRoot,
      credentials: new MemoryCredentialStore(),
      log: createLogger((line) => logLines.push(line), 'test'),
    });
    port = Number(new URL(host.origin).port);
  });

  afterAll(async () => {
    await host?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('answers malformed requests with 400 and goes on', async () => {
    const head = `Host: 127.0.0.1:${port}\r\n`;
    expect(await raw(port, `GET http://[ HTTP/1.1\r\n${head}\r\n`)).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    const upgrade =
      `GET http://[ HTTP/1.1\r\n${head}Connection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    expect(await raw(port, upgrade)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(port, `GET //evil/ HTTP/1.1\r\n${head}\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(port, 'NOT HTTP AT ALL\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    // Still serving.
    expect((await get(`${host.origin}/`)).status).toBe(403);
  });

  it('refuses the page and the bridge without the cookie, even to a forged Origin', async () => {
    const page = await get(`${host.origin}/`, { origin: host.origin });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('kamifax-bridge');
    expect(await bridge(port, { origin: host.origin })).toBe('403');
  });

  it('swaps a one-time link for an HttpOnly SameSite=Strict cookie, once', async () => {
    const link = host.launchUrl('/index.html?x=1');
    const first = await get(link);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/index.html?x=1');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await get(link)).status).toBe(403);
    expect((await get(`${host.origin}/?secret=guessed`)).status).toBe(403);

    const session = cookie.split(';')[0]!;
    const page = await get(`${host.origin}/`, { cookie: session });
    expect(page.status).toBe(200);
    expect(page.body).toContain('kamifax-bridge');
    expect(await bridge(port, { origin: host.origin, cookie: session })).toBe('open');
    expect(await bridge(port, { origin: 'http://evil.example', cookie: session })).toBe('403');
    expect(await bridge(port, { origin: host.origin, cookie: 'kamifax_session=forged' })).toBe(
      '403',
    );
  });

  it('refuses another host name (DNS rebinding), even with the cookie', async () => {
    const first = await get(host.launchUrl());
    const session = String(first.headers['set-cookie']).split(';')[0]!;
    const rebound = await get(`${host.origin}/`, {
      host: `rebound.example:${port}`,
      cookie: session,
    });
    expect(rebound.status).toBe(421);
    expect(
      await bridge(port, {
        host: `rebound.example:${port}`,
        origin: `http://rebound.example:${port}`,
        cookie: session,
      }),
    ).toBe('403');
    const local = await get(`${host.origin}/`, { host: `localhost:${port}`, cookie: session });
    expect(local.status).toBe(200);
  });

  it('lets the browser keep hashed build files only; the page and the rest are never stored', async () => {
    const asset = `${host.origin}/assets/index-Bx3_k-9Q.js`;
    // Still only with the session cookie.
    expect((await get(asset)).status).toBe(403);
    const session = String((await get(host.launchUrl())).headers['set-cookie']).split(';')[0]!;
    const cached = await get(asset, { cookie: session });
    expect(cached.status).toBe(200);
    expect(cached.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/pdfjs/Adobe-Japan1-UCS2.bcmap']) {
      const answer = await get(`${host.origin}${path}`, { cookie: session });
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    expect(
      (await get(`${host.origin}/assets/missing-Bx3_k-9Q.js`, { cookie: session })).status,
    ).toBe(404);
  });
});
