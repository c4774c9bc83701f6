import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// Electron's utilityProcess is replaced by a recorder that answers like our service entry.
const recorded = vi.hoisted(() => ({
  forks: [] as { path: string; options: Record<string, unknown> }[],
  children: [] as (EventEmitter & { sent: unknown[]; killed: boolean })[],
  answer: 'started' as 'started' | 'failed' | 'exit',
}));
vi.mock('electron', () => ({
  utilityProcess: {
    fork(path: string, _args: string[], options: Record<string, unknown>) {
      recorded.forks.push({ path, options });
      const child = Object.assign(new EventEmitter(), {
        sent: [] as unknown[],
        killed: false,
        postMessage(message: { kind: string }) {
          child.sent.push(message);
          setImmediate(() => {
            if (message.kind === 'stop') {
              child.emit('message', { kind: 'stopped' });
              child.emit('exit', 0);
            } else if (recorded.answer === 'started') {
              child.emit('message', { kind: 'started', url: 'http://127.0.0.1:4321' });
            } else if (recorded.answer === 'failed') {
              child.emit('message', { kind: 'failed', message: 'port in use' });
            } else child.emit('exit', 1);
          });
        },
        kill() {
          child.killed = true;
        },
      });
      recorded.children.push(child);
      return child;
    },
  },
}));

const { utilityProcessRunner } = await import('../../../main/electron/service-utility');
const config = { dataDir: '/data/local-service', adminToken: 't', lineSpeed: 1 };

describe('the demo service in a utility process', () => {
  it('forks the built entry beside main, sends the config, and gets the URL', async () => {
    recorded.answer = 'started';
    const running = await utilityProcessRunner('/app/out/main')(config);
    expect(recorded.forks.at(-1)!.path).toBe('/app/out/main/service-process.js');
    expect(running.url).toBe('http://127.0.0.1:4321');
    const child = recorded.children.at(-1)!;
    expect(child.sent).toEqual([{ kind: 'start', config }]);
    await running.close();
    expect(child.sent.at(-1)).toEqual({ kind: 'stop' });
    expect(child.killed).toBe(false);
  });

  it("rejects with the service's own reason and stops the process", async () => {
    recorded.answer = 'failed';
    await expect(utilityProcessRunner('/m')(config)).rejects.toThrow('port in use');
    expect(recorded.children.at(-1)!.killed).toBe(true);
  });

  it('rejects when the process dies before listening', async () => {
    recorded.answer = 'exit';
    await expect(utilityProcessRunner('/m')(config)).rejects.toThrow(
      'the local service stopped (exit 1)',
    );
  });
});
