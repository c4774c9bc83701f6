import { Ban, Mail, MailOpen, ShieldX, Trash2, Undo2, X } from 'lucide-react';
import { useI18n } from '../i18n/i18n';
import type { FaxAction } from './useFaxActions';

/** The actions for a multi-selection. */
export function SelectionBar({
  mode,
  count,
  onAction,
  onClear,
}: {
  mode: 'inbox' | 'trash';
  count: number;
  onAction: (action: FaxAction) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  const button = (action: FaxAction, Icon: typeof Mail, label: string, danger = false) => (
    <button
      type="button"
      className={danger ? 'danger' : undefined}
      onClick={() => onAction(action)}
      title={label}
    >
      <Icon aria-hidden="true" size={16} />
      <span className="button-label">{label}</span>
    </button>
  );
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('inbox.selected', { count })}>
      <span>{t('inbox.selected', { count })}</span>
      {mode === 'trash' ? (
        button('restore', Undo2, t('inbox.restore'))
      ) : (
        <>
          {button('read', MailOpen, t('inbox.markRead'))}
          {button('unread', Mail, t('inbox.markUnread'))}
          {button('junk', ShieldX, t('inbox.junk'))}
          {button('junkBlock', Ban, t('inbox.junkAndBlock'))}
          {button('delete', Trash2, t('inbox.delete'), true)}
        </>
      )}
      <button type="button" className="link" onClick={onClear}>
        <X aria-hidden="true" size={16} />
        {t('inbox.clearSelection')}
      </button>
    </div>
  );
}
