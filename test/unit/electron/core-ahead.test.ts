import { describe, expect, it } from 'vitest';
import { coreAhead } from '../../../main/electron/core-ahead';
import { createEventBus } from '../../../main/core/rpc/event-bus';

const core = () => ({
  router: { dispatch: async (channel: unknown) => ({ ok: true as const, value: channel }) },
  events: createEventBus(),
});

describe('the core before it exists (core-ahead)', () => {
  it('holds calls and listeners until the core is there, then hands them over', async () => {
    const ahead = coreAhead();
    const early = ahead.parts.router.dispatch('settings:get', {});
    const heard: string[] = [];
    ahead.parts.events.listen((event) => heard.push(`kept ${event}`));
    const dropped = ahead.parts.events.listen((event) => heard.push(`dropped ${event}`));
    dropped();
    const built = core();
    ahead.ready(built);
    await expect(early).resolves.toEqual({ ok: true, value: 'settings:get' });
    await expect(ahead.parts.router.dispatch('app:info', {})).resolves.toEqual({
      ok: true,
      value: 'app:info',
    });
    built.events.emit('settings:changed', {} as never);
    expect(heard).toEqual(['kept settings:changed']);
    // A listener that comes after the core is the core's own.
    const late = ahead.parts.events.listen((event) => heard.push(`late ${event}`));
    late();
    built.events.emit('settings:changed', {} as never);
    expect(heard).toEqual(['kept settings:changed', 'kept settings:changed']);
  });

  it('answers the calls made meanwhile with an error when the core could not be built', async () => {
    const ahead = coreAhead();
    const early = ahead.parts.router.dispatch('settings:get', {});
    ahead.failed(new Error('no native build'));
    await expect(early).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
