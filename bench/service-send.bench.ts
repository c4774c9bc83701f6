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
 * /proc: the main thread, the inspection workers, and the other threads, V8's helpers and
 * libuv's pool; `service-send-cpu.ts`) moves much less, and is printed beside them, for all
 * rounds and for each. The counted rounds follow one uncounted warm-up round of 50 sends (a
 * deployed service runs warm for days); that round, a just-started service whose JIT is still
 * compiling, is printed beside them as "cold". Each round also prints the whole machine: its
 * wall time beside the CPU of the service, of this process (the 50 clients), of the reader and
 * of every process (`/proc/stat`): on two cores no round takes less wall than half their sum.
 * `KAMIFAX_BENCH_PERF=<dir>` samples every thread with Linux perf and splits "other" into the
 * optimising compiler, GC helpers and libuv's pool (`service-send-perf.ts`).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realisticPdf } from './realistic-pdf';
import {
  cpuBetween,
  machineCpu,
  processCpu,
  serviceCpu,
  threadCpu,
  threadKinds,
} from './service-send-cpu';
import { perfDir, perfNodeFlags, printPerfSplit, startPerf } from './service-send-perf';

const concurrency = 50;
/**
 * Counted rounds of 50 (`KAMIFAX_BENCH_ROUNDS`, 3 by default, at most 3: alice's paid plan has
 * 500 pages), after one uncounted warm-up round: a deployed service runs warm for days, so the
 * counted rounds model one whose JIT has compiled the send path; the warm-up round's figures
 * (a just-started service) are printed beside them as the cold case.
 */
const rounds = Math.min(3, Number(process.env.KAMIFAX_BENCH_ROUNDS) || 3);
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
 * The service as deployed: its own process, its log lines (one per request, at info) going to
 * a file as a deployed service's go to a file or the journal. (Into a pipe that this process
 * drains, a full pipe would stall the service's writes whenever this event loop is busy with
 * the 50 uploads: a coupling no deployment has.) Resolves with its URL and a stop function.
 */
