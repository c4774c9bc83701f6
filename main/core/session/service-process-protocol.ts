import type { EmbeddedServiceConfig } from './embedded-service';

/** What the host sends to the embedded service's process. */
export type ServiceProcessMessage =
  { kind: 'start'; config: EmbeddedServiceConfig } | { kind: 'stop' };

/** What the embedded service's process answers. */
export type ServiceProcessReply =
  { kind: 'started'; url: string } | { kind: 'failed'; message: string } | { kind: 'stopped' };

/** A child process as both hosts see it: Electron's UtilityProcess and Node's ChildProcess. */
export interface ServiceChild {
  send(message: ServiceProcessMessage): void;
  onReply(listener: (reply: ServiceProcessReply) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/**
 * Drives a service child: sends the configuration, resolves with the URL once it listens,
 * and rejects with the child's own reason (or its exit) otherwise. `close()` asks it to stop
 * and kills it if it has not exited within `graceMs`.
 */
export function driveServiceChild(
  child: ServiceChild,
  config: EmbeddedServiceConfig,
  graceMs = 5000,
): Promise<{ url: string; close(): Promise<void> }> {
  let exited = false;
  const exits: (() => void)[] = [];
  child.onExit(() => {
    exited = true;
    for (const resolve of exits.splice(0)) resolve();
  });
  return new Promise((resolve, reject) => {
    child.onExit((code) => reject(new Error(`the local service stopped (exit ${code})`)));
    child.onReply((reply) => {
      if (reply.kind === 'failed') {
        reject(new Error(reply.message));
        child.kill();
      }
      if (reply.kind !== 'started') return;
      resolve({
        url: reply.url,
        async close() {
          if (exited) return;
          const gone = new Promise<void>((done) => exits.push(done));
          child.send({ kind: 'stop' });
          const timer = setTimeout(() => child.kill(), graceMs);
          await gone;
          clearTimeout(timer);
        },
      });
    });
    child.send({ kind: 'start', config });
  });
}
