/**
 * The page's main-thread CPU per keystroke, from a Chrome trace of only the top-level tasks
 * (`toplevel`, cheap to record) and the probe's `performance.mark` at each key. Under load a
 * keystroke's wall time is mostly waiting for one of the shared cores; the thread's CPU time
 * (`tdur`) of the tasks from the key to its rows painted is what the page itself spent, and
 * stays comparable between builds typed in turns.
 */
import type { CDPSession } from 'playwright-core';

/** The name of the probe's mark at each key's input event (inbox-ui-page.ts). */
export const keyMark = 'inbox-bench-key';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

export async function startKeyCpu(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'] },
  });
}

/**
 * Stops the trace; per key (in the order typed), the CPU time of the page's main-thread tasks
 * that ran between the key's mark and its rows painted (`spansMs[i]` after the mark).
 */
export async function stopKeyCpu(cdp: CDPSession, spansMs: readonly number[]): Promise<number[]> {
  const parsed = JSON.parse(await endTrace(cdp)) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return cpuPerKey(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []), spansMs);
}

/** See stopKeyCpu; exported for its test on a made-up trace. */
export function cpuPerKey(events: readonly TraceEvent[], spansMs: readonly number[]): number[] {
  const marks = events.filter((e) => e.name === keyMark).sort((a, b) => a.ts - b.ts);
  const first = marks[0];
  if (!first) return spansMs.map(() => Number.NaN);
  const thread = `${first.pid}:${first.tid}`;
  // The outermost complete events on the page's main thread: its tasks.
  const tasks: TraceEvent[] = [];
  let until = -Infinity;
  for (const event of events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread)
    .sort((a, b) => a.ts - b.ts)) {
    if (event.ts < until) continue;
    tasks.push(event);
    until = event.ts + (event.dur ?? 0);
  }
  return spansMs.map((span, index) => {
    const mark = marks[index];
    if (!mark) return Number.NaN;
    const end = mark.ts + span * 1000;
    let cpu = 0;
    // A task counts when it overlaps the span (the key's own task began before its mark).
    for (const task of tasks)
      if (task.ts < end && task.ts + (task.dur ?? 0) > mark.ts) cpu += task.tdur ?? task.dur ?? 0;
    return cpu / 1000;
  });
}

/** Ends a trace started with `Tracing.start` (stream transfer) and reads it whole: its JSON. */
export async function endTrace(cdp: CDPSession): Promise<string> {
  const complete = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream!)),
  );
  await cdp.send('Tracing.end');
  const handle = await complete;
  const chunks: string[] = [];
  for (;;) {
    const { data, eof } = await cdp.send('IO.read', { handle });
    chunks.push(data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle });
  return chunks.join('');
}
