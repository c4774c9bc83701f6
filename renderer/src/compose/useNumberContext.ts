import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';

/** The country numbers are read in, the paper size, and the user's own and blocked numbers. */
export type NumberContext = ResponseOf<'compose:numberContext'>;

/**
 * What the number checks need, from main (which knows the account's numbers, the blocked
 * list and the `defaultCountry` setting); asked again when the settings change.
 */
export function useNumberContext(): NumberContext | null {
  const kamifax = useKamifax();
  const [context, setContext] = useState<NumberContext | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      detach(
        'compose:numberContext',
        kamifax.compose.numberContext().then((result) => {
          if (live && result.ok) setContext(result.value);
        }),
      );
    load();
    const stop = kamifax.on('settings:changed', load);
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);
  return context;
}
