import {
  ArchiveRestore,
  ArrowLeft,
  Ban,
  ChevronDown,
  ChevronUp,
  Copy,
  Forward,
  Mail,
  Maximize2,
  Minimize2,
  ShieldCheck,
  ShieldOff,
  ShieldX,
  Trash2,
  UserPlus,
  type LucideIcon,
} from 'lucide-react';
import { useId, useState } from 'react';
import type { FaxSummary } from '../../../preload/contract';
import { useAccountView } from '../app/account-context';
import { detach } from '../app/detach';
import { useKamifax } from '../app/KamifaxContext';
import { useToasts } from '../app/toasts';
import { useI18n } from '../i18n/i18n';
import { formatFaxNumber } from './format';
import type { FaxAction } from './useFaxActions';

/**
 * The open fax's heading: subject, sender (contact name and number), your number it came in
 * on, the full received time and pages; then its actions. Buttons show an icon and a word;
 * in a narrow pane the words hide (CSS) and stay as the buttons' names.
 */
export function FaxDetails({
  fax,
  mode,
  fullWindow,
  onFullWindow,
  onClose,
  onStep,
  onForward,
  onAction,
}: {
  fax: FaxSummary;
  mode: 'inbox' | 'trash';
  fullWindow: boolean;
  onFullWindow: (full: boolean) => void;
  onClose: () => void;
  onStep: (delta: 1 | -1) => void;
  /** Forward: the draft just made from this fax. */
  onForward: (draftId?: string) => void;
  onAction: (action: FaxAction) => void;
}) {
  const kamifax = useKamifax();
  const toasts = useToasts();
  const { t, locale } = useI18n();
  const { country } = useAccountView();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const nameId = useId();
  const from = formatFaxNumber(fax.remoteNumber, country);
  const to = formatFaxNumber(fax.localNumber, country);
  const received = new Date(fax.at).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
  });

  const copy = async () => {
    await navigator.clipboard.writeText(from);
    toasts.show({ message: { key: 'inbox.copied', values: { number: from } }, ms: 3000 });
  };
  const forward = async () => {
    const result = await kamifax.drafts.create({ forwardFaxId: fax.id });
    if (result.ok) onForward(result.value.id);
    else toasts.show({ message: { error: result.error.code } });
  };
  const saveContact = async () => {
    const result = await kamifax.contacts.save({ name: name.trim(), faxNumber: fax.remoteNumber });
    if (!result.ok) return toasts.show({ message: { error: result.error.code } });
    setNaming(false);
    toasts.show({ message: { key: 'inbox.contactSaved', values: { name: name.trim() || from } } });
  };

  const button = (label: string, Icon: LucideIcon, onClick: () => void, danger = false) => (
    <button type="button" className={danger ? 'danger' : undefined} title={label} onClick={onClick}>
      <Icon aria-hidden="true" size={16} />
      <span className="button-label">{label}</span>
    </button>
  );

  return (
    <header className="fax-details" aria-label={t('inbox.details')}>
      <div className="fax-details-top">
        <h2 className="fax-subject" title={fax.subject ?? undefined}>
          {fax.subject ?? t('inbox.noSubject')}
        </h2>
        <span className="fax-nav">
          {button(t('inbox.previous'), ChevronUp, () => onStep(-1))}
          {button(t('inbox.next'), ChevronDown, () => onStep(1))}
          {fullWindow
            ? button(t('inbox.exitFullWindow'), Minimize2, () => onFullWindow(false))
            : button(t('inbox.fullWindow'), Maximize2, () => onFullWindow(true))}
          {button(t('inbox.close'), ArrowLeft, onClose)}
        </span>
      </div>
      <dl className="fax-facts">
        <div>
          <dt>{t('inbox.details.from')}</dt>
          <dd>
            {fax.contactName ? `${fax.contactName} · ` : ''}
            <span className="number" data-testid="fax-from">
              {from}
            </span>{' '}
            <button
              type="button"
              className="icon-button"
              aria-label={t('inbox.copyNumber')}
              title={t('inbox.copyNumber')}
              onClick={() => detach('copy the number', copy())}
            >
              <Copy aria-hidden="true" size={14} />
            </button>
          </dd>
        </div>
        <div>
          <dt>{t('inbox.details.to')}</dt>
          <dd className="number">{to}</dd>
        </div>
        <div>
          <dt>{t('inbox.details.received')}</dt>
          <dd>
            <time dateTime={new Date(fax.at).toISOString()}>{received}</time>
          </dd>
        </div>
        <div>
          <dt>{t('inbox.details.pages')}</dt>
          <dd>{fax.pages}</dd>
        </div>
      </dl>
      <div className="fax-actions" role="toolbar" aria-label={t('inbox.actions')}>
        {mode === 'trash' ? (
          button(t('inbox.restore'), ArchiveRestore, () => onAction('restore'))
        ) : (
          <>
            {button(t('inbox.delete'), Trash2, () => onAction('delete'), true)}
            {fax.junk ? (
              <>
                {button(t('inbox.notJunk'), ShieldCheck, () => onAction('notJunk'))}
                {button(t('inbox.unblock'), ShieldOff, () => onAction('unblock'))}
              </>
            ) : (
              <>
                {button(t('inbox.junk'), ShieldX, () => onAction('junk'))}
                {button(t('inbox.junkAndBlock'), Ban, () => onAction('junkBlock'))}
              </>
            )}
            {button(t('inbox.markUnread'), Mail, () => onAction('unread'))}
            {button(t('inbox.forward'), Forward, () => detach('forward', forward()))}
            {!fax.contactName &&
              button(t('inbox.addContact'), UserPlus, () => setNaming((open) => !open))}
          </>
        )}
      </div>
      {naming && (
        <form
          className="contact-form"
          onSubmit={(event) => {
            event.preventDefault();
            detach('save the contact', saveContact());
          }}
        >
          <label htmlFor={nameId}>{t('inbox.contactName')}</label>
          <input
            id={nameId}
            value={name}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="primary">
            {t('inbox.saveContact')}
          </button>
        </form>
      )}
    </header>
  );
}
