import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { FaxSummary, InboxQuery } from '../../../preload/contract';
import { useAccountView } from '../app/account-context';
import { useI18n } from '../i18n/i18n';
import { formatFaxNumber, formatWhen } from './format';
import { ListHeader } from './ListHeader';
import { scrollToReveal, visibleRange } from './virtual-range';

/** Pixel height of one row; fixed so a 100,000-row list costs only the rows on screen. */
export const rowHeight = 56;

/** The selection and the row with keyboard focus. */
export interface ListSelection {
  selected: ReadonlySet<string>;
  active: number;
}

/** At least this wide, the list shows columns under sort headers; narrower, two-line rows. */
export const columnsMinWidth = 620;

/**
 * A virtualized, multi-select listbox: only visible rows (plus overscan) exist in the DOM.
 * Arrows or J/K and Home/End/PageUp/PageDown move (showing the fax in the reading pane),
 * Space and Ctrl/Shift+click select, Enter opens with the page focused, a double-click opens
 * full-window, Delete deletes.
 */
export function InboxList({
  total,
  rowAt,
  onRange,
  selection,
  onSelection,
  openId,
  sort,
  onSort,
  onShow,
  onOpen,
  onFullWindow,
  onDelete,
}: {
  total: number;
  rowAt: (index: number) => FaxSummary | undefined;
  onRange: (range: { start: number; end: number }) => void;
  selection: ListSelection;
  onSelection: (selection: ListSelection) => void;
  openId: string | null;
  sort: InboxQuery['sort'];
  onSort: (sort: InboxQuery['sort']) => void;
  /** The active row changed with the keyboard: show it in the pane. */
  onShow: (fax: FaxSummary, index: number) => void;
  /** Enter or a click: show it and put focus on its page. */
  onOpen: (fax: FaxSummary, index: number) => void;
  onFullWindow: (fax: FaxSummary, index: number) => void;
  onDelete: (faxes: FaxSummary[]) => void;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600, width: 800 });
  const range = visibleRange(viewport.top, viewport.height, rowHeight, total);
  const { country } = useAccountView();
  const columns = viewport.width >= columnsMinWidth;
  // Fixed per mount: "today" in the time column need not tick while the list is open.
  const [now] = useState(() => Date.now());

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () =>
      setViewport({
        top: element.scrollTop,
        height: element.clientHeight,
        width: element.clientWidth,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => onRange(range), [onRange, range.start, range.end]); // eslint-disable-line react-hooks/exhaustive-deps

  const moveTo = (index: number, extend: boolean) => {
    const active = Math.max(0, Math.min(total - 1, index));
    const element = box.current;
    if (element) {
      const target = scrollToReveal(active, element.scrollTop, element.clientHeight, rowHeight);
      if (target !== null) element.scrollTop = target;
    }
    const fax = rowAt(active);
    const selected = new Set(extend ? selection.selected : []);
    if (extend && fax) selected.add(fax.id);
    onSelection({ selected, active });
    if (!extend && fax && active !== selection.active) onShow(fax, active);
  };

  const toggle = (index: number) => {
    const fax = rowAt(index);
    if (!fax) return;
    const selected = new Set(selection.selected);
    if (selected.has(fax.id)) selected.delete(fax.id);
    else selected.add(fax.id);
    onSelection({ selected, active: index });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(selection.active + 1, event.shiftKey),
      ArrowUp: () => moveTo(selection.active - 1, event.shiftKey),
      j: () => moveTo(selection.active + 1, false),
      k: () => moveTo(selection.active - 1, false),
      PageDown: () => moveTo(selection.active + page, event.shiftKey),
      PageUp: () => moveTo(selection.active - page, event.shiftKey),
      Home: () => moveTo(0, event.shiftKey),
      End: () => moveTo(total - 1, event.shiftKey),
      ' ': () => toggle(selection.active),
      Enter: () => {
        const fax = rowAt(selection.active);
        if (fax) onOpen(fax, selection.active);
      },
      Delete: () => {
        const chosen: FaxSummary[] = [];
        if (selection.selected.size > 0) {
          for (let i = 0; i < total && chosen.length < selection.selected.size; i += 1) {
            const row = rowAt(i);
            if (row && selection.selected.has(row.id)) chosen.push(row);
          }
        } else {
          const row = rowAt(selection.active);
          if (row) chosen.push(row);
        }
        if (chosen.length > 0) onDelete(chosen);
      },
    };
    if (event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key !== 'Enter' && !event.key.startsWith('Arrow')) return;
    }
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const onClick = (event: MouseEvent, index: number) => {
    const fax = rowAt(index);
    if (!fax) return;
    if (event.ctrlKey || event.metaKey) return toggle(index);
    if (event.shiftKey) {
      const selected = new Set(selection.selected);
      const [from, to] = [Math.min(selection.active, index), Math.max(selection.active, index)];
      for (let i = from; i <= to; i += 1) {
        const row = rowAt(i);
        if (row) selected.add(row.id);
      }
      return onSelection({ selected, active: index });
    }
    onSelection({ selected: new Set(), active: index });
    onOpen(fax, index);
  };

  const indexes = Array.from(
    { length: Math.max(0, range.end - range.start) },
    (_v, i) => range.start + i,
  );
  const rows = indexes.map((index) => {
    const fax = rowAt(index);
    const selected = fax ? selection.selected.has(fax.id) : false;
    return (
      <div
        key={fax?.id ?? `loading-${index}`}
        id={`fax-row-${index}`}
        role="option"
        aria-selected={selected}
        aria-posinset={index + 1}
        aria-setsize={total}
        className={`fax-row${fax && !fax.read ? ' unread' : ''}${index === selection.active ? ' active' : ''}${fax && fax.id === openId ? ' open' : ''}`}
        style={{ transform: `translateY(${index * rowHeight}px)` }}
        onClick={(event) => onClick(event, index)}
        onDoubleClick={() => fax && onFullWindow(fax, index)}
        data-fax-id={fax?.id}
      >
        {fax ? (
          <>
            <span className="dot" aria-hidden="true" />
            {!fax.read && <span className="visually-hidden">{t('inbox.unread')}, </span>}
            <span className="sender">
              {fax.contactName ?? formatFaxNumber(fax.remoteNumber, country)}
            </span>
            <span className="subject" title={fax.subject ?? undefined}>
              {fax.subject ?? t('inbox.noSubject')}
            </span>
            <span className="pages">{t('inbox.pages', { pages: fax.pages })}</span>
            <time dateTime={new Date(fax.at).toISOString()}>{formatWhen(fax.at, now, locale)}</time>
          </>
        ) : (
          <span className="muted">{t('inbox.loadingRow')}</span>
        )}
      </div>
    );
  });

  return (
    <div className={columns ? 'fax-list-frame columns' : 'fax-list-frame two-line'}>
      {columns && <ListHeader sort={sort} onSort={onSort} />}
      <div
        ref={box}
        className="fax-list"
        role="listbox"
        aria-label={t('inbox.list')}
        aria-multiselectable="true"
        aria-activedescendant={total > 0 ? `fax-row-${selection.active}` : undefined}
        aria-describedby="inbox-keys"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(event) =>
          setViewport({
            top: event.currentTarget.scrollTop,
            height: event.currentTarget.clientHeight,
            width: event.currentTarget.clientWidth,
          })
        }
      >
        <div className="fax-list-spacer" style={{ height: total * rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
