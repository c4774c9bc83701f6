/**
 * 50 concurrent sends (a realistic ~300 kB two-page PDF each, text and a scanned picture;
 * multipart, with an Idempotency-Key; every one inspected by the worker pool) and their
 * p50/p95/max latency, beside 50 concurrent `GET /v1/account` as the reference for what any
 * authenticated request costs. The service runs in a child process (`service/cli.ts`, logging
 * at info as deployed, into a file), so the 50 clients' own work (building and writing the
 * uploads) is not charged to the service's event loop. While the sends run, another user (bob)
 * reads his account and his inbox in a loop, from a third process (`service-send-reader.ts`,
 * so the uploads' client-side work never delays him): "other users' reads", beside the same
 * loop on the quiet service. The send's latency is the POST's answer (202, queued); the
 * simulated line is fast, and the time until all 50 are delivered is shown apart.
 * Latencies move with the machine's load (printed); the service's own CPU time per send (from
 * /proc, its main thread apart, then each other thread: the inspection workers, libuv's pool,
 * V8's helpers) moves much less, and is printed beside them.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * CPU time (user + system, ms) the service has used: its main thread (the event loop every
 * request waits for) and the whole process (the inspection workers, libuv's pool, GC threads).
 * From /proc, so the figure is the service's own work whatever else loads the machine.
 */
function serviceCpu(pid: number): { main: number; all: number } {
  const ticks = (path: string) => {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  };
  return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
}
/** CPU time (ms) of each thread of the service, by thread id. */
function threadCpu(pid: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        .split(') ')[1]!
        .split(' ');
      times.set(tid, ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks);
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return times;
}
/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const clockTicks = 100;

/**
 * The service as deployed: its own process, its log lines (one per request, at info) going to
 * a file as a deployed service's go to a file or the journal. (Into a pipe that this process
 * drains, a full pipe would stall the service's writes whenever this event loop is busy with
 * the 50 uploads: a coupling no deployment has.) Resolves with its URL and a stop function.
 */
