/**
 * The service's CPU time from /proc, for `service-send.bench.ts`: user + system time of each of
 * its threads, so the figure is the service's own work whatever else loads the machine.
 *
 * Node 20 leaves its threads unnamed (every `comm` is `node`), so they are told apart as far as
 * /proc can: the main thread (its id is the process id: the event loop every request waits
 * for), the inspection workers (the only threads at nice 10: `pdf/inspect-worker.ts` lowers
 * its own priority), and the rest: V8's helpers (the optimising compiler, concurrent GC
 * marking) and libuv's pool (file writes, fsync). `KAMIFAX_BENCH_PERF` splits the rest
 * (`service-send-perf.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const clockTicks = 100;

export type ThreadKind = 'main' | 'inspection' | 'other';
export const threadKinds: ThreadKind[] = ['main', 'inspection', 'other'];

/** CPU (ms) of each thread of `pid` now, with its kind. */
export function threadCpu(
  pid: number,
): Map<string, { kind: ThreadKind; ms: number; systemMs: number }> {
  const times = new Map<string, { kind: ThreadKind; ms: number; systemMs: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      // Fields after the command's closing parenthesis: utime, stime are the 12th and 13th,
      // nice the 17th.
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        .split(') ')[1]!
        .split(' ');
      const kind: ThreadKind =
        tid === String(pid) ? 'main' : Number(fields[16]) >= 10 ? 'inspection' : 'other';
      times.set(tid, {
        kind,
        ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks,
        systemMs: (Number(fields[12]) * 1000) / clockTicks,
      });
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return times;
}

/**
 * CPU (ms) spent between two `threadCpu` readings, by kind, how many threads had any, and the
 * main thread's system (kernel) time among it: sockets, file calls, page faults.
 */
export function cpuBetween(
  before: ReturnType<typeof threadCpu>,
  after: ReturnType<typeof threadCpu>,
): Record<ThreadKind | 'all' | 'mainSystem', number> & {
  busyThreads: Record<ThreadKind, number>;
} {
  const spent = { main: 0, inspection: 0, other: 0, all: 0, mainSystem: 0 };
  const busyThreads = { main: 0, inspection: 0, other: 0 };
  for (const [tid, { kind, ms, systemMs }] of after) {
    // A thread started meanwhile (a replaced worker) counts from zero.
    const used = ms - (before.get(tid)?.ms ?? 0);
    if (kind === 'main') spent.mainSystem += systemMs - (before.get(tid)?.systemMs ?? 0);
    spent[kind] += used;
    spent.all += used;
    if (used > 0) busyThreads[kind] += 1;
  }
  return { ...spent, busyThreads };
}

/** CPU (ms) the service has used: its main thread, and the whole process (ended threads too). */
export function serviceCpu(pid: number): { main: number; all: number } {
  const ticks = (path: string) => {
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  };
  return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
}

/** CPU (ms) a process has used, all its threads (ended ones too). */
export function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** CPU (ms) every process on the machine has used since boot, all cores (/proc/stat). */
export function machineCpu(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const busy = ticks
    .slice(0, 8)
    .map(Number)
    .reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  return (busy * 1000) / clockTicks;
}
