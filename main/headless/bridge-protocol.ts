/**
 * Where the headless host's WebSocket bridge is and how the page learns of it. No zod here:
 * the server that serves the page imports these, while the call's schema and the sockets
 * (bridge-socket.ts) load apart, only once a page needs them.
 */

/** The path the bridge's WebSocket listens on. */
export const bridgePath = '/bridge';

/** The name of the meta tag that tells the page where the bridge is. */
export const bridgeMetaName = 'kamifax-bridge';

/** The meta tag's attribute with the heartbeat interval in milliseconds. */
export const heartbeatAttribute = 'data-heartbeat-ms';