async function startServiceProcess(dataDir: string) {
  // KAMIFAX_BENCH_SERVICE_LOG=<file>: keep the service's output there (the data folder goes).
  const logPath = process.env.KAMIFAX_BENCH_SERVICE_LOG || join(dataDir, 'service-stdout.log');
  const log = openSync(logPath, 'w');
  const child = spawn(
    process.execPath,
    [
      // KAMIFAX_BENCH_PROFILE=<dir>: the service writes CPU profiles there (`node --cpu-prof`).
      ...(process.env.KAMIFAX_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KAMIFAX_BENCH_PROFILE}`]
        : []),
      ...perfNodeFlags,
      // KAMIFAX_BENCH_SERVICE_FLAGS: more Node or V8 flags for the service (e.g. --trace-deopt).
      ...(process.env.KAMIFAX_BENCH_SERVICE_FLAGS?.split(' ').filter(Boolean) ?? []),
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
    pid: child.pid!,
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

    /** Until the account's line has sent them all (one after another, as one line does). */
    const allDelivered = async () => {
      for (;;) {
        const list = await fetch(`${service.url}/v1/faxes?direction=outbound&limit=500`, {
          headers: { authorization },
        });
        const { faxes } = (await list.json()) as { faxes: { status: string }[] };
        if (faxes.every((fax) => fax.status !== 'queued' && fax.status !== 'sending')) break;
        await pause(10);
      }
    };
    const perf = await startPerf(service.pid);
    const load = [loadavg()[0]!];
    const sends: number[] = [];
    const reads: number[] = [];
    const bobBusy: number[] = [];
    const bobQuiet: number[] = [];
    const walls = { send: [] as number[], read: [] as number[] };
    let deliveredMs = 0;
    const cpu = { main: 0, all: 0, quiet: 0 };
    /**
     * Per round: the sends' p95, the service's CPU by thread kind, and the whole machine's
     * budget: the round's wall time, this process's CPU (the 50 clients), the reader's, and the
     * CPU every process on the machine used meanwhile (ours and anyone else's).
     */
    const perRound: {
      p95: number;
      cpu: ReturnType<typeof cpuBetween>;
      budget: {
        wall: number;
        client: number;
        clientSystem: number;
        reader: number;
        machine: number;
      };
    }[] = [];
    /** Each round's sends, in µs of the monotonic clock that CPU profiles' timestamps use. */
    const sendWindows: [bigint, bigint][] = [];
    /** The uncounted warm-up round (round -1): the just-started service's figures. */
    let cold: { p95: number; p50: number; cpu: ReturnType<typeof cpuBetween> } | null = null;
    for (let round = -1; round < rounds; round += 1) {
      const warmUp = round < 0;
      const threadsBefore = threadCpu(service.pid);
      const cpuBefore = serviceCpu(service.pid);
      const clientBefore = process.cpuUsage();
      const readerBefore = processCpu(reader.pid);
      const machineBefore = machineCpu();
      let started = performance.now();
      const startedMono = process.hrtime.bigint() / 1000n;
      const batch = Promise.all(Array.from({ length: concurrency }, () => timed(send)));
      const busyReads = await readWhile(batch);
      const roundSends = await batch;
      const sendWall = performance.now() - started;
      const cpuAfter = serviceCpu(service.pid);
      const clientUsage = process.cpuUsage(clientBefore);
      const budget = {
        wall: sendWall,
        client: (clientUsage.user + clientUsage.system) / 1000,
        clientSystem: clientUsage.system / 1000,
        reader: processCpu(reader.pid) - readerBefore,
        machine: machineCpu() - machineBefore,
      };
      if (warmUp) {
        cold = {
          p50: percentile(roundSends, 50),
          p95: percentile(roundSends, 95),
          cpu: cpuBetween(threadsBefore, threadCpu(service.pid)),
        };
        await allDelivered();
        load[0] = loadavg()[0]!;
        continue;
      }
      bobBusy.push(...busyReads);
      sends.push(...roundSends);
      perRound.push({
        p95: percentile(sends.slice(-concurrency), 95),
        cpu: cpuBetween(threadsBefore, threadCpu(service.pid)),
        budget,
      });
      cpu.main += cpuAfter.main - cpuBefore.main;
      cpu.all += cpuAfter.all - cpuBefore.all;
      walls.send.push(sendWall);
      sendWindows.push([startedMono, process.hrtime.bigint() / 1000n]);
      await allDelivered();
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
    await perf?.stop();
    for (const dir of [process.env.KAMIFAX_BENCH_PROFILE, perfDir])
      if (dir)
        writeFileSync(
          join(dir, 'send-windows.json'),
          JSON.stringify(sendWindows.map(([from, to]) => [Number(from), Number(to)])),
        );

    console.log(
      `${concurrency} concurrent requests, ${rounds} rounds (${sends.length} of each) after one uncounted warm-up round of ${concurrency} sends (a service that has run for a while; the warm-up round, a just-started service, is the "cold" line below); two-page PDF of ${(pdf.length / 1024).toFixed(0)} kB; service in its own process`,
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
    // By thread kind (service-send-cpu.ts): which threads the whole process's time is on.
    const kindsPerSend = threadKinds.map((kind) => {
      const ms = perRound.reduce((sum, r) => sum + r.cpu[kind], 0) / sends.length;
      const busy = Math.max(...perRound.map((r) => r.cpu.busyThreads[kind]));
      return `${kind} ${ms.toFixed(1)} (${busy} thread${busy === 1 ? '' : 's'})`;
    });
    console.log(
      `  by thread, per send (bob's reads included): ${kindsPerSend.join(', ')} ms; "other" is V8's compiler and GC helpers and libuv's pool (KAMIFAX_BENCH_PERF splits them)`,
    );
    if (cold)
      console.log(
        `  cold (the uncounted warm-up round, a just-started service): sends p50 ${cold.p50.toFixed(0)} ms, p95 ${cold.p95.toFixed(0)} ms; CPU per send: whole ${(cold.cpu.all / concurrency).toFixed(1)}, main ${(cold.cpu.main / concurrency).toFixed(1)}, inspection ${(cold.cpu.inspection / concurrency).toFixed(1)}, other ${(cold.cpu.other / concurrency).toFixed(1)} ms`,
      );
    for (const [index, { p95, cpu: c }] of perRound.entries())
      console.log(
        `  round ${index + 1}: sends p95 ${p95.toFixed(0)} ms; CPU per send: whole ${(c.all / concurrency).toFixed(1)}, main ${(c.main / concurrency).toFixed(1)} (in the kernel ${(c.mainSystem / concurrency).toFixed(1)}), inspection ${(c.inspection / concurrency).toFixed(1)}, other ${(c.other / concurrency).toFixed(1)} ms`,
      );
    // The whole machine during each round: two cores give at most 2 × wall of CPU, and every
    // send's answer waits for its share of everything that ran meanwhile.
    console.log(
      `the machine during each round (ms of CPU; 2 cores give 2 × the round's wall): service / the bench's 50 clients (this process) / the reader / every process on the machine`,
    );
    for (const [index, { cpu: c, budget: b }] of perRound.entries())
      console.log(
        `  round ${index + 1}: wall ${b.wall.toFixed(0)} (2 × wall ${(2 * b.wall).toFixed(0)}); service ${c.all.toFixed(0)}, clients ${b.client.toFixed(0)} (in the kernel ${b.clientSystem.toFixed(0)}), reader ${b.reader.toFixed(0)}: ${(c.all + b.client + b.reader).toFixed(0)}; machine ${b.machine.toFixed(0)}`,
      );
    printPerfSplit(
      sendWindows.map(([from, to]) => [Number(from), Number(to)]),
      sends.length,
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
