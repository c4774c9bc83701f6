import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../service/app';
import type { Carrier } from '../../../service/delivery/carrier';
import { seedDemo } from '../../../service/demo/seed';
import { openSqliteStorage } from '../../../service/storage/sqlite-storage';
import { demoPassword, makePdf, startTestService, TestClient, until } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Line {
  level: number;
  msg: string;
  err?: { message: string; stack: string };
  [key: string]: unknown;
}

/** The service built over HTTP with a logger whose lines the test reads. */
async function loggedService(carrier?: Carrier) {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-log-'));
  const storage = openSqliteStorage(dataDir);
  const raw: string[] = [];
  const { app, ctx } = await buildApp({
    storage,
    carrier: carrier ?? {
      name: 'test',
      transmit: async () => ({ outcome: 'delivered', pagesSent: 1 }),
    },
    adminToken: 'admin-secret-token',
    logger: { level: 'info', sink: (line) => raw.push(line) },
  });
  await seedDemo(storage, ctx.delivery, ctx.now);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await ctx.delivery.stop();
    await app.close();
    storage.close();
  };
  cleanups.push(async () => {
    await close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    url,
    storage,
    raw,
    close,
    lines: () => raw.map((line) => JSON.parse(line) as Line),
    client: new TestClient({ url }),
  };
}

describe('service logging', () => {
  it('writes one line per request, and a 500 with its stack', async () => {
    const service = await loggedService();
    const alice = await service.client.login('alice@example.com');
    expect((await alice.get('/v1/account')).status).toBe(200);
    expect((await service.client.request('GET', '/v1/nowhere')).status).toBe(404);
    const requests = service.lines().filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.method, line.url, line.status])).toEqual([
      ['POST', '/v1/auth/login', 200],
      ['GET', '/v1/account', 200],
      ['GET', '/v1/nowhere', 404],
    ]);
    expect(requests.every((line) => line.level === 30 && typeof line.ms === 'number')).toBe(true);

    // A bug: the database goes away under a running service.
    service.storage.close();
    const broken = await alice.get('/v1/account');
    expect(broken.status).toBe(500);
    expect(broken.body.error.code).toBe('internal');
    expect(JSON.stringify(broken.body)).not.toContain('database');
    const errors = service.lines().filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.err!.message).toMatch(/database/i);
    expect(errors[0]!.err!.stack).toContain('at ');
  });

  it('never logs passwords, tokens or document bytes', async () => {
    const service = await loggedService();
    const alice = await service.client.login('alice@example.com');
    const marker = 'DOCUMENT-BYTES-MARKER';
    const pdf = Buffer.concat([Buffer.from(await makePdf(1)), Buffer.from(`\n%${marker}\n`)]);
    expect((await alice.send(pdf, ['+815033334444'])).status).toBe(202);
    await service.client.request('POST', '/v1/account/cancel', {
      token: alice.accessToken,
      body: { password: 'a-wrong-password-123' },
    });
    await service.client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: alice.refreshToken },
    });
    await service.client.admin('inbound', { to: '+815011112222', from: '+81312345678' });
    const text = service.raw.join('');
    expect(text).toContain('"msg":"request"');
    for (const secret of [
      demoPassword,
      'a-wrong-password-123',
      alice.accessToken,
      alice.refreshToken,
      'admin-secret-token',
      marker,
    ])
      expect(text).not.toContain(secret);
  });

  it('logs a delivery that throws, once, and the service stops cleanly', async () => {
    let attempts = 0;
    const service = await loggedService({
      name: 'broken line',
      transmit: async () => {
        attempts += 1;
        throw new Error('the modem caught fire');
      },
    });
    const alice = await service.client.login('alice@example.com');
    const sent = await alice.send(await makePdf(1), ['+81312345678']);
    expect(sent.status).toBe(202);
    const failure = await until(
      async () => service.lines().find((line) => line.msg.startsWith('delivery failed')),
      10_000,
      'the delivery failure line',
    );
    expect(failure.err!.message).toBe('the modem caught fire');
    expect(failure.faxId).toBe(sent.body.faxes[0].id);
    // No retry loop: one attempt, and the fax waits for the next start.
    expect(attempts).toBe(1);
    await service.close();
  });

  it('writes to a rotating file for the embedded service', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kamifax-logfile-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const file = join(folder, 'logs', 'local-service.log');
    const service = await startTestService({ logger: { file } });
    cleanups.push(() => service.dispose());
    const client = new TestClient(service);
    await client.login('alice@example.com');
    await service.stop();
    expect(await readdir(join(folder, 'logs'))).toEqual(['local-service.log']);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).msg)).toContain('request');
  });
});
