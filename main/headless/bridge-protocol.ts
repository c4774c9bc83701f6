/**
 * The messages of the headless host's WebSocket bridge. The bridge carries the same
 * contract as Electron's IPC: a call names a channel and a payload, an answer is a Result.
 */
import { z } from 'zod';

/** A call from the page. `id` pairs it with its answer. */
export const bridgeCallSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});

/** A call from the page. */
export type BridgeCall = z.infer<typeof bridgeCallSchema>;

/** The path the bridge's WebSocket listens on. */
export const bridgePath = '/bridge';

/** The name of the meta tag that tells the page where the bridge is. */
export const bridgeMetaName = 'kamifax-bridge';

/** The meta tag's attribute with the heartbeat interval in milliseconds. */
export const heartbeatAttribute = 'data-heartbeat-ms';
