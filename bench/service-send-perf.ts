/**
 * `KAMIFAX_BENCH_PERF=<dir>` for `service-send.bench.ts`: Linux `perf` samples the service's
 * every thread (main, inspection workers, libuv's pool, V8's GC and compiler threads, and the
 * kernel work each does for it) on CLOCK_MONOTONIC, the clock of `send-windows.json`, so the
 * samples can be cut to the sends alone. The service then runs with `--perf-basic-prof` so its
 * JavaScript frames have names. Read with `perf report -i <dir>/perf.data --sort pid,sym`
 * (`pid` is the thread) or `perf script`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The directory asked for, or null. */
export const perfDir = process.env.KAMIFAX_BENCH_PERF || null;

/** Node flags the service needs for perf to name JavaScript frames. */
export const perfNodeFlags = perfDir ? ['--perf-basic-prof-only-functions'] : [];

/** Starts `perf record` on the service's process; `stop()` ends it and waits for its file. */
export async function startPerf(pid: number): Promise<{ stop(): Promise<void> } | null> {
  if (!perfDir) return null;
  const child: ChildProcess = spawn(
    'perf',
    [
      'record',
      '-q',
      '-e',
      'cpu-clock',
      '-F',
      '997',
      '-g',
      '-k',
      'CLOCK_MONOTONIC',
      '-p',
      String(pid),
      '-o',
      join(perfDir, 'perf.data'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => process.stderr.write(`perf did not start: ${error.message}\n`));
  // perf needs a moment to attach to every thread.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Which thread a sample's stack shows (Node 20 leaves its threads unnamed), or null. */
function threadOf(stack: string): string | null {
  if (stack.includes('node::worker::Worker::Run')) return 'worker threads (inspection)';
  if (stack.includes('PlatformWorkerThread')) return 'V8';
  if (/\sworker\n|uv__work/.test(stack)) return "libuv's pool (fs writes, fsync)";
  return null;
}

/** What V8's helper thread was doing in one sample. */
const v8Work = (stack: string) =>
  /OptimizingCompile|Compil|Pipeline|Turbofan/i.test(stack)
    ? "V8's optimising compiler"
    : /Marking|Scaveng|Sweep|Heap|Evacuat|GC/i.test(stack)
      ? "V8's GC helpers"
      : "V8's other helpers";

/**
 * CPU per send by what each thread was doing, from perf's samples within the send windows
 * (`windows` in µs of CLOCK_MONOTONIC); printed after the bench's own figures.
 */
export function printPerfSplit(windows: [number, number][], sends: number): void {
  if (!perfDir) return;
  const script = spawnSync(
    'perf',
    ['script', '-i', join(perfDir, 'perf.data'), '-F', 'tid,time,ip,sym'],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
  );
  if (script.status !== 0) {
    process.stderr.write(`perf script failed: ${script.stderr}\n`);
    return;
  }
  const inWindow = (seconds: number) =>
    windows.some(([from, to]) => seconds * 1e6 >= from && seconds * 1e6 <= to);
  const samples: { tid: number; time: number; stack: string }[] = [];
  for (const block of script.stdout.split('\n\n')) {
    const head = /^\s*(\d+)\s+([\d.]+):/.exec(block);
    if (head) samples.push({ tid: Number(head[1]), time: Number(head[2]), stack: block });
  }
  if (samples.length === 0) return;
  const mainTid = Math.min(...samples.map((sample) => sample.tid));
  // A thread is what most of its samples show (a sample in a futex wait may have no stack).
  const seen = new Map<number, Map<string, number>>();
  for (const { tid, stack } of samples) {
    const thread = threadOf(stack);
    if (!thread) continue;
    const votes = seen.get(tid) ?? new Map<string, number>();
    votes.set(thread, (votes.get(thread) ?? 0) + 1);
    seen.set(tid, votes);
  }
  const threadKind = (tid: number) =>
    [...(seen.get(tid) ?? [])].sort(([, x], [, y]) => y - x)[0]?.[0] ?? 'other';
  const counts = new Map<string, number>();
  let all = 0;
  for (const { tid, time, stack } of samples) {
    if (!inWindow(time)) continue;
    const thread = tid === mainTid ? 'main thread' : threadKind(tid);
    const kind = thread === 'V8' ? v8Work(stack) : thread;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    all += 1;
  }
  // cpu-clock at 997 Hz: one sample is ~1 ms of a thread's CPU.
  const ms = (count: number) => ((count * 1000) / 997 / sends).toFixed(2);
  console.log(
    `perf (samples in the send windows, under perf): ${ms(all)} ms per send: ${[...counts]
      .sort(([, x], [, y]) => y - x)
      .map(([kind, count]) => `${kind} ${ms(count)}`)
      .join(', ')}`,
  );
}
