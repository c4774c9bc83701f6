/**
 * What a flate bomb upload does to everyone else: the p99 latency of `GET /v1/account` from a
 * second account (4 readers in a loop) while one account uploads a 100 kB PDF that inflates to
 * 100 MB, beside the same reads with no upload. The bomb is inspected in a worker thread with a
 * heap and time budget and refused with 422 document_too_complex; the goal is under 2× quiet.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../service/server';
import { pdfBomb } from '../test/helpers/pdf-bomb';

const readers = 4;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-bomb-'));
  const service = await startService({ port: 0, dataDir, demo: true, lineSpeed: 100_000 });
  try {
    const login = async (email: string) => {
      const answer = await fetch(`${service.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'kamifax-demo' }),
      });
      return `Bearer ${((await answer.json()) as { accessToken: string }).accessToken}`;
    };
    const alice = await login('alice@example.com');
    const bob = await login('bob@example.com');
    const read = async (): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${service.url}/v1/account`, {
        headers: { authorization: bob },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`unexpected ${response.status}`);
      return performance.now() - started;
    };
    /** Reads in `readers` loops until `until` settles; the latencies. */
    const readWhile = async (until: Promise<unknown>) => {
      let done = false;
      const settled = until.finally(() => (done = true));
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: readers }, async () => {
          while (!done) latencies.push(await read());
        }),
      );
      await settled;
      return latencies;
    };
    const bomb = pdfBomb('objects', 100);
    const upload = () => {
      const form = new FormData();
      form.append('recipients', '+815033334444');
      form.append(
        'document',
        new Blob([new Uint8Array(bomb)], { type: 'application/pdf' }),
        'b.pdf',
      );
      return fetch(`${service.url}/v1/faxes`, {
        method: 'POST',
        headers: { authorization: alice, 'idempotency-key': crypto.randomUUID() },
        body: form,
      });
    };

    // Warm up (JIT, prepared statements, the inspection workers).
    await readWhile(new Promise((resolve) => setTimeout(resolve, 500)));
    const started = performance.now();
    const bombAnswer = upload().then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { error?: { code: string } },
      ms: performance.now() - started,
    }));
    const during = await readWhile(bombAnswer);
    const answer = await bombAnswer;
    // The same reads for as long, without the upload.
    const quiet = await readWhile(new Promise((resolve) => setTimeout(resolve, answer.ms)));

    console.log(
      `bomb: ${(bomb.length / 1024).toFixed(0)} kB PDF inflating to 100 MB, answered ${answer.status} ${answer.body.error?.code ?? ''} after ${answer.ms.toFixed(0)} ms`,
    );
    console.log(`GET /v1/account from another account, ${readers} readers in a loop (ms)`);
    console.log(`${'figure'.padEnd(16)}${'quiet'.padStart(10)}${'during bomb'.padStart(14)}`);
    const row = (label: string, a: number, b: number) =>
      console.log(`${label.padEnd(16)}${a.toFixed(1).padStart(10)}${b.toFixed(1).padStart(14)}`);
    row('requests', quiet.length, during.length);
    row('p50', percentile(quiet, 50), percentile(during, 50));
    row('p99', percentile(quiet, 99), percentile(during, 99));
    row('max', Math.max(...quiet), Math.max(...during));
    console.log(
      `p99 during the bomb is ${(percentile(during, 99) / percentile(quiet, 99)).toFixed(2)}× quiet (goal: under 2×)`,
    );
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