async function startServiceProcess(dataDir: string) {
  const logPath = join(dataDir, 'service-stdout.log');
  const log = openSync(logPath, 'w');
  const child = spawn(
    process.execPath,
    [
      // KAMIFAX_BENCH_PROFILE=<dir>: the service writes CPU profiles there (`node --cpu-prof`).
      ...(process.env.KAMIFAX_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KAMIFAX_BENCH_PROFILE}`]
        : []),
      '--import',
      'tsx',
      // KAMIFAX_BENCH_SERVICE=<dir>: another copy of service/ (an A/B beside older code).
      join(process.env.KAMIFAX_BENCH_SERVICE ?? join(root, 'service'), 'cli.ts'),
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
    { cwd: root, stdio: ['ignore', log, 'inherit'] },
  );
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.on('exit', () => child.kill('SIGKILL'));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  let url: string | undefined;
  while (!url) {
    if (exitCode !== undefined)
      throw new Error(`the service exited (${exitCode}) before listening`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    url = /^Kamifax service listening on (\S+)$/m.exec(readFileSync(logPath, 'utf8'))?.[1];
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Bob's reader (`service-send-reader.ts`) in its own process; `run()`, then `stop()` → times. */
async function startReader(url: string, authorization: string) {
  const child: ChildProcess = fork(
    join(root, 'bench', 'service-send-reader.ts'),
    [JSON.stringify({ url, authorization, loops: readLoops })],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  process.on('exit', () => child.kill('SIGKILL'));
  const reply = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message[key] as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the reader exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  await reply('ready');
  return {
    async run() {
      const started = reply('started');
      child.send({ run: true });
      await started;
    },
    stop() {
      const times = reply<number[]>('times');
      child.send({ run: false });
      return times;
    },
    close() {
      child.disconnect();
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
    // Another user's reads (his account and the first page of his inbox, alternately), from
    // a process of his own.
    const reader = await startReader(service.url, bob);
    /** Bob reads in `readLoops` loops until `until` settles; returns each read's latency. */
    const readWhile = async (until: Promise<unknown>) => {
      await reader.run();
      await until.catch(() => undefined);
      const times = await reader.stop();
      await until;
      return times;
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    // Warm up both paths (JIT, prepared statements, connection pool, the inspection workers).
    await Promise.all([timed(send), timed(send), timed(account)]);
    await readWhile(pause(200));

    const load = [loadavg()[0]!];
    const sends: number[] = [];
    const reads: number[] = [];
    const bobBusy: number[] = [];
    const bobQuiet: number[] = [];
    const walls = { send: [] as number[], read: [] as number[] };
    let deliveredMs = 0;
    const cpu = { main: 0, all: 0, quiet: 0 };
    const threads = new Map<string, number>();
    /** Each round's sends, in µs of the monotonic clock that CPU profiles' timestamps use. */
    const sendWindows: [bigint, bigint][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const threadsBefore = threadCpu(service.pid);
      const cpuBefore = serviceCpu(service.pid);
      let started = performance.now();
      const startedMono = process.hrtime.bigint() / 1000n;
      const batch = Promise.all(Array.from({ length: concurrency }, () => timed(send)));
      bobBusy.push(...(await readWhile(batch)));
      sends.push(...(await batch));
      const sendWall = performance.now() - started;
      const cpuAfter = serviceCpu(service.pid);
      for (const [tid, ms] of threadCpu(service.pid))
        threads.set(tid, (threads.get(tid) ?? 0) + ms - (threadsBefore.get(tid) ?? 0));
      cpu.main += cpuAfter.main - cpuBefore.main;
      cpu.all += cpuAfter.all - cpuBefore.all;
      walls.send.push(sendWall);
      sendWindows.push([startedMono, process.hrtime.bigint() / 1000n]);
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
      const quietBefore = serviceCpu(service.pid);
      bobQuiet.push(...(await readWhile(pause(sendWall))));
      cpu.quiet += serviceCpu(service.pid).main - quietBefore.main;
      started = performance.now();
      reads.push(...(await Promise.all(Array.from({ length: concurrency }, () => timed(account)))));
      walls.read.push(performance.now() - started);
      load.push(loadavg()[0]!);
    }
    reader.close();
    if (process.env.KAMIFAX_BENCH_PROFILE)
      writeFileSync(
        join(process.env.KAMIFAX_BENCH_PROFILE, 'send-windows.json'),
        JSON.stringify(sendWindows.map(([from, to]) => [Number(from), Number(to)])),
      );

    console.log(
      `${concurrency} concurrent requests, ${rounds} rounds (${sends.length} of each); two-page PDF of ${(pdf.length / 1024).toFixed(0)} kB; service in its own process`,
    );
    console.log(
      `load average (1 min) before and after each round: ${load.map((l) => l.toFixed(2)).join(' / ')}`,
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
    // Bob's reads ran on the same main thread during the sends; their cost is known from the
    // quiet phase (main-thread CPU per quiet read) and taken out.
    const perRead = cpu.quiet / bobQuiet.length;
    console.log(
      `service CPU while the sends ran (user+system; other load on the machine does not count), per send: main thread ${((cpu.main - perRead * bobBusy.length) / sends.length).toFixed(1)} ms without bob's reads (${(cpu.main / sends.length).toFixed(1)} with them; one quiet read ${perRead.toFixed(2)} ms), whole process ${(cpu.all / sends.length).toFixed(1)} ms`,
    );
    const busiest = [...threads]
      .filter(([tid]) => tid !== String(service.pid))
      .map(([, ms]) => ms / sends.length)
      .filter((ms) => ms >= 0.05)
      .sort((x, y) => y - x);
    console.log(
      `  the other threads' CPU per send, busiest first (the inspection workers, libuv's pool, V8's GC and compiler threads; unnamed on Linux): ${busiest.map((ms) => ms.toFixed(2)).join(' / ')} ms`,
    );
    console.log(
      `all ${concurrency} sends of a round delivered on the simulated line within ${deliveredMs.toFixed(0)} ms (line speed ×100,000)`,
    );
  } finally {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
