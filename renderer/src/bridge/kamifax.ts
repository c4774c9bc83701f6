import type { KamifaxApi } from '../../../preload/contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the web bridge stands in. */
    kamifax?: KamifaxApi;
  }
}

/**
 * Finds the contract's API: the preload's on the Electron host, or a WebSocket bridge when
 * the headless host served this page (it announces itself in a meta tag).
 */
export function connectKamifax(): KamifaxApi {
  if (window.kamifax) return window.kamifax;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="kamifax-bridge"]');
  if (!meta)
    throw new Error('No Kamifax host: open this page through Electron or npm run start:web');
  const heartbeatMs = Number(meta.getAttribute('data-heartbeat-ms'));
  return createWebBridge(meta.content, heartbeatMs > 0 ? heartbeatMs : undefined);
}
