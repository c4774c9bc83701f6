import { describe, expect, it, vi } from 'vitest';
import { classifyLoadError } from '../../../renderer/src/viewer/load-errors';
import { DeadlineError, isDeadline, withDeadline } from '../../../renderer/src/viewer/watchdog';

describe('withDeadline', () => {
  it('passes results and errors through when in time', async () => {
    await expect(withDeadline(Promise.resolve(3), 50)).resolves.toBe(3);
    await expect(withDeadline(Promise.reject(new Error('no')), 50)).rejects.toThrow('no');
  });

  it('rejects with a DeadlineError when the work never finishes', async () => {
    vi.useFakeTimers();
    try {
      const pending = withDeadline(new Promise<never>(() => undefined), 8_000);
      const settled = pending.catch((error: unknown) => error);
      vi.advanceTimersByTime(8_000);
      const error = await settled;
      expect(isDeadline(error)).toBe(true);
      expect((error as DeadlineError).milliseconds).toBe(8_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('classifyLoadError', () => {
  const named = (name: string, message = '') => Object.assign(new Error(message), { name });
  it('tells the user why pdf.js refused a file', () => {
    expect(classifyLoadError(named('PasswordException', 'No password given'))).toBe('password');
    expect(classifyLoadError(named('InvalidPDFException', 'Invalid PDF structure.'))).toBe(
      'invalid',
    );
    expect(classifyLoadError(new Error('Invalid XRef stream header'))).toBe('invalid');
    expect(classifyLoadError(new DeadlineError(15_000))).toBe('timeout');
    expect(classifyLoadError(named('UnknownErrorException', 'boom'))).toBe('unknown');
    expect(classifyLoadError('a string')).toBe('unknown');
  });
});
