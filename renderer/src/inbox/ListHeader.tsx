import { ArrowDown, ArrowUp } from 'lucide-react';
import type { InboxQuery } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';

type Sort = InboxQuery['sort'];

/** Each column header and the sorts it toggles between (first click, second click). */
const columns: { key: 'sender' | 'subject' | 'pages' | 'received'; sorts: Sort[] }[] = [
  { key: 'sender', sorts: ['sender'] },
  { key: 'subject', sorts: ['subject'] },
  { key: 'pages', sorts: ['pages'] },
  { key: 'received', sorts: ['newest', 'oldest'] },
];

/** Sortable column headers over the list in a wide window (sender, subject, pages, received). */
export function ListHeader({ sort, onSort }: { sort: Sort; onSort: (sort: Sort) => void }) {
  const { t } = useI18n();
  return (
    <div className="list-header" role="presentation">
      <span />
      {columns.map(({ key, sorts }) => {
        const active = sorts.includes(sort);
        const next = active ? (sorts[(sorts.indexOf(sort) + 1) % sorts.length] ?? sort) : sorts[0]!;
        const ascending = sort === 'sender' || sort === 'subject' || sort === 'oldest';
        const Arrow = ascending ? ArrowUp : ArrowDown;
        return (
          <button
            key={key}
            type="button"
            className={`list-header-cell col-${key}${active ? ' sorted' : ''}`}
            aria-pressed={active}
            onClick={() => onSort(next)}
          >
            {t(`inbox.column.${key}`)}
            {active && <Arrow aria-hidden="true" size={14} />}
          </button>
        );
      })}
    </div>
  );
}
