import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PageRotation } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import type { KeyValueStore } from './rotation-memory';

/** The prefix rotation memory writes its keys with (`rotation-memory.ts`). */
const prefix = 'kamifax.viewer.rotation.';

/**
 * Where the signed-in window's viewers remember page rotations: the account's store in main
 * (`inbox:rotations`, `inbox:setRotation`), so they are per account and go with the account
 * at sign-out. Without a provider the viewer keeps rotations for the page's life only.
 */
const RotationStoreContext = createContext<KeyValueStore | null>(null);

/** The account's rotation store, if the viewer is inside the signed-in window. */
export function useAccountRotations(): KeyValueStore | null {
  return useContext(RotationStoreContext);
}

/** Removes rotations earlier versions kept in the browser's storage (nothing is migrated). */
export function forgetBrowserRotations(storage: Storage = window.localStorage): void {
  try {
    for (const key of Object.keys(storage)) if (key.startsWith(prefix)) storage.removeItem(key);
  } catch {
    // A storage the page may not touch holds nothing of ours either.
  }
}

/** Loads the account's rotations once, then keeps them in step as the user turns pages. */
export function AccountRotationsProvider({ children }: { children: ReactNode }) {
  const kamifax = useKamifax();
  const [remembered, setRemembered] = useState<ReadonlyMap<string, string>>(() => new Map());

  useEffect(() => {
    forgetBrowserRotations();
    let live = true;
    detach(
      'reading the remembered page rotations',
      kamifax.inbox.rotations().then((result) => {
        if (!live || !result.ok) return;
        const loaded = Object.entries(result.value.rotations).map(
          ([key, rotation]) => [key, JSON.stringify(rotation)] as const,
        );
        // A turn made while this was loading wins over what was stored.
        setRemembered((now) => new Map([...loaded, ...now]));
      }),
    );
    return () => {
      live = false;
    };
  }, [kamifax]);

  const store = useMemo<KeyValueStore>(
    () => ({
      getItem: (key) =>
        key.startsWith(prefix) ? (remembered.get(key.slice(prefix.length)) ?? null) : null,
      setItem: (key, value) => {
        if (!key.startsWith(prefix)) return;
        const documentKey = key.slice(prefix.length);
        setRemembered((now) => new Map(now).set(documentKey, value));
        const rotation = JSON.parse(value) as PageRotation;
        // Remembering is a convenience: a refusal only loses this rotation at the next start.
        detach(
          'remembering a page rotation',
          kamifax.inbox.setRotation({ key: documentKey, rotation }),
        );
      },
    }),
    [remembered, kamifax],
  );

  return <RotationStoreContext.Provider value={store}>{children}</RotationStoreContext.Provider>;
}

/** A store that forgets when the page goes (the viewer outside the signed-in window). */
export function memoryRotations(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
  };
}
