import { afterEach, describe, expect, it, vi } from 'vitest';
import { AfterStartup } from '../../../main/core/async/after-startup';
import { createLogger } from '../../../main/core/log/logger';

const lines: string[] = [];
const log = createLogger((line) => lines.push(line), 'test', 'debug');
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('start work waits until start-up is over', () => {
  afterEach(() => vi.useRealTimers());

  it('holds `done` until the release, then lets it go a macrotask after it', async () => {
    const startup = new AfterStartup(log, 60_000);
    const ran: string[] = [];
    const waiters = [
      startup.done.then(() => ran.push('a')),
      startup.done.then(() => ran.push('b')),
    ];
    await tick();
    await tick();
    expect(ran).toEqual([]);
    expect(startup.isOver).toBe(false);
    startup.release('first query answered');
    expect(startup.isOver).toBe(true);
    // Still nothing in the same turn, nor after its microtasks: the answer goes out first.
    await Promise.resolve();
    expect(ran).toEqual([]);
    await Promise.all(waiters);
    expect(ran).toEqual(['a', 'b']);
    expect(lines.some((line) => line.includes('start-up over'))).toBe(true);
    // Waiting once start-up is over goes on at once.
    await startup.done;
    startup.close();
  });

  it('ends by itself at the time limit (a window started hidden asks no query)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const startup = new AfterStartup(log, 3000);
    let ran = false;
    const waiter = startup.done.then(() => (ran = true));
    vi.advanceTimersByTime(2999);
    expect(startup.isOver).toBe(false);
    vi.advanceTimersByTime(1);
    expect(startup.isOver).toBe(true);
    vi.useRealTimers();
    await waiter;
    expect(ran).toBe(true);
  });

  it('close lets waiters go (they check their own owner), and a later release is ignored', async () => {
    const startup = new AfterStartup(log, 60_000);
    const before = lines.length;
    let ran = false;
    const waiter = startup.done.then(() => (ran = true));
    startup.close();
    await waiter;
    expect(ran).toBe(true);
    startup.release('too late');
    expect(lines.slice(before).some((line) => line.includes('too late'))).toBe(false);
  });
});
