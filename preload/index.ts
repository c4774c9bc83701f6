/**
 * The Electron preload: exposes `window.kamifax`, built from the contract, and nothing else.
 * Raw `ipcRenderer` stays in this file; the page only sees task-level methods.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createKamifaxApi } from './api';
import { eventWireName } from './contract';

contextBridge.exposeInMainWorld(
  'kamifax',
  createKamifaxApi({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    subscribe(event, listener) {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(eventWireName(event), handler);
      return () => {
        ipcRenderer.removeListener(eventWireName(event), handler);
      };
    },
  }),
);
