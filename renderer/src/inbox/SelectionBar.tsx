import { useI18n } from '../i18n/i18n';

/** What can be done to the selected faxes. */
export type SelectionAction = 'read' | 'unread' | 'delete' | 'junk' | 'junkBlock';

/** The actions for a multi-selection. */
export function SelectionBar({
  count,
  onAction,
  onClear,
}: {
  count: number;
  onAction: (action: SelectionAction) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('inbox.selected', { count })}>
      <span>{t('inbox.selected', { count })}</span>
      <button type="button" onClick={() => onAction('read')}>
        {t('inbox.markRead')}
      </button>
      <button type="button" onClick={() => onAction('unread')}>
        {t('inbox.markUnread')}
      </button>
      <button type="button" onClick={() => onAction('junk')}>
        {t('inbox.junk')}
      </button>
      <button type="button" onClick={() => onAction('junkBlock')}>
        {t('inbox.junkAndBlock')}
      </button>
      <button type="button" className="danger" onClick={() => onAction('delete')}>
        {t('inbox.delete')}
      </button>
      <button type="button" className="link" onClick={onClear}>
        {t('inbox.clearSelection')}
      </button>
    </div>
  );
}
