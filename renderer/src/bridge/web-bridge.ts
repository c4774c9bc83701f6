import { createKamifaxApi } from '../../../preload/api';
import { decodeBridgeMessage, encodeBridgeMessage } from '../../../preload/bridge-codec';
import type { EventName, KamifaxApi, Result } from '../../../preload/contract';

interface Pending {
  resolve: (result: Result<unknown>) => void;
}

const closedResult: Result<never> = {
  ok: false,
  error: { code: 'host_unavailable', message: 'The Kamifax host is not running' },
};

/**
 * `window.kamifax` over the headless host's WebSocket. Calls made before the socket opens
 * wait for it; if the host goes away, pending and later calls answer `host_unavailable`.
 */
export function createWebBridge(url: string): KamifaxApi {
  const socket = new WebSocket(url);
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = decodeBridgeMessage(message.data) as
      { id: number; result: Result<unknown> } | { event: EventName; payload: unknown };
    if ('id' in data) {
      pending.get(data.id)?.resolve(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.resolve(closedResult);
    pending.clear();
  });

  return createKamifaxApi({
    async invoke(channel, payload) {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) return closedResult;
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
      return () => set.delete(listener);
    },
  });
}
