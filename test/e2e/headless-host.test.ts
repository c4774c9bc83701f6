import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowPageErrors, launchChromium, openApp } from '../helpers/browser';
import { webRoot } from '../helpers/headless';
import { chromiumPath, systemComponent } from '../helpers/system';
import { shellEn } from '../../renderer/src/app/shell-messages';

const hasChromium = systemComponent('Chromium', chromiumPath !== null, 'apt-get install chromium');
const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run start:web` as a person runs it: its own process, the link read from its output. */
async function startCli(dataDir: string): Promise<{ child: ChildProcess; link: string }> {
  // Node itself (not the tsx wrapper), so that signals reach the host's own process.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/headless/cli.ts', '--port', '0', '--data', dataDir, '--web', webRoot],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dataDir } },
  );
  const link = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?secret=[\w-]+/.exec(out);
      if (found) resolve(found[0]);
    });
    child.on('exit', (code) => reject(new Error(`the host exited (${code}) before its link`)));
  });
  return { child, link };
}

/** Sends raw bytes and returns the first line of the answer. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe.skipIf(!hasChromium)('the headless host as started from the command line', () => {
  let dataDir: string;
  let host: { child: ChildProcess; link: string };
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kamifax-cli-'));
    host = await startCli(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    host?.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survives malformed requests, plain and as a WebSocket upgrade', async () => {
    const port = Number(new URL(host.link).port);
    const head = `Host: 127.0.0.1:${port}\r\n`;
    expect(await raw(port, `GET http://[ HTTP/1.1\r\n${head}\r\n`)).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect(
      await raw(
        port,
        `GET http://[ HTTP/1.1\r\n${head}Connection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    ).toBe('HTTP/1.1 400 Bad Request');
    expect(host.child.exitCode).toBeNull();
    expect((await fetch(new URL('/', host.link).href)).status).toBe(403);
  });

  it('opens with the printed link, and the page notices within seconds that the host froze', async () => {
    const page = await openApp(browser, host.link);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getAttribute('html', 'data-host-connection')).toBe('connected');
    // A frozen host closes nothing: only the missing heartbeat tells. The page's failed
    // calls and socket are expected to be reported on its console from here on.
    allowPageErrors(page, [/WebSocket/, /Failed to load resource/]);
    host.child.kill('SIGSTOP');
    try {
      await page.waitForSelector('html[data-host-connection="lost"]', { timeout: 15_000 });
      await page.getByRole('alert').filter({ hasText: shellEn['shell.status.stopped'] }).waitFor();
    } finally {
      host.child.kill('SIGCONT');
    }
  });
});
