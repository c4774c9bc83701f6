/**
 * The headless host's WebSocket bridge: the page's calls through the core's router and the
 * core's events to the page, the same contract as Electron's IPC. Loaded apart from the server
 * (headless-server.ts): ws and the call's schema are not needed to serve the page, so they are
 * read after it, or at the first bridge connection, whichever comes first.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { decodeBridgeMessage, encodeBridgeMessage } from '../../preload/bridge-codec';
import type { Core } from '../core/app';
import { detach } from '../core/async/detach';
import type { Logger } from '../core/log/logger';

/** A call from the page. `id` pairs it with its answer. */
export const bridgeCallSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});

/** A call from the page. */
export type BridgeCall = z.infer<typeof bridgeCallSchema>;

/** The bridge's open sockets and heartbeat. */
export interface BridgeSockets {
  /** Takes over an upgrade the server has already checked (cookie, Host, Origin, path). */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every socket and the heartbeat. */
  close(): void;
}

/**
 * Carries the contract for `core` over the sockets it accepts. Both directions beat: the page
 * hears a beat (and gives up on a silent host); a page that stopped answering pings is dropped.
 */
export function bridgeSockets(core: Core, log: Logger, heartbeatMs: number): BridgeSockets {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();
  const attach = (ws: WebSocket) => {
    sockets.add(ws);
    alive.set(ws, true);
    const stop = core.events.listen((event, payload) => {
      ws.send(encodeBridgeMessage({ event, payload }));
    });
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', (error) => log.warn('bridge socket error', { error: String(error) }));
    ws.on('close', () => {
      sockets.delete(ws);
      stop();
    });
    const answer = async (data: RawData) => {
      let call;
      try {
        call = bridgeCallSchema.parse(decodeBridgeMessage(data.toString()));
      } catch {
        log.warn('rejected malformed bridge message');
        ws.close(1008, 'malformed message');
        return;
      }
      const result = await core.router.dispatch(call.channel, call.payload);
      if (ws.readyState === ws.OPEN) ws.send(encodeBridgeMessage({ id: call.id, result }));
    };
    ws.on('message', (data) => detach(log, 'answering a bridge call', answer(data)));
  };
  const heartbeat = setInterval(() => {
    for (const ws of sockets) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
      ws.send(encodeBridgeMessage({ heartbeat: Date.now() }));
    }
  }, heartbeatMs);
  heartbeat.unref();
  return {
    accept: (request, socket, head) => wss.handleUpgrade(request, socket, head, attach),
    close() {
      clearInterval(heartbeat);
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
