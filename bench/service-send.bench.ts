/**
 * 50 concurrent sends (a realistic ~300 kB two-page PDF each, text and a scanned picture;
 * multipart, with an Idempotency-Key; every one inspected by the worker pool)
 * and their p50/p95 latency, beside 50 concurrent `GET /v1/account` as the reference for what
 * any authenticated request costs. The send's latency is the POST's answer (202, queued); the
 * simulated line is fast, and the time until all 50 are delivered is shown apart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realisticPdf } from './realistic-pdf';
import { startService } from '../service/server';

const concurrency = 50;
const rounds = 3;
const adminToken = 'bench-admin';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function timed(work: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await work();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`unexpected ${response.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-send-'));
  const service = await startService({
    port: 0,
    dataDir,
    demo: true,
    adminToken,
    lineSpeed: 100_000,
  });
  try {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    // The paid plan's 500 pages leave room for every round's sends.
    await post(
      '/v1/admin/plan',
      { email: 'alice@example.com', plan: 'paid' },
      {
        'x-admin-token': adminToken,
      },
    );
    const login = await post('/v1/auth/login', {
      email: 'alice@example.com',
      password: 'kamifax-demo',
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const authorization = `Bearer ${accessToken}`;
    const pdf = await realisticPdf();

    const send = () => {
      const form = new FormData();
      form.append('recipients', '+81312345678');
      form.append(
        'document',
        new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }),
        'b.pdf',
      );
      return fetch(`${service.url}/v1/faxes`, {
        method: 'POST',
        headers: { authorization, 'idempotency-key': crypto.randomUUID() },
        body: form,
      });
    };
    const account = () => fetch(`${service.url}/v1/account`, { headers: { authorization } });

    // Warm up both paths (JIT, prepared statements, connection pool).
    await Promise.all([timed(send), timed(account), timed(account)]);

    const sends: number[] = [];
    const reads: number[] = [];
    const walls = { send: [] as number[], read: [] as number[] };
    let deliveredMs = 0;
    for (let round = 0; round < rounds; round += 1) {
      let started = performance.now();
      sends.push(...(await Promise.all(Array.from({ length: concurrency }, () => timed(send)))));
      walls.send.push(performance.now() - started);
      // Until the account's line has sent them all (one after another, as one line does).
      for (;;) {
        const list = await fetch(`${service.url}/v1/faxes?direction=outbound&limit=500`, {
          headers: { authorization },
        });
        const { faxes } = (await list.json()) as { faxes: { status: string }[] };
        if (faxes.every((fax) => fax.status !== 'queued' && fax.status !== 'sending')) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      deliveredMs = Math.max(deliveredMs, performance.now() - started);
      started = performance.now();
      reads.push(...(await Promise.all(Array.from({ length: concurrency }, () => timed(account)))));
      walls.read.push(performance.now() - started);
    }

    console.log(
      `${concurrency} concurrent requests, ${rounds} rounds (${sends.length} of each); two-page PDF of ${(pdf.length / 1024).toFixed(0)} kB`,
    );
    console.log(
      `${'figure (ms)'.padEnd(30)}${'POST /faxes'.padStart(14)}${'GET /account'.padStart(14)}`,
    );
    const row = (label: string, a: number, b: number) =>
      console.log(`${label.padEnd(30)}${a.toFixed(1).padStart(14)}${b.toFixed(1).padStart(14)}`);
    row('p50 latency', percentile(sends, 50), percentile(reads, 50));
    row('p95 latency', percentile(sends, 95), percentile(reads, 95));
    row('max latency', Math.max(...sends), Math.max(...reads));
    row('wall time of 50 (median)', percentile(walls.send, 50), percentile(walls.read, 50));
    console.log(
      `all ${concurrency} sends of a round delivered on the simulated line within ${deliveredMs.toFixed(0)} ms (line speed ×100,000)`,
    );
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
