import { describe, expect, it } from 'vitest';
import { cpuPerKey, keyMark } from '../../../bench/inbox-ui-cpu';

const page = { pid: 1, tid: 1 };
const task = (ts: number, dur: number, tdur: number, on = page) => ({
  name: 'RunTask',
  ph: 'X',
  ...on,
  ts,
  dur,
  tdur,
});

describe("the inbox bench's CPU per keystroke", () => {
  it("sums the CPU of the page's outermost main-thread tasks from each key to its paint", () => {
    const events = [
      // Key 1 at 1,000 µs, inside the task that began at 900 µs; painted 10 ms later.
      { name: keyMark, ph: 'R', ...page, ts: 1_000 },
      task(900, 2_000, 1_500),
      // Nested in the task above: not counted twice.
      { ...task(1_000, 1_000, 900), name: 'FunctionCall' },
      task(5_000, 1_000, 400),
      // Another thread (the compositor) and a task after the paint: not the key's.
      task(5_000, 3_000, 3_000, { pid: 1, tid: 2 }),
      task(20_000, 1_000, 1_000),
      // Key 2 at 30,000 µs, painted 5 ms later.
      { name: keyMark, ph: 'R', ...page, ts: 30_000 },
      task(30_000, 3_000, 2_000),
    ];
    expect(cpuPerKey(events, [10, 5])).toEqual([1.9, 2]);
  });

  it('gives no figure for keys without a mark', () => {
    expect(cpuPerKey([task(0, 1, 1)], [10])).toEqual([Number.NaN]);
  });
});
