import type { KamifaxApi } from '../../../preload/contract';
import { readFirstAnswers, withFirstAnswers } from './first-answers';
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
  // A signed-in user's page carries the first answers (the inbox's first window among them).
  return withFirstAnswers(hostApi(), readFirstAnswers(document));
}

function hostApi(): KamifaxApi {
  if (window.kamifax) return window.kamifax;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="kamifax-bridge"]');
  if (!meta)
    throw new Error('No Kamifax host: open this page through Electron or npm run start:web');
  const heartbeatMs = Number(meta.getAttribute('data-heartbeat-ms'));
  return createWebBridge(meta.content, heartbeatMs > 0 ? heartbeatMs : undefined);
}
