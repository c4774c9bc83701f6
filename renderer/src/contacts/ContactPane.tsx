import { useEffect, useState } from 'react';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { Contact } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import { formatWhen } from '../inbox/format';

interface Recent {
  id: string;
  direction: 'received' | 'sent';
  at: number;
  subject: string | null;
  pages: number;
}

/**
 * One contact: its details, Edit and Delete, and its recent faxes both ways (the inbox's
 * search and the Sent list's search by number, newest first).
 */
export function ContactPane({
  contact,
  country,
  onEdit,
  onDelete,
  onClose,
}: {
  contact: Contact;
  country: string;
  onEdit: () => void;
  onDelete: () => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const kamifax = useKamifax();
  const [recent, setRecent] = useState<Recent[] | null>(null);
  const [now] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const search = contact.faxNumber;
    const load = async () => {
      const [inbox, sent] = await Promise.all([
        kamifax.inbox.query({ search, filter: 'all', sort: 'newest', offset: 0, limit: 5 }),
        kamifax.outbox.query({ view: 'sent', search, offset: 0, limit: 5 }),
      ]);
      const rows: Recent[] = [
        ...(inbox.ok ? inbox.value.rows : []).map((row) => ({
          id: `in-${row.id}`,
          direction: 'received' as const,
          at: row.at,
          subject: row.subject,
          pages: row.pages,
        })),
        ...(sent.ok ? sent.value.rows : []).map((row) => ({
          id: `out-${row.id}`,
          direction: 'sent' as const,
          at: row.finishedAt ?? row.queuedAt,
          subject: row.subject,
          pages: row.pages,
        })),
      ];
      if (live) setRecent(rows.sort((a, b) => b.at - a.at).slice(0, 8));
    };
    detach('contact recent faxes', load());
    return () => {
      live = false;
    };
  }, [kamifax, contact.faxNumber]);

  return (
    <aside className="fax-pane contact-pane" aria-label={contact.name} data-testid="contact-pane">
      <button type="button" className="link back" onClick={onClose}>
        {t('contacts.close')}
      </button>
      <h2>{contact.name}</h2>
      {contact.company && <p>{contact.company}</p>}
      <p data-testid="contact-number">{formatFaxNumber(contact.faxNumber, country)}</p>
      {contact.note && <p className="muted contact-note">{contact.note}</p>}
      <div className="pane-actions" role="toolbar" aria-label={contact.name}>
        <button type="button" onClick={onEdit}>
          {t('contacts.edit')}
        </button>
        <button type="button" onClick={onDelete}>
          {t('contacts.delete')}
        </button>
      </div>
      <h3>{t('contacts.recent')}</h3>
      {recent && recent.length === 0 && <p className="muted">{t('contacts.recentNone')}</p>}
      {recent && recent.length > 0 && (
        <ul className="contact-recent" data-testid="contact-recent">
          {recent.map((fax) => (
            <li key={fax.id}>
              <span className="chip">
                {fax.direction === 'received' ? t('contacts.received') : t('contacts.sent')}
              </span>{' '}
              <span>{formatWhen(fax.at, now, locale)}</span> <span>{fax.subject ?? ''}</span>{' '}
              <span className="muted">{t('contacts.pages', { pages: fax.pages })}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
