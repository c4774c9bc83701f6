import { afterEach, describe, expect, it, vi } from 'vitest';
import { AfterStartup } from '../../../main/core/async/after-startup';
import { createLogger } from '../../../main/core/log/logger';

const lines: string[] = [];
const log = createLogger((line) => lines.push(line), 'test', 'debug');
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('start work deferred until start-up is over', () => {
  afterEach(() => vi.useRealTimers());

  it('runs nothing before the release, then each task in turn, a macrotask after it', async () => {
    const startup = new AfterStartup(log, 60_000);
    const ran: string[] = [];
    startup.defer('a', () => void ran.push('a'));
    startup.defer('b', async () => {
      await tick();
      ran.push('b');
    });
    await tick();
    await tick();
    expect(ran).toEqual([]);
    expect(startup.isOver).toBe(false);
    startup.release('first query answered');
    // Still nothing in the same turn: the answer that ended start-up goes out first.
    expect(ran).toEqual([]);
    await startup.done;
    await vi.waitFor(() => expect(ran).toEqual(['a', 'b']));
    // Work deferred once start-up is over runs soon, in turn.
    startup.defer('c', () => void ran.push('c'));
    await vi.waitFor(() => expect(ran).toEqual(['a', 'b', 'c']));
    await startup.close();
  });

  it('ends by itself at the time limit (a window started hidden asks no query)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const startup = new AfterStartup(log, 3000);
    let ran = false;
    startup.defer('late', () => void (ran = true));
    vi.advanceTimersByTime(2999);
    expect(startup.isOver).toBe(false);
    vi.advanceTimersByTime(1);
    expect(startup.isOver).toBe(true);
    vi.useRealTimers();
    await startup.done;
    await vi.waitFor(() => expect(ran).toBe(true));
  });

  it('logs a failing task and goes on with the next', async () => {
    const startup = new AfterStartup(log, 60_000);
    let next = false;
    startup.defer('a broken task', () => {
      throw new Error('boom');
    });
    startup.defer('the next', () => void (next = true));
    startup.release('test');
    await vi.waitFor(() => expect(next).toBe(true));
    expect(lines.some((line) => line.includes('a broken task failed'))).toBe(true);
  });

  it('close drops what has not begun and waits for the task running', async () => {
    const startup = new AfterStartup(log, 60_000);
    let finish: () => void = () => undefined;
    const events: string[] = [];
    startup.defer('slow', async () => {
      events.push('slow started');
      await new Promise<void>((resolve) => (finish = resolve));
      events.push('slow finished');
    });
    startup.defer('dropped', () => void events.push('dropped ran'));
    startup.release('test');
    await vi.waitFor(() => expect(events).toEqual(['slow started']));
    const closed = startup.close().then(() => events.push('closed'));
    await tick();
    expect(events).toEqual(['slow started']);
    finish();
    await closed;
    expect(events).toEqual(['slow started', 'slow finished', 'closed']);
  });
});
