import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { detach } from '../../../../main/core/async/detach';
import { guardProcess } from '../../../../main/core/async/process-guard';
import { createLogger } from '../../../../main/core/log/logger';
import { detach as detachInPage } from '../../../../renderer/src/app/detach';

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: createLogger((line) => lines.push(line), 'test') };
}

/** Resolves after pending promise reactions have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('detach (main)', () => {
  it('logs a rejection with what the work was, instead of leaving it unhandled', async () => {
    const { lines, log } = recordingLog();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      detach(log, 'background sync', Promise.reject(new Error('boom')));
      await settle();
      await settle();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(lines.join('\n')).toContain('background sync failed');
    expect(lines.join('\n')).toContain('boom');
  });

  it('logs a function that throws before it returns a promise', async () => {
    const { lines, log } = recordingLog();
    detach(log, 'prefetch', () => {
      throw new Error('synchronous');
    });
    expect(lines.join('\n')).toContain('prefetch failed');
  });

  it('stays quiet when the work succeeds', async () => {
    const { lines, log } = recordingLog();
    detach(log, 'fine', async () => 1);
    await settle();
    expect(lines).toEqual([]);
  });
});

describe('detach (renderer)', () => {
  it('reports a rejection on the console with what it was', async () => {
    const original = console.error;
    const seen: unknown[][] = [];
    console.error = (...args: unknown[]) => seen.push(args);
    try {
      detachInPage('loading rows', Promise.reject(new Error('gone')));
      detachInPage('throws', () => {
        throw new Error('early');
      });
      await settle();
    } finally {
      console.error = original;
    }
    expect(seen.map((args) => args[0])).toEqual(['throws failed', 'loading rows failed']);
  });
});

describe('guardProcess', () => {
  it('logs an unhandled rejection and can be removed again', () => {
    const { lines, log } = recordingLog();
    const source = new EventEmitter();
    const remove = guardProcess(log, source);
    source.emit('unhandledRejection', new Error('missed'));
    expect(lines.join('\n')).toContain('unhandled rejection (kept running)');
    expect(lines.join('\n')).toContain('missed');
    remove();
    expect(source.listenerCount('unhandledRejection')).toBe(0);
  });
});
