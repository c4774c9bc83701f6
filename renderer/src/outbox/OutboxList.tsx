import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { OutboxRow } from '../../../preload/send-contract';
import { useI18n } from '../i18n/i18n';
import { formatWhen } from '../inbox/format';
import { scrollToReveal, visibleRange } from '../inbox/virtual-range';
import { statusText } from './status';

/** Pixel height of one row, the inbox's, so both lists look alike and stay cheap at 10,000. */
const rowHeight = 56;

/**
 * The Outbox or Sent list: a virtual listbox (the inbox's range arithmetic and row styles),
 * one row per recipient with its status chip. Arrows, Home/End, PageUp/PageDown move;
 * Enter or a click opens.
 */
export function OutboxList({
  label,
  total,
  rowAt,
  onRange,
  active,
  onActive,
  openId,
  onOpen,
  country,
  progress,
}: {
  label: string;
  total: number;
  rowAt: (index: number) => OutboxRow | undefined;
  onRange: (range: { start: number; end: number }) => void;
  active: number;
  onActive: (index: number) => void;
  openId: string | null;
  onOpen: (row: OutboxRow) => void;
  country: string;
  progress: ReadonlyMap<string, number>;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const range = visibleRange(viewport.top, viewport.height, rowHeight, total);
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

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    const element = box.current;
    if (element) {
      const target = scrollToReveal(next, element.scrollTop, element.clientHeight, rowHeight);
      if (target !== null) element.scrollTop = target;
    }
    onActive(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => {
        const row = rowAt(active);
        if (row) onOpen(row);
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const indexes = Array.from(
    { length: Math.max(0, range.end - range.start) },
    (_v, i) => range.start + i,
  );
  const rows = indexes.map((index) => {
    const row = rowAt(index);
    return (
      <div
        key={row?.id ?? `loading-${index}`}
        id={`outbox-row-${index}`}
        role="option"
        aria-selected={row !== undefined && row.id === openId}
        aria-posinset={index + 1}
        aria-setsize={total}
        className={`fax-row outbox-row${index === active ? ' active' : ''}`}
        style={{ transform: `translateY(${index * rowHeight}px)` }}
        onClick={() => {
          onActive(index);
          if (row) onOpen(row);
        }}
        data-row-id={row?.id}
        data-status={row?.status}
        data-failure={row?.failureReason ?? undefined}
      >
        {row ? (
          <>
            <span className={`status-chip status-${row.status}`}>
              {statusText(row, t, progress.get(row.sendId))}
            </span>
            <span className="sender">{row.contactName ?? formatFaxNumber(row.to, country)}</span>
            <span className="subject">{row.subject || t('outbox.noSubject')}</span>
            <span className="pages">{t('outbox.pages', { pages: row.pages })}</span>
            <time dateTime={new Date(row.updatedAt).toISOString()}>
              {formatWhen(row.finishedAt ?? row.queuedAt, now, locale)}
            </time>
          </>
        ) : (
          <span className="muted">{t('outbox.loadingRow')}</span>
        )}
      </div>
    );
  });

  return (
    <div
      ref={box}
      className="fax-list outbox-list"
      role="listbox"
      aria-label={label}
      aria-activedescendant={total > 0 ? `outbox-row-${active}` : undefined}
      aria-describedby="outbox-keys"
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
