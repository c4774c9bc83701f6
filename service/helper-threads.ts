import { readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the CPU priority (raises the nice value, by `by`) of every thread of this process except the
 * main one: V8's helpers (the optimising compiler, concurrent GC marking) and libuv's pool
 * (document writes, fsync), unless already lower. On a busy machine the event loop, which answers every user's
 * requests, then wins the CPU over background work; the inspection workers already lower
 * their own. Linux only (elsewhere nice is per process); for the standalone service, whose
 * process is its own (never inside Electron's main process). Returns how many were lowered.
 */
export async function lowerHelperThreads(by: number): Promise<number> {
  if (process.platform !== 'linux') return 0;
  // Relative to the main thread's own nice value (lowering is always allowed; raising is not).
  const nice = Math.min(19, getPriority() + by);
  // libuv starts its pool at the first piece of work: start it, so its threads are there.
  await stat(process.cwd()).catch(() => undefined);
  let lowered = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    if (Number(tid) === process.pid) continue;
    try {
      // Threads already lower (the inspection workers, at 10) stay as they are.
      if (getPriority(Number(tid)) >= nice) continue;
      setPriority(Number(tid), nice);
      lowered += 1;
    } catch {
      // A thread that ended meanwhile, or not allowed: it keeps its priority.
    }
  }
  return lowered;
}
