import { FileUp, PanelBottom, PanelRight, RefreshCw, Search } from 'lucide-react';
import { memo, useId } from 'react';
import type { InboxQuery } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';

const filters = ['all', 'unread', 'thisWeek', 'junk'] as const;
const sorts = ['newest', 'oldest', 'sender', 'subject', 'pages'] as const;

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/**
 * Search, filter, sort, "sync now", "open a PDF" and the reading pane's place, on one row:
 * buttons drop their words to icons when the window is narrow (CSS), keeping their names.
 */
export const InboxToolbar = memo(function InboxToolbar({
  mode,
  criteria,
  onCriteria,
  onSync,
  readingPane,
  onReadingPane,
  onOpenPdf,
}: {
  mode: 'inbox' | 'trash';
  criteria: Criteria;
  onCriteria: (criteria: Criteria) => void;
  onSync: () => void;
  readingPane: 'right' | 'bottom';
  onReadingPane: (place: 'right' | 'bottom') => void;
  onOpenPdf: () => void;
}) {
  const { t } = useI18n();
  const ids = { search: useId(), filter: useId(), sort: useId() };
  const paneLabel = t(readingPane === 'right' ? 'inbox.pane.bottom' : 'inbox.pane.right');
  const PaneIcon = readingPane === 'right' ? PanelBottom : PanelRight;
  return (
    <div className="inbox-toolbar" role="toolbar" aria-label={t('inbox.search')}>
      <span className="search-box">
        <Search aria-hidden="true" size={16} />
        <label htmlFor={ids.search} className="visually-hidden">
          {t('inbox.search')}
        </label>
        <input
          id={ids.search}
          type="search"
          // No spell-check or autofill work on each key: Chromium ran an 8 ms spell-check
          // task while the bench typed, and neither helps a search for numbers and names.
          spellCheck={false}
          autoComplete="off"
          placeholder={t('inbox.searchPlaceholder')}
          value={criteria.search}
          onChange={(e) => onCriteria({ ...criteria, search: e.target.value })}
        />
      </span>
      {mode === 'inbox' && (
        <>
          <label htmlFor={ids.filter} className="visually-hidden">
            {t('inbox.filter')}
          </label>
          <select
            id={ids.filter}
            value={criteria.filter}
            title={t('inbox.filter')}
            onChange={(e) =>
              onCriteria({ ...criteria, filter: e.target.value as Criteria['filter'] })
            }
          >
            {filters.map((value) => (
              <option key={value} value={value}>
                {t(`inbox.filter.${value}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={ids.sort} className="visually-hidden">
        {t('inbox.sort')}
      </label>
      <select
        id={ids.sort}
        value={criteria.sort}
        title={t('inbox.sort')}
        onChange={(e) => onCriteria({ ...criteria, sort: e.target.value as Criteria['sort'] })}
      >
        {sorts.map((value) => (
          <option key={value} value={value}>
            {t(`inbox.sort.${value}`)}
          </option>
        ))}
      </select>
      <span className="toolbar-spacer" />
      <button type="button" onClick={onSync} title={t('inbox.refresh')}>
        <RefreshCw aria-hidden="true" size={16} />
        <span className="button-label">{t('inbox.refresh')}</span>
      </button>
      {mode === 'inbox' && (
        <button type="button" onClick={onOpenPdf} title={t('inbox.openPdf')}>
          <FileUp aria-hidden="true" size={16} />
          <span className="button-label">{t('inbox.openPdf')}</span>
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label={paneLabel}
        title={paneLabel}
        onClick={() => onReadingPane(readingPane === 'right' ? 'bottom' : 'right')}
      >
        <PaneIcon aria-hidden="true" size={16} />
      </button>
    </div>
  );
});
