import { createKamifaxApi } from '../../../preload/api';
import { decodeBridgeMessage, encodeBridgeMessage } from '../../../preload/bridge-codec';
import type { EventName, KamifaxApi, Result } from '../../../preload/contract';

interface Pending {
  resolve: (result: Result<unknown>) => void;
}

type BridgeMessage =
  | { id: number; result: Result<unknown> }
  | { event: EventName; payload: unknown }
  | { heartbeat: number };

const closedResult: Result<never> = {
  ok: false,
  error: { code: 'host_unavailable', message: 'The Kamifax host is not running' },
};

/** The page gives up on a host that missed this many heartbeats in a row. */
export const missedBeatsAllowed = 3;

/**
 * `window.kamifax` over the headless host's WebSocket. Calls made before the socket opens
 * wait for it. The host sends a heartbeat every `heartbeatMs`; when the socket closes or the
 * beats stop (a killed or frozen host), the bridge raises `host:connection` `lost` once,
 * pending and later calls answer `host_unavailable`, and a listener that subscribes later
 * still hears it.
 */
export function createWebBridge(url: string, heartbeatMs = 1500): KamifaxApi {
  const socket = new WebSocket(url);
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let lost = false;
  let lastHeard = Date.now();

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const loseHost = () => {
    if (lost) return;
    lost = true;
    clearInterval(watch);
    for (const call of pending.values()) call.resolve(closedResult);
    pending.clear();
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)
      socket.close();
    emit('host:connection', { state: 'lost' });
  };
  const watch = setInterval(() => {
    if (Date.now() - lastHeard > heartbeatMs * missedBeatsAllowed) loseHost();
  }, heartbeatMs);

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    lastHeard = Date.now();
    const data = decodeBridgeMessage(message.data) as BridgeMessage;
    if ('heartbeat' in data) return;
    if ('id' in data) {
      pending.get(data.id)?.resolve(data.result);
      pending.delete(data.id);
    } else emit(data.event, data.payload);
  });
  socket.addEventListener('open', () => {
    lastHeard = Date.now();
  });
  socket.addEventListener('close', loseHost);

  return createKamifaxApi({
    async invoke(channel, payload) {
      if (!(await opened) || lost || socket.readyState !== WebSocket.OPEN) return closedResult;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        socket.send(encodeBridgeMessage({ id, channel, payload }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      if (event === 'host:connection' && lost)
        queueMicrotask(() => {
          if (set.has(listener)) listener({ state: 'lost' });
        });
      return () => set.delete(listener);
    },
  });
}
