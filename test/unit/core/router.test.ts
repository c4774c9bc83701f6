import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../../main/core/rpc/router';
import { AppError } from '../../../main/core/rpc/app-error';
import { createLogger } from '../../../main/core/log/logger';

function setup(overrides: Partial<Handlers> = {}) {
  const lines: string[] = [];
  const handlers = {
    'app:ping': ({ nonce }: { nonce: string }) => ({ nonce, receivedAt: 1 }),
    'app:openExternal': () => {
      throw new AppError('refused_url', 'no');
    },
    'settings:get': () => {
      throw new Error('disk on fire at /home/alice/secret');
    },
    ...overrides,
  } as unknown as Handlers;
  return {
    router: createRouter(
      handlers,
      createLogger((l) => lines.push(l)),
    ),
    lines,
  };
}

describe('router', () => {
  it('answers a valid call with a value', async () => {
    const { router } = setup();
    expect(await router.dispatch('app:ping', { nonce: 'n1' })).toEqual({
      ok: true,
      value: { nonce: 'n1', receivedAt: 1 },
    });
  });

  it.each([
    [{ nonce: 42 }],
    [{ nonce: '' }],
    [{ nonce: 'x', extra: true }],
    ['a string'],
    [[1, 2]],
  ])('rejects the bad payload %j with invalid_request and logs it', async (payload) => {
    const { router, lines } = setup();
    const result = await router.dispatch('app:ping', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(lines.some((l) => l.includes('rejected invalid payload'))).toBe(true);
  });

  it.each(['app:nope', '__proto__', 'constructor', 42, null])(
    'rejects unknown channel %j',
    async (channel) => {
      const { router } = setup();
      expect(await router.dispatch(channel, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    },
  );

  it('passes an AppError code through', async () => {
    const { router } = setup();
    expect(await router.dispatch('app:openExternal', { url: 'x' })).toEqual({
      ok: false,
      error: { code: 'refused_url', message: 'no' },
    });
  });

  it('tells onError about known errors only', async () => {
    const seen: string[] = [];
    const router = createRouter(
      {
        'app:openExternal': () => {
          throw new AppError('refused_url', 'no');
        },
        'settings:get': () => {
          throw new Error('boom');
        },
      } as unknown as Handlers,
      createLogger(() => {}),
      (error) => seen.push(error.code),
    );
    await router.dispatch('app:openExternal', { url: 'x' });
    await router.dispatch('settings:get', {});
    expect(seen).toEqual(['refused_url']);
  });

  it('hides an unexpected error behind internal', async () => {
    const { router } = setup();
    const result = await router.dispatch('settings:get', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong' },
    });
  });
});
