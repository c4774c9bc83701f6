import type { BridgeError, SessionState } from '../../../preload/contract';
import type { AppInfo, Settings } from './types';

/** What the app has loaded so far: the three answers it needs before showing anything. */
export type Boot =
  | { state: 'loading'; info?: AppInfo; settings?: Settings; session?: SessionState }
  | { state: 'failed'; error: BridgeError }
  | { state: 'ready'; info: AppInfo; settings: Settings; session: SessionState };

/** One thing learnt: an answer, an event, or a failed load. */
export type BootPatch =
  { info: AppInfo } | { settings: Settings } | { session: SessionState } | { error: BridgeError };

/**
 * The next boot state, for `setBoot((current) => nextBoot(current, patch))`. Answers and
 * events are applied in the order they arrive, so an event that lands while the app is
 * still loading is kept (not dropped), and a later one always wins over an earlier answer.
 */
export function nextBoot(current: Boot, patch: BootPatch): Boot {
  if (current.state === 'failed') return current;
  if ('error' in patch) return { state: 'failed', error: patch.error };
  if (current.state === 'ready') return { ...current, ...patch };
  const merged = { ...current, ...patch };
  const { info, settings, session } = merged;
  return info && settings && session ? { state: 'ready', info, settings, session } : merged;
}
