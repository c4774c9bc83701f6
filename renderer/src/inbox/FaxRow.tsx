import { memo, type MouseEvent } from 'react';
import type { FaxSummary } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';
import { formatFaxNumber, formatWhen } from './format';

/** Pixel height of one row; fixed so a 100,000-row list costs only the rows on screen. */
export const rowHeight = 56;

/**
 * One option of the inbox list. Memoised: its props are the fax (the same object while the
 * fax is unchanged, see useWindowedRows), its place and state, and callbacks that never
 * change, so a keystroke, a scroll or another row's change does not render it again.
 */
export const FaxRow = memo(function FaxRow({
  fax,
  index,
  total,
  selected,
  active,
  open,
  country,
  now,
  onClick,
  onDoubleClick,
}: {
  fax: FaxSummary | undefined;
  index: number;
  total: number;
  selected: boolean;
  active: boolean;
  open: boolean;
  country: string | undefined;
  now: number;
  onClick: (event: MouseEvent, index: number) => void;
  onDoubleClick: (index: number) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <div
      id={`fax-row-${index}`}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className={`fax-row${fax && !fax.read ? ' unread' : ''}${active ? ' active' : ''}${open ? ' open' : ''}`}
      style={{ transform: `translateY(${index * rowHeight}px)` }}
      onClick={(event) => onClick(event, index)}
      onDoubleClick={() => onDoubleClick(index)}
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
