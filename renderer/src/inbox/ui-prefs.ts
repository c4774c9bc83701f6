import { useCallback, useState } from 'react';

/** How the reading pane sits and whether pages are darkened: preferences of this computer. */
export interface UiPrefs {
  readingPane: 'right' | 'bottom';
  darkenPages: boolean;
}

const key = 'kamifax.ui';
const defaults: UiPrefs = { readingPane: 'right', darkenPages: false };

/** Reads the preferences, falling back to the defaults on anything unexpected. */
export function loadUiPrefs(storage: Pick<Storage, 'getItem'>): UiPrefs {
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? '{}') as Partial<UiPrefs>;
    return {
      readingPane: parsed.readingPane === 'bottom' ? 'bottom' : 'right',
      darkenPages: parsed.darkenPages === true,
    };
  } catch {
    return defaults;
  }
}

/**
 * The reading pane's place and "darken pages" (device preferences, not account data, so
 * they stay at sign-out). Screens read them when they mount.
 */
export function useUiPrefs(): [UiPrefs, (patch: Partial<UiPrefs>) => void] {
  const [prefs, setPrefs] = useState(() => loadUiPrefs(window.localStorage));
  const update = useCallback((patch: Partial<UiPrefs>) => {
    setPrefs((current) => {
      const next = { ...current, ...patch };
      window.localStorage.setItem(key, JSON.stringify(next));
      return next;
    });
  }, []);
  return [prefs, update];
}
