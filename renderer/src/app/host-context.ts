import { createContext, useContext } from 'react';

/** Which host runs the page: the desktop app, or the browser host (downloads, no folders). */
export const HostContext = createContext<'electron' | 'headless'>('electron');

/** The host running this page. */
export function useHost(): 'electron' | 'headless' {
  return useContext(HostContext);
}
