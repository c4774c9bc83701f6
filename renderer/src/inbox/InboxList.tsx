import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { FaxSummary } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';
import { formatFaxNumber, homeCountry, formatWhen } from './format';
import { scrollToReveal, visibleRange } from './virtual-range';

/** Pixel height of one row; fixed so a 100,000-row list costs only the rows on screen. */
export const rowHeight = 56;

/** The selection and the row with keyboard focus. */
export interface ListSelection {
  selected: ReadonlySet<string>;
  active: number;
}

/**
 * A virtualized, multi-select listbox: only visible rows (plus overscan) exist in the DOM.
 * Arrows/Home/End/PageUp/PageDown move, Space and Ctrl/Shift+click select, Enter opens,
 * Delete deletes.
 */
export function InboxList({
  total,
  rowAt,
  onRange,
  selection,
  onSelection,
  onOpen,
  onDelete,
}: {
  total: number;
  rowAt: (index: number) => FaxSummary | undefined;
  onRange: (range: { start: number; end: number }) => void;
  selection: ListSelection;
  onSelection: (selection: ListSelection) => void;
  onOpen: (fax: FaxSummary) => void;
  onDelete: (ids: string[]) => void;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const range = visibleRange(viewport.top, viewport.height, rowHeight, total);
  const country = homeCountry(locale);
  // Fixed per mount: "today" in the time column need not tick while the list is open.
  const [now] = useState(() => Date.now());

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
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
      PageDown: () => moveTo(selection.active + page, event.shiftKey),
      PageUp: () => moveTo(selection.active - page, event.shiftKey),
      Home: () => moveTo(0, event.shiftKey),
      End: () => moveTo(total - 1, event.shiftKey),
      ' ': () => toggle(selection.active),
      Enter: () => {
        const fax = rowAt(selection.active);
        if (fax) onOpen(fax);
      },
      Delete: () => {
        const ids =
          selection.selected.size > 0 ? [...selection.selected] : [rowAt(selection.active)?.id];
        const present = ids.filter((id): id is string => id !== undefined);
        if (present.length > 0) onDelete(present);
      },
    };
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
    onOpen(fax);
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
        className={`fax-row${fax && !fax.read ? ' unread' : ''}${index === selection.active ? ' active' : ''}`}
        style={{ transform: `translateY(${index * rowHeight}px)` }}
        onClick={(event) => onClick(event, index)}
        data-fax-id={fax?.id}
      >
        {fax ? (
          <>
            <span className="dot" aria-label={fax.read ? undefined : t('inbox.unread')} />
            <span className="sender">
              {fax.contactName ?? formatFaxNumber(fax.remoteNumber, country)}
            </span>
            <span className="subject">{fax.subject ?? t('inbox.noSubject')}</span>
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
        })
      }
    >
      <div className="fax-list-spacer" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
