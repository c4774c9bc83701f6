import { useEffect } from 'react';

/**
 * Ctrl/Cmd+1…9 call `onScreen(index)`; Ctrl/Cmd+N calls `onNew` (a new fax). Other keys are
 * left to the screens.
 */
export function useShortcuts(onScreen: (index: number) => void, onNew?: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() === 'n' && onNew) {
        event.preventDefault();
        onNew();
        return;
      }
      const digit = Number(event.key);
      if (Number.isInteger(digit) && digit >= 1 && digit <= 9) {
        event.preventDefault();
        onScreen(digit - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onScreen, onNew]);
}
