import { describe, expect, it } from 'vitest';
import { claimSingleInstance, disposeBeforeQuit } from '../../../main/electron/lifecycle';
import { createLogger } from '../../../main/core/log/logger';

// Electron's app is replaced by a recorder: what is under test is the order of our calls.
function recordedApp(lock: boolean) {
  const calls: string[] = [];
  const handlers = new Map<string, (...args: unknown[]) => void>();
  return {
    calls,
    handlers,
    app: {
      requestSingleInstanceLock: (data: unknown) => {
        calls.push(`lock ${JSON.stringify(Object.keys(data as object))}`);
        return lock;
      },
      quit: () => calls.push('quit'),
      on: (event: string, handler: (...args: unknown[]) => void) => {
        handlers.set(event, handler);
        calls.push(`on ${event}`);
      },
    },
  };
}

describe('single instance', () => {
  it('a second instance quits and starts nothing', () => {
    const r = recordedApp(false);
    expect(claimSingleInstance(r.app as never, () => {})).toBe(false);
    expect(r.calls).toEqual(['lock ["argv","cwd"]', 'quit']);
    expect(r.handlers.size).toBe(0);
  });

  it('the first instance receives what a later launch sent', () => {
    const r = recordedApp(true);
    const received: unknown[] = [];
    expect(claimSingleInstance(r.app as never, (request) => received.push(request))).toBe(true);
    r.handlers.get('second-instance')!({}, ['kamifax', '--ignored'], '/elsewhere', {
      argv: ['kamifax', 'send', 'a.pdf'],
      cwd: '/home/me/docs',
    });
    // Without additional data (an older build launching), Electron's own argv and cwd are used.
    r.handlers.get('second-instance')!({}, ['kamifax', 'b.pdf'], '/tmp', undefined);
    expect(received).toEqual([
      { argv: ['kamifax', 'send', 'a.pdf'], cwd: '/home/me/docs' },
      { argv: ['kamifax', 'b.pdf'], cwd: '/tmp' },
    ]);
    expect(r.calls).not.toContain('quit');
  });
});

describe('quit waits for dispose()', () => {
  function quitting(dispose: () => Promise<void>) {
    const r = recordedApp(true);
    const lines: string[] = [];
    disposeBeforeQuit(
      r.app as never,
      dispose,
      createLogger((line) => lines.push(line)),
    );
    const willQuit = () => {
      let prevented = false;
      r.handlers.get('will-quit')!({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { r, lines, willQuit };
  }

  it('holds the quit until disposal has finished, then quits again and lets it through', async () => {
    let finish!: () => void;
    const order: string[] = [];
    const q = quitting(
      () =>
        new Promise<void>((resolve) => {
          order.push('dispose started');
          finish = () => {
            order.push('dispose finished');
            resolve();
          };
        }),
    );
    expect(q.willQuit()).toBe(true);
    expect(q.willQuit()).toBe(true); // a second quit while disposing is held too
    expect(q.r.calls.filter((c) => c === 'quit')).toEqual([]);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['dispose started', 'dispose finished']);
    expect(q.r.calls.filter((c) => c === 'quit')).toEqual(['quit']);
    expect(q.willQuit()).toBe(false); // the quit called after disposal goes through
  });

  it('still quits, and logs, when disposal fails', async () => {
    const q = quitting(async () => {
      throw new Error('database busy');
    });
    expect(q.willQuit()).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(q.r.calls.filter((c) => c === 'quit')).toEqual(['quit']);
    expect(q.lines.join()).toContain('database busy');
  });
});
