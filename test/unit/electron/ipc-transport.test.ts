import { beforeEach, describe, expect, it, vi } from 'vitest';

// The transport's own logic (sender check, then the router) is what is under test here;
// Electron's ipcMain is replaced by a recorder because the Electron binary is not available.
const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
      registered.set(channel, handler),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { attachIpcTransport } = await import('../../../main/electron/ipc-transport');
const { createLogger } = await import('../../../main/core/log/logger');
const { channels } = await import('../../../preload/contract');

function frame(url: string, isMain = true) {
  const main = { url, parent: null };
  return { senderFrame: isMain ? main : { url, parent: main } };
}

describe('ipcMain transport', () => {
  const dispatched: unknown[] = [];
  const lines: string[] = [];
  const core = {
    router: {
      dispatch: async (channel: unknown, payload: unknown) => {
        dispatched.push([channel, payload]);
        return { ok: true, value: 'handled' };
      },
    },
  };

  beforeEach(() => {
    registered.clear();
    dispatched.length = 0;
    lines.length = 0;
    attachIpcTransport(
      core as never,
      ['app://kamifax'],
      createLogger((l) => lines.push(l)),
    );
  });

  it('registers every contract channel and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual(Object.keys(channels).sort());
  });

  it('routes a call from our main frame', async () => {
    const result = await registered.get('app:ping')!(frame('app://kamifax/index.html'), {
      nonce: 'x',
    });
    expect(result).toEqual({ ok: true, value: 'handled' });
    expect(dispatched).toEqual([['app:ping', { nonce: 'x' }]]);
  });

  it.each([
    ['an iframe of our page', frame('app://kamifax/index.html', false)],
    ['a foreign page', frame('https://evil.example/?next=app://kamifax')],
    ['a look-alike origin', frame('app://kamifax.evil/')],
    ['a destroyed frame', { senderFrame: null }],
  ])('rejects %s with forbidden_sender and logs it', async (_name, event) => {
    const result = await registered.get('app:info')!(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(dispatched).toHaveLength(0);
    expect(lines.join('\n')).toContain('rejected IPC from untrusted sender');
  });
});
