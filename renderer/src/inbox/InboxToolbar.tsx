import { useId } from 'react';
import type { InboxQuery, InboxStatus } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';

const filters = ['all', 'unread', 'thisWeek', 'junk'] as const;
const sorts = ['newest', 'oldest', 'sender', 'pages'] as const;

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/** Search, filter, sort, and the sync indicator with its "sync now" button. */
export function InboxToolbar({
  criteria,
  onCriteria,
  status,
  onSync,
}: {
  criteria: Criteria;
  onCriteria: (criteria: Criteria) => void;
  status: InboxStatus | null;
  onSync: () => void;
}) {
  const { t } = useI18n();
  const ids = { search: useId(), filter: useId(), sort: useId() };
  return (
    <div className="inbox-toolbar">
      <label htmlFor={ids.search} className="visually-hidden">
        {t('inbox.search')}
      </label>
      <input
        id={ids.search}
        type="search"
        placeholder={t('inbox.searchPlaceholder')}
        value={criteria.search}
        onChange={(e) => onCriteria({ ...criteria, search: e.target.value })}
      />
      <label htmlFor={ids.filter}>{t('inbox.filter')}</label>
      <select
        id={ids.filter}
        value={criteria.filter}
        onChange={(e) => onCriteria({ ...criteria, filter: e.target.value as Criteria['filter'] })}
      >
        {filters.map((value) => (
          <option key={value} value={value}>
            {t(`inbox.filter.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.sort}>{t('inbox.sort')}</label>
      <select
        id={ids.sort}
        value={criteria.sort}
        onChange={(e) => onCriteria({ ...criteria, sort: e.target.value as Criteria['sort'] })}
      >
        {sorts.map((value) => (
          <option key={value} value={value}>
            {t(`inbox.sort.${value}`)}
          </option>
        ))}
      </select>
      <span
        className={`sync-status sync-${status?.connection ?? 'syncing'}`}
        role="status"
        data-testid="sync-status"
      >
        {status && t(`inbox.status.${status.connection}`)}
        {status &&
          status.pendingChanges > 0 &&
          ` · ${t('inbox.pending', { count: status.pendingChanges })}`}
      </span>
      <button type="button" onClick={onSync}>
        {t('inbox.refresh')}
      </button>
    </div>
  );
}
