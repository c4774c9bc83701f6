import { useCallback, useMemo, useState } from 'react';
import type { FaxSummary, InboxQuery } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { LocalPdfOpener } from '../viewer/LocalPdfOpener';
import { FaxPane } from './FaxPane';
import { InboxList, type ListSelection } from './InboxList';
import { InboxToolbar } from './InboxToolbar';
import { SelectionBar } from './SelectionBar';
import { useInboxRows } from './useInboxRows';
import { useInboxStatus } from './useInboxStatus';

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/** The inbox: the list with its tools, and the open fax beside it. */
export function InboxScreen({
  open,
  onOpen,
  onForward,
}: {
  /** The open fax, owned by the shell so a notification click can open one. */
  open: string | null;
  onOpen: (id: string | null) => void;
  onForward: () => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [criteria, setCriteria] = useState<Criteria>({ search: '', filter: 'all', sort: 'newest' });
  const stableCriteria = useMemo(() => criteria, [criteria]);
  const { total, error, shownSearch, rowAt, ensure } = useInboxRows(stableCriteria);
  const status = useInboxStatus();
  const [selection, setSelection] = useState<ListSelection>({ selected: new Set(), active: 0 });

  const openFax = useCallback(
    (fax: FaxSummary) => {
      onOpen(fax.id);
      if (!fax.read) void kamifax.inbox.markRead({ ids: [fax.id], read: true });
    },
    [kamifax, onOpen],
  );

  const ids = [...selection.selected];
  const act = async (
    action: 'read' | 'unread' | 'delete' | 'junk' | 'junkBlock',
    targets = ids,
  ) => {
    if (targets.length === 0) return;
    if (action === 'read' || action === 'unread')
      await kamifax.inbox.markRead({ ids: targets, read: action === 'read' });
    else if (action === 'delete') await kamifax.inbox.delete({ ids: targets });
    else await kamifax.inbox.reportJunk({ ids: targets, block: action === 'junkBlock' });
    if (action === 'delete' || action.startsWith('junk')) {
      setSelection({ selected: new Set(), active: selection.active });
      if (open && targets.includes(open)) onOpen(null);
    }
  };

  const emptyText = criteria.search
    ? t('inbox.emptySearch', { search: criteria.search })
    : t('inbox.empty');

  return (
    <section
      className="screen inbox"
      aria-labelledby="screen-title"
      data-shown-search={shownSearch ?? undefined}
    >
      <h1 id="screen-title" className={open ? 'visually-hidden' : undefined}>
        {t('screen.inbox.title')}
      </h1>
      {open ? (
        <FaxPane key={open} id={open} onClose={() => onOpen(null)} onForward={onForward} />
      ) : (
        <>
          <InboxToolbar
            criteria={criteria}
            onCriteria={(next) => {
              setCriteria(next);
              setSelection({ selected: new Set(), active: 0 });
            }}
            status={status}
            onSync={() => void kamifax.inbox.syncNow()}
          />
          <LocalPdfOpener onForward={onForward} />
          <p className="muted inbox-count" data-testid="inbox-count">
            {status && t('inbox.count', { total: status.total, unread: status.unread })}
          </p>
          {selection.selected.size > 0 && (
            <SelectionBar
              count={selection.selected.size}
              onAction={(action) => void act(action)}
              onClear={() => setSelection({ selected: new Set(), active: selection.active })}
            />
          )}
          {error && (
            <p role="alert" className="error">
              {errorText(error.code)}
            </p>
          )}
          {total === 0 && <p className="empty">{emptyText}</p>}
          <p id="inbox-keys" className="visually-hidden">
            {t('inbox.keys')}
          </p>
          {total !== null && total > 0 && (
            <InboxList
              total={total}
              rowAt={rowAt}
              onRange={ensure}
              selection={selection}
              onSelection={setSelection}
              onOpen={openFax}
              onDelete={(targets) => void act('delete', targets)}
            />
          )}
        </>
      )}
    </section>
  );
}
