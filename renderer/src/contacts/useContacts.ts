import { useCallback, useEffect, useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import type { Contact } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';

/** How many contacts the list shows for one search (an office address book is smaller). */
const pageSize = 500;

/** The contacts matching a search, with `reload` after an edit, delete or import. */
export function useContacts(search: string) {
  const kamifax = useKamifax();
  const [rows, setRows] = useState<Contact[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<BridgeError | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    detach(
      'contacts:query',
      kamifax.contacts.query({ search, offset: 0, limit: pageSize }).then((result) => {
        if (!live) return;
        if (!result.ok) return setError(result.error);
        setError(null);
        setRows(result.value.rows);
        setTotal(result.value.total);
      }),
    );
    return () => {
      live = false;
    };
  }, [kamifax, search, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  // Changes made elsewhere (another window, an import, Compose's "add contact") show here too.
  useEffect(() => kamifax.on('contacts:changed', reload), [kamifax, reload]);
  return { rows, total, error, reload };
}
