import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does to one request. */
export type Fault = 'pass' | 'status503' | 'status502' | 'reset' | 'hang' | 'resetAfterForward';

/**
 * A loopback HTTP proxy that injects faults in front of the real service: a scripted list of
 * faults is consumed one per request, then everything passes. `resetAfterForward` lets the
 * service handle the request and then cuts the answer, the case that makes a naive retry
 * do something twice.
 */
export interface FaultProxy {
  url: string;
  /**
   * Queues faults for the next requests; with `match`, only for requests whose `METHOD path`
   * starts with it, so a background request (live updates, a poll) cannot take the fault;
   * a `match` ending in `$` must equal the whole `METHOD path`.
   */
  script(faults: Fault[], match?: string): void;
  /** Drops the faults not yet used. */
  clear(): void;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

/** Starts a fault-injecting proxy in front of `target`. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queue: { fault: Fault; match: string }[] = [];
  const seen: string[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    seen.push(line);
    const index = queue.findIndex((entry) =>
      entry.match.endsWith('$') ? line === entry.match.slice(0, -1) : line.startsWith(entry.match),
    );
    const fault = index < 0 ? 'pass' : queue.splice(index, 1)[0]!.fault;
    if (fault === 'reset') return req.socket.destroy();
    if (fault === 'hang') return;
    if (fault === 'status503' || fault === 'status502') {
      req.resume();
      res
        .writeHead(fault === 'status503' ? 503 : 502, { 'content-type': 'text/plain' })
        .end('unavailable');
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        if (fault === 'resetAfterForward') {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script(faults, match = '') {
      queue.push(...faults.map((fault) => ({ fault, match })));
    },
    clear() {
      queue.length = 0;
    },
    seen,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
