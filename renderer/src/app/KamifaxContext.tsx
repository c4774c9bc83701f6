import { createContext, useContext } from 'react';
import type { KamifaxApi } from '../../../preload/contract';

/** The contract's API, provided once at the root so screens never reach for a global. */
export const KamifaxContext = createContext<KamifaxApi | null>(null);

/** The contract's API. */
export function useKamifax(): KamifaxApi {
  const api = useContext(KamifaxContext);
  if (!api) throw new Error('useKamifax outside KamifaxContext');
  return api;
}
