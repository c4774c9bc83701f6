import {
  memo,
  type ReactElement,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { FaxSummary, InboxQuery } from '../../../preload/contract';
import { useAccountView } from '../app/account-context';
import { useEvent } from '../app/useEvent';
import { useI18n } from '../i18n/i18n';
import { FaxRow, rowHeight } from './FaxRow';
import { ListHeader } from './ListHeader';
import { scrollToReveal, visibleRange } from './virtual-range';

export { rowHeight };

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
 * full-window, Delete deletes. Memoised: it renders when its rows or props change (the
 * screen passes stable callbacks), and each row only when its own props do.
 */
export const InboxList = memo(function InboxList({
  hidden = false,
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
  firstWidth = 800,
}: {
  /**
   * Out of sight and of the accessibility tree (an empty result shows its message instead),
   * but still mounted: the next key that finds faxes shows it without a remount and re-measure.
   */
  hidden?: boolean;
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
  /**
   * The list's width guessed before it is measured (the columns or two-line layout follow
   * it): the host's painted first screen (first-paint/server.tsx) is never measured.
   */
  firstWidth?: number;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600, width: firstWidth });
  const range = visibleRange(viewport.top, viewport.height, rowHeight, total);
  const { country } = useAccountView();
  const columns = viewport.width >= columnsMinWidth;
  // Fixed per mount: "today" in the time column need not tick while the list is open.
  const [now] = useState(() => Date.now());

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      // Hidden (display: none) it has no size: keep the last one for when it shows again.
      if (element.clientWidth === 0 && element.clientHeight === 0) return;
      setViewport({
        top: element.scrollTop,
        height: element.clientHeight,
        width: element.clientWidth,
      });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => onRange(range), [onRange, range.start, range.end]); // eslint-disable-line react-hooks/exhaustive-deps

  /** The fax of each row the last commit showed, by index. */
  const shown = useRef(new Map<number, string>());
  /** The rows (`rowAt`) whose overscan has been added (see `waiting` below). */
  const [filled, setFilled] = useState<typeof rowAt | null>(null);

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

  const onClick = useEvent((event: MouseEvent, index: number) => {
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
  });
  const onDoubleClick = useEvent((index: number) => {
    const fax = rowAt(index);
    if (fax) onFullWindow(fax, index);
  });

  // A new search's rows past the screen (the overscan) wait for the frame that shows those on
  // it: a row that takes the place of another fax's is left out of this render, and added once
  // that frame is painted (`filled`). Rows the scroll brings in, and rows that stay, are not.
  const onScreen = visibleRange(viewport.top, viewport.height, rowHeight, total, 0);
  const ids = new Map<number, string>();
  let waiting = false;
  const rows: ReactElement[] = [];
  for (let index = range.start; index < range.end; index += 1) {
    const fax = rowAt(index);
    if (fax && filled !== rowAt && (index < onScreen.start || index >= onScreen.end)) {
      const before = shown.current.get(index);
      if (before !== undefined && before !== fax.id) {
        waiting = true;
        continue;
      }
    }
    if (fax) ids.set(index, fax.id);
    rows.push(
      <FaxRow
        key={fax?.id ?? `loading-${index}`}
        fax={fax}
        index={index}
        total={total}
        selected={fax ? selection.selected.has(fax.id) : false}
        active={index === selection.active}
        open={fax !== undefined && fax.id === openId}
        country={country}
        now={now}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
      />,
    );
  }

  useLayoutEffect(() => {
    shown.current = ids;
  });
  useEffect(() => {
    if (!waiting) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the frame that shows the rows on screen: a frame, then a task.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setFilled(() => rowAt), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting, rowAt]);

  return (
    <div
      className={columns ? 'fax-list-frame columns' : 'fax-list-frame two-line'}
      hidden={hidden}
      // The frame's own display: flex would win over the hidden attribute.
      style={hidden ? { display: 'none' } : undefined}
    >
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
        onScroll={(event) => {
          const element = event.currentTarget;
          const next = {
            top: element.scrollTop,
            height: element.clientHeight,
            width: element.clientWidth,
          };
          // A scroll within the same first row changes nothing on screen: no render.
          setViewport((current) =>
            Math.floor(current.top / rowHeight) === Math.floor(next.top / rowHeight) &&
            current.height === next.height &&
            current.width === next.width
              ? current
              : next,
          );
        }}
      >
        <div className="fax-list-spacer" style={{ height: total * rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
});
