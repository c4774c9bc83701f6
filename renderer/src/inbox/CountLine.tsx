import type { InboxQuery } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/**
 * "3 faxes · 2 unread": the count of what the list shows, not of the whole inbox; "500+ faxes"
 * while a search's quick count waits for the exact one.
 */
export function CountLine({
  total,
  atLeast = false,
  unread,
}: {
  mode: 'inbox' | 'trash';
  total: number | null;
  atLeast?: boolean;
  criteria: Criteria;
  unread: number;
}) {
  const { t } = useI18n();
  if (total === null) return <p className="muted inbox-count" data-testid="inbox-count" />;
  const count = atLeast
    ? t('inbox.count.atLeast', { count: total })
    : total === 1
      ? t('inbox.count.one')
      : t('inbox.count.other', { count: total });
  return (
    <p className="muted inbox-count" data-testid="inbox-count" aria-live="polite">
      {unread > 0 ? `${count} · ${t('inbox.count.unread', { unread })}` : count}
    </p>
  );
}

/** Why the list is empty and what to do about it. */
export function EmptyState({
  mode,
  criteria,
  onClearSearch,
}: {
  mode: 'inbox' | 'trash';
  criteria: Criteria;
  onClearSearch: () => void;
}) {
  const { t } = useI18n();
  if (criteria.search.trim())
    return (
      <div className="empty" data-testid="inbox-empty">
        <p>{t('inbox.emptySearch', { search: criteria.search.trim() })}</p>
        <p>{t('inbox.emptySearchHint')}</p>
        <button type="button" onClick={onClearSearch}>
          {t('inbox.clearSearch')}
        </button>
      </div>
    );
  const key =
    mode === 'trash'
      ? 'inbox.emptyTrash'
      : criteria.filter === 'junk'
        ? 'inbox.emptyJunk'
        : criteria.filter === 'unread'
          ? 'inbox.emptyUnread'
          : criteria.filter === 'thisWeek'
            ? 'inbox.emptyWeek'
            : 'inbox.empty';
  return (
    <div className="empty" data-testid="inbox-empty">
      <p>{t(key)}</p>
    </div>
  );
}
