/**
 * Builds `window.kamifax` from the contract over any transport (Electron IPC in the preload,
 * a WebSocket in the headless host's browser bridge), so both hosts expose the same object.
 */
import { channelNames } from './channel-names';
import type { Channel, EventName, KamifaxApi, Result } from './contract';

/** What a host must provide to carry the contract. */
export interface BridgeTransport {
  invoke(channel: Channel, request: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Creates the task-level API: one method per channel, grouped by namespace, plus `on`. */
export function createKamifaxApi(transport: BridgeTransport): KamifaxApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channelNames) {
    const [namespace, method] = channel.split(':') as [string, string];
    api[namespace] ??= {};
    api[namespace][method] = (request?: unknown) => transport.invoke(channel, request ?? {});
  }
  const on = (event: EventName, listener: (payload: unknown) => void) =>
    transport.subscribe(event, listener);
  return Object.freeze({ ...api, on }) as unknown as KamifaxApi;
}
