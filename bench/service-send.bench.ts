/**
 * 50 concurrent sends (a realistic ~300 kB two-page PDF each, text and a scanned picture;
 * multipart, with an Idempotency-Key; every one inspected by the worker pool) and their
 * p50/p95 latency, beside 50 concurrent `GET /v1/account` as the reference for what any
 * authenticated request costs. The service runs in a child process (`service/cli.ts`, logging
 * at info as deployed), so the 50 clients' own work (building and writing the uploads) is not
 * charged to the service's event loop. While the sends run, another user (bob) reads his
 * account and his inbox in a loop: "other users' reads", beside the same loop on the quiet
 * service. The send's latency is the POST's answer (202, queued); the simulated line is fast,
 * and the time until all 50 are delivered is shown apart.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { realisticPdf } from './realistic-pdf';

const concurrency = 50;
const rounds = 3;
/** Bob's reads run in this many loops at once, one request after another in each. */
const readLoops = 4;
const adminToken = 'bench-admin';
const root = fileURLToPath(new URL('..', import.meta.url));

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

/** The service as deployed: its own process; resolves with its URL and a stop function. */
async function startServiceProcess(dataDir: string) {
  const child = spawn(
    process.execPath,
    [
      // KAMIFAX_BENCH_PROFILE=<dir>: the service writes CPU profiles there (`node --cpu-prof`).
      ...(process.env.KAMIFAX_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KAMIFAX_BENCH_PROFILE}`]
        : []),
      '--import',
      'tsx',
      join(root, 'service', 'cli.ts'),
      '--port',
      '0',
      '--data',
      dataDir,
      '--demo',
      '--admin-token',
      adminToken,
      '--line-speed',
      '100000',
      '--log-level',
      'info',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.on('exit', () => child.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    // Every line is read (the request log included), so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^Kamifax service listening on (\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`the service exited (${code}) before listening`)),
    );
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-send-'));
  const service = await startServiceProcess(dataDir);
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
      { 'x-admin-token': adminToken },
    );
    const signIn = async (email: string) => {
      const login = await post('/v1/auth/login', { email, password: 'kamifax-demo' });
      const { accessToken } = (await login.json()) as { accessToken: string };
      return `Bearer ${accessToken}`;
    };
    const authorization = await signIn('alice@example.com');
    const bob = await signIn('bob@example.com');
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
    // Another user's reads: his account and the first page of his inbox, alternately.
    let turn = 0;
    const bobReads = () =>
      (turn += 1) % 2
        ? fetch(`${service.url}/v1/account`, { headers: { authorization: bob } })
        : fetch(`${service.url}/v1/faxes?direction=inbound&limit=50`, {
            headers: { authorization: bob },
          });
    /** Bob reads in `readLoops` loops until `until` settles; returns each read's latency. */
    const readWhile = async (until: Promise<unknown>) => {
      let done = false;
      const stopped = until.finally(() => (done = true));
      const times: number[] = [];
      await Promise.all(
        Array.from({ length: readLoops }, async () => {
          while (!done) times.push(await timed(bobReads));
        }),
      );
      await stopped;
      return times;
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    // Warm up both paths (JIT, prepared statements, connection pool, the inspection workers).
    await Promise.all([timed(send), timed(send), timed(account), timed(bobReads)]);

    const sends: number[] = [];
    const reads: number[] = [];
    const bobBusy: number[] = [];
    const bobQuiet: number[] = [];
    const walls = { send: [] as number[], read: [] as number[] };
    let deliveredMs = 0;
    for (let round = 0; round < rounds; round += 1) {
      let started = performance.now();
      const batch = Promise.all(Array.from({ length: concurrency }, () => timed(send)));
      bobBusy.push(...(await readWhile(batch)));
      sends.push(...(await batch));
      const sendWall = performance.now() - started;
      walls.send.push(sendWall);
      // Until the account's line has sent them all (one after another, as one line does).
      for (;;) {
        const list = await fetch(`${service.url}/v1/faxes?direction=outbound&limit=500`, {
          headers: { authorization },
        });
        const { faxes } = (await list.json()) as { faxes: { status: string }[] };
        if (faxes.every((fax) => fax.status !== 'queued' && fax.status !== 'sending')) break;
        await pause(10);
      }
      deliveredMs = Math.max(deliveredMs, performance.now() - started);
      // The same reads on the quiet service, for as long as the sends took.
      bobQuiet.push(...(await readWhile(pause(sendWall))));
      started = performance.now();
      reads.push(...(await Promise.all(Array.from({ length: concurrency }, () => timed(account)))));
      walls.read.push(performance.now() - started);
    }

    console.log(
      `${concurrency} concurrent requests, ${rounds} rounds (${sends.length} of each); two-page PDF of ${(pdf.length / 1024).toFixed(0)} kB; service in its own process`,
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
      `another user's reads (${readLoops} loops; account and inbox page): ${'during sends'.padStart(14)}${'quiet'.padStart(10)}`,
    );
    const bobRow = (label: string, p: number) =>
      console.log(
        `${label.padEnd(56)}${percentile(bobBusy, p).toFixed(1).padStart(14)}${percentile(bobQuiet, p).toFixed(1).padStart(10)}`,
      );
    bobRow(`  p50 (ms; ${bobBusy.length} reads during, ${bobQuiet.length} quiet)`, 50);
    bobRow('  p95 (ms)', 95);
    console.log(
      `all ${concurrency} sends of a round delivered on the simulated line within ${deliveredMs.toFixed(0)} ms (line speed ×100,000)`,
    );
  } finally {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
