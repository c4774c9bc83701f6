import { describe, expect, it } from 'vitest';
import { createLogger, maskFaxNumbers } from '../../../main/core/log/logger';

describe('logger', () => {
  it('masks fax numbers in messages and fields', () => {
    expect(maskFaxNumbers('sent to +81 50 1234 5678')).toBe('sent to +••••••••••78');
    const lines: string[] = [];
    createLogger((l) => lines.push(l))
      .child('outbox')
      .info('sending to 03-1234-5678', { to: '+815012345678' });
    expect(lines[0]).not.toMatch(/1234/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ module: 'main.outbox', level: 'info' });
  });

  it('redacts secrets by key', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l)).warn('login', {
      refreshToken: 'abc',
      password: 'pw',
      Authorization: 'Bearer x',
    });
    expect(lines[0]).not.toMatch(/abc|pw"|Bearer/);
  });

  it('drops lines under the minimum level', () => {
    const lines: string[] = [];
    createLogger((l) => lines.push(l), 'm', 'warn').info('quiet');
    expect(lines).toHaveLength(0);
  });
});
