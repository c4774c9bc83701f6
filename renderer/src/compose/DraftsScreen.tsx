import { useEffect, useState, type KeyboardEvent } from 'react';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { BridgeError } from '../../../preload/contract';
import type { Draft } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import { formatWhen } from '../inbox/format';
import { useNumberContext } from './useNumberContext';
import './compose.css';

/**
 * The drafts: every fax started and not sent (from Compose, Forward, the printer, "Open
 * with"), newest first. Enter or a click opens one in Compose. Few enough for a plain list.
 */
export function DraftsScreen({
  onOpen,
  onNew,
}: {
  onOpen: (draftId: string) => void;
  onNew: () => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText, locale } = useI18n();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const context = useNumberContext();
  const country = context?.country ?? 'JP';
  const [now] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    const load = () =>
      detach(
        'drafts:list',
        kamifax.drafts.list().then((result) => {
          if (!live) return;
          if (result.ok)
            setDrafts([...result.value.rows].sort((a, b) => b.updatedAt - a.updatedAt));
          else setError(result.error);
        }),
      );
    load();
    const stop = kamifax.on('drafts:changed', load);
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);

  // Arrows move between drafts, like the other lists.
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const item = event.currentTarget.parentElement;
    const sibling = step > 0 ? item?.nextElementSibling : item?.previousElementSibling;
    sibling?.querySelector<HTMLButtonElement>('button')?.focus();
  };

  const recipientsText = (draft: Draft) =>
    draft.recipients.length === 0
      ? t('drafts.noRecipients')
      : draft.recipients
          .map(
            (recipient) =>
              recipient.contactName ??
              (recipient.e164 ? formatFaxNumber(recipient.e164, country) : recipient.input),
          )
          .join(', ');

  return (
    <section className="screen drafts" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screen.drafts.title')}</h1>
      <div className="list-tools">
        <button type="button" className="primary" onClick={onNew}>
          {t('drafts.new')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {errorText(error.code)}
        </p>
      )}
      {drafts?.length === 0 && <p className="empty">{t('drafts.empty')}</p>}
      {drafts && drafts.length > 0 && (
        <ul className="draft-list" aria-label={t('drafts.list')}>
          {drafts.map((draft) => (
            <li key={draft.id}>
              <button
                type="button"
                className="draft-row"
                data-draft-id={draft.id}
                onClick={() => onOpen(draft.id)}
                onKeyDown={onKeyDown}
              >
                <span className="subject">{draft.subject || t('drafts.untitled')}</span>
                <span className="sender">{recipientsText(draft)}</span>
                <span className="pages">
                  {draft.pages === 1
                    ? t('preview.pages.one')
                    : t('preview.pages.other', { count: draft.pages })}
                </span>
                <span className="muted origin">{t(`drafts.origin.${draft.origin}`)}</span>
                <time dateTime={new Date(draft.updatedAt).toISOString()}>
                  {formatWhen(draft.updatedAt, now, locale)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
