import { useCallback, useRef, useState } from 'react';
import type { FaxSummary, InboxQuery } from '../../../preload/contract';
import { detach } from '../app/detach';
import { useEvent } from '../app/useEvent';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { useFirstRowShown } from '../app/first-row';
import { LocalPdfOpener, useWarmPdfWorkerLater } from '../app/lazy-screens';
import { useRenderPagesAhead } from '../viewer/usePageAhead';
import { CountLine, EmptyState } from './CountLine';
import { FaxPane } from './FaxPane';
import { InboxList, type ListSelection } from './InboxList';
import { InboxToolbar } from './InboxToolbar';
import { SelectionBar } from './SelectionBar';
import { useUiPrefs } from './ui-prefs';
import { useFaxActions, type FaxAction } from './useFaxActions';
import { useInboxRows } from './useInboxRows';
import { useInboxStatus } from './useInboxStatus';
import { useWidth } from './useWidth';

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/** Below this content width the reading pane goes below the list whatever the setting. */
const sideBySideMin = 860;

/**
 * The inbox (or the Trash): toolbar, the list, and the reading pane beside or below it. A
 * fax opens in the pane without losing the list; ⤢ or a double-click shows it full-window;
 * Escape comes back to the list with focus on the row it came from.
 */
export function InboxScreen({
  mode,
  open: inboxOpen,
  onOpen: onInboxOpen,
  onForward,
}: {
  mode: 'inbox' | 'trash';
  /** The open fax, owned by the shell so a notification click can open one. */
  open: string | null;
  onOpen: (id: string | null) => void;
  /** Forward: the open fax (no id), or a draft already made (a PDF opened in the viewer). */
  onForward: (draftId?: string) => void;
}) {
  const kamifax = useKamifax();
  // The next fax opened finds a pdf.js worker already loaded (started after the first rows).
  useWarmPdfWorkerLater();
  // Page 1 of the prefetched unread faxes is drawn ahead while the inbox is idle.
  useRenderPagesAhead();
  const { t, errorText } = useI18n();
  // The shell's open fax belongs to the inbox (a notification opens one); the Trash has its own.
  const [trashOpen, setTrashOpen] = useState<string | null>(null);
  const open = mode === 'trash' ? trashOpen : inboxOpen;
  const onOpen = mode === 'trash' ? setTrashOpen : onInboxOpen;
  const [prefs, setPrefs] = useUiPrefs();
  const [criteria, setCriteria] = useState<Criteria>({
    search: '',
    filter: mode === 'trash' ? 'trash' : 'all',
    sort: 'newest',
  });
  const { total, totalIsAtLeast, error, shownSearch, rowAt, ensure, early } =
    useInboxRows(criteria);
  // Work that can wait (other screens' code, pdf.js) starts once this is on screen.
  useFirstRowShown(total !== null || error !== null);
  const status = useInboxStatus();
  const act = useFaxActions();
  const [selection, setSelection] = useState<ListSelection>({ selected: new Set(), active: 0 });
  const [fullWindow, setFullWindow] = useState(false);
  const [focusPage, setFocusPage] = useState(0);
  const [pdf, setPdf] = useState(false);
  const split = useRef<HTMLDivElement>(null);
  const width = useWidth(split);
  const below = prefs.readingPane === 'bottom' || (width > 0 && width < sideBySideMin);

  const focusList = () =>
    requestAnimationFrame(() => split.current?.querySelector<HTMLElement>('.fax-list')?.focus());

  const show = useEvent((fax: FaxSummary, index: number, withFocus: boolean) => {
    setPdf(false);
    onOpen(fax.id);
    setSelection((current) => ({ selected: new Set(), active: index ?? current.active }));
    if (withFocus) setFocusPage((n) => n + 1);
    // Through the inbox's actions, so a refused mark-read is shown, not dropped.
    if (!fax.read && mode === 'inbox') detach('mark read', act('read', [fax]));
  });

  const step = useEvent((delta: 1 | -1, withFocus: boolean) => {
    const index = selection.active + delta;
    if (total === null || index < 0 || index >= total) return;
    const fax = rowAt(index);
    if (fax) show(fax, index, withFocus);
  });

  const back = useEvent(() => {
    setFullWindow(false);
    focusList();
  });

  const runAction = async (action: FaxAction, faxes: FaxSummary[]) => {
    const done = await act(action, faxes);
    if (!done) return;
    if (['delete', 'junk', 'junkBlock', 'notJunk', 'restore'].includes(action)) {
      setSelection({ selected: new Set(), active: selection.active });
      if (open && faxes.some((fax) => fax.id === open)) {
        onOpen(null);
        setFullWindow(false);
        focusList();
      }
    }
  };

  const selectedFaxes = (): FaxSummary[] => {
    const found: FaxSummary[] = [];
    if (total === null) return found;
    for (let index = 0; index < total && found.length < selection.selected.size; index += 1) {
      const fax = rowAt(index);
      if (fax && selection.selected.has(fax.id)) found.push(fax);
    }
    return found;
  };

  // Stable callbacks: the toolbar, the list and the pane are memoised, so a keystroke renders
  // the toolbar and the count line, and the list only when its rows arrive.
  const onCriteria = useCallback(
    (next: Criteria) => {
      // The search leaves for main now; the render of this key overlaps its round trip.
      early(next);
      setCriteria(next);
      setSelection((current) =>
        current.selected.size === 0 && current.active === 0
          ? current
          : { selected: new Set(), active: 0 },
      );
    },
    [early],
  );
  const onSync = useCallback(() => detach('sync now', kamifax.inbox.syncNow()), [kamifax]);
  const onReadingPane = useCallback(
    (readingPane: 'right' | 'bottom') => setPrefs({ readingPane }),
    [setPrefs],
  );
  const onOpenPdf = useEvent(() => {
    onOpen(null);
    setPdf(true);
  });
  const onSort = useCallback(
    (sort: Criteria['sort']) => setCriteria((current) => ({ ...current, sort })),
    [],
  );
  const onShow = useCallback((fax: FaxSummary, index: number) => show(fax, index, false), [show]);
  const onOpenRow = useCallback((fax: FaxSummary, index: number) => show(fax, index, true), [show]);
  const onFullWindowRow = useCallback(
    (fax: FaxSummary, index: number) => {
      show(fax, index, true);
      setFullWindow(true);
    },
    [show],
  );
  const onDelete = useEvent((faxes: FaxSummary[]) =>
    detach('delete', runAction(mode === 'trash' ? 'restore' : 'delete', faxes)),
  );
  const onPaneAction = useEvent((action: FaxAction, fax: FaxSummary) =>
    detach('fax action', runAction(action, [fax])),
  );

  // Mounted from the first answer on: an empty result hides the list and shows why, so
  // typing through it costs no remount (and no forced layout) when faxes match again.
  const listed = total !== null;
  const title = t(mode === 'trash' ? 'screen.trash.title' : 'screen.inbox.title');

  return (
    <section
      className={`screen inbox${fullWindow ? ' full-window' : ''}${below ? ' pane-below' : ' pane-right'}`}
      aria-labelledby="screen-title"
      data-shown-search={shownSearch ?? undefined}
    >
      <h1 id="screen-title" className="visually-hidden">
        {title}
      </h1>
      {!fullWindow && (
        <InboxToolbar
          mode={mode}
          criteria={criteria}
          onCriteria={onCriteria}
          onSync={onSync}
          readingPane={prefs.readingPane}
          onReadingPane={onReadingPane}
          onOpenPdf={onOpenPdf}
        />
      )}
      <div className="inbox-split" ref={split}>
        <div className="inbox-list-side" hidden={fullWindow}>
          <CountLine
            mode={mode}
            total={total}
            atLeast={totalIsAtLeast}
            criteria={criteria}
            unread={
              mode === 'inbox' && criteria.filter === 'all' && !criteria.search.trim()
                ? (status?.unread ?? 0)
                : 0
            }
          />
          {selection.selected.size > 0 && (
            <SelectionBar
              mode={mode}
              count={selection.selected.size}
              onAction={(action) => detach('fax action', runAction(action, selectedFaxes()))}
              onClear={() => setSelection({ selected: new Set(), active: selection.active })}
            />
          )}
          {error && (
            <p role="alert" className="error">
              {errorText(error.code)}
            </p>
          )}
          {total === 0 && (
            <EmptyState
              mode={mode}
              criteria={criteria}
              onClearSearch={() => setCriteria({ ...criteria, search: '' })}
            />
          )}
          <p id="inbox-keys" className="visually-hidden">
            {t('inbox.keysFull')}
          </p>
          {listed && (
            <InboxList
              hidden={total === 0}
              total={total}
              rowAt={rowAt}
              onRange={ensure}
              selection={selection}
              onSelection={setSelection}
              openId={open}
              sort={criteria.sort}
              onSort={onSort}
              onShow={onShow}
              onOpen={onOpenRow}
              onFullWindow={onFullWindowRow}
              onDelete={onDelete}
            />
          )}
        </div>
        <div className="inbox-pane-side">
          {pdf ? (
            <LocalPdfOpener onForward={onForward} onClose={() => setPdf(false)} autoOpen />
          ) : open ? (
            <FaxPane
              key={open}
              id={open}
              mode={mode}
              summary={rowAt(selection.active)?.id === open ? rowAt(selection.active) : undefined}
              focusPage={focusPage}
              fullWindow={fullWindow}
              onFullWindow={setFullWindow}
              onClose={back}
              onStep={step}
              onForward={onForward}
              onAction={onPaneAction}
            />
          ) : (
            <p className="pane-empty muted">{t('inbox.noneOpen')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
