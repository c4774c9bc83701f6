import { useEffect, useState } from 'react';
import { useKamifax } from './KamifaxContext';

/** Whether the host still answers: `lost` once the headless host stopped (never in Electron). */
export type HostConnection = 'connected' | 'lost';

/**
 * The host's connection, from the bridge's heartbeat (`host:connection`). The shell shows
 * "Kamifax stopped; reload when it is back" while it is `lost`.
 */
export function useHostConnection(): HostConnection {
  const kamifax = useKamifax();
  const [state, setState] = useState<HostConnection>('connected');
  useEffect(() => kamifax.on('host:connection', (event) => setState(event.state)), [kamifax]);
  return state;
}
