import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import type { Draft } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { useTitleDetail } from '../app/window-title';
import { detach } from '../app/detach';
import type { AppInfo } from '../app/types';
import type { MessageKey } from '../i18n/messages/en';
import { useI18n } from '../i18n/i18n';
import { CoverFields } from './CoverFields';
import { DocumentStrip } from './DocumentStrip';
import { DraftProgress } from './DraftProgress';
import { FaxPreview, type Preview } from './FaxPreview';
import { checkRecipient, RecipientField } from './RecipientField';
import { useDraft } from './useDraft';
import { useFileAdding } from './useFileAdding';
import { useNumberContext } from './useNumberContext';
import './compose.css';

/**
 * Compose: To, Subject, documents, cover page on the left; the fax-resolution preview on the
 * right. Everything is saved to the draft in main as it is edited; Send moves it to the outbox.
 */
export function ComposeScreen({
  draftId,
  host,
  focusRecipient = false,
  onRecipientFocused,
  onSent,
  onDiscarded,
  onGone,
}: {
  draftId: string;
  host: AppInfo['host'];
  /** The person asked for a new fax: the focus goes to To once the draft is drawn. */
  focusRecipient?: boolean;
  onRecipientFocused?: () => void;
  onSent: () => void;
  onDiscarded: () => void;
  /** The draft is gone: not found, or discarded on leaving because nothing was in it. */
  onGone: (draftId: string) => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const id = useId();
  const { draft, error, save, revision, edit, replace, flush } = useDraft(draftId);
  const context = useNumberContext();
  const files = useFileAdding(draftId, replace);
  const fileInput = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [actionError, setActionError] = useState<BridgeError | null>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const onPreview = useCallback((next: Preview | null) => setPreview(next), []);

  useEffect(() => {
    if (confirming) keepButton.current?.focus();
  }, [confirming]);

  const loaded = draft !== null;
  useEffect(() => {
    if (loaded && focusRecipient) onRecipientFocused?.();
  }, [loaded, focusRecipient, onRecipientFocused]);

  useEffect(() => {
    if (error?.code === 'draft_not_found') onGone(draftId);
  }, [error, draftId, onGone]);

  // Leaving a draft with nothing in it throws it away, so visiting Compose leaves no litter.
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  });
  useEffect(
    () => () => {
      const last = latest.current;
      if (last && isEmpty(last))
        detach(
          'discarding an empty draft',
          kamifax.drafts.discard({ id: last.id }).then(() => onGone(last.id)),
        );
    },
    [kamifax, onGone],
  );

  const documentChange = async (
    work: Promise<{ ok: true; value: Draft } | { ok: false; error: BridgeError }>,
  ) => {
    const result = await work;
    if (result.ok) replace(result.value);
    else setActionError(result.error);
  };

  // The title bar says it too: "Draft saved", "Saving…" or "Not saved".
  useTitleDetail(
    !draft
      ? null
      : t(
          save === 'saving'
            ? 'compose.saving'
            : save === 'failed'
              ? 'compose.notSaved'
              : 'compose.saved',
        ),
  );

  if (!draft)
    return (
      <section className="screen compose" aria-labelledby="screen-title">
        <h1 id="screen-title">{t('screen.compose.title')}</h1>
        {error ? (
          <p className="error" role="alert">
            {errorText(error.code)}
          </p>
        ) : (
          <p role="status">{t('compose.opening')}</p>
        )}
      </section>
    );

  const checks = draft.recipients.map((recipient) => checkRecipient(recipient, context));
  const why: MessageKey | null = files.adding
    ? 'compose.why.busy'
    : draft.recipients.length === 0
      ? 'compose.why.noRecipients'
      : checks.some((check) => !check.ok)
        ? 'compose.why.badRecipient'
        : draft.pages === 0
          ? 'compose.why.noDocuments'
          : preview?.quota.over
            ? 'compose.why.overQuota'
            : null;
  const whyText =
    why === 'compose.why.overQuota' && preview
      ? t(why, {
          needed: preview.quota.needed,
          remaining: Math.max(0, (preview.quota.limit ?? 0) - preview.quota.used),
        })
      : why && t(why);

  const send = async () => {
    if (why || sending) return;
    setSending(true);
    setActionError(null);
    try {
      await flush();
      const result = await kamifax.drafts.send({ id: draftId });
      if (result.ok) onSent();
      else setActionError(result.error);
    } finally {
      setSending(false);
    }
  };
  const discard = async () => {
    const result = await kamifax.drafts.discard({ id: draftId });
    setConfirming(false);
    if (result.ok) onDiscarded();
    else setActionError(result.error);
  };

  const saveText =
    save === 'saving'
      ? t('compose.saving')
      : save === 'failed'
        ? t('compose.saveFailed', { reason: error ? errorText(error.code) : '' })
        : t('compose.saved');

  return (
    <section
      className="screen compose"
      aria-labelledby="screen-title"
      data-draft-id={draft.id}
      data-save-state={save}
    >
      <header className="compose-header">
        <h1 id="screen-title">{t('screen.compose.title')}</h1>
        <p
          className={save === 'failed' ? 'save-state error' : 'save-state muted'}
          role="status"
          data-testid="save-state"
        >
          {saveText}
        </p>
      </header>
      <div className="compose-body">
        <form
          className="compose-form"
          aria-labelledby="screen-title"
          // Enter in a field never sends the fax by surprise: only the Send button does.
          onSubmit={(event) => event.preventDefault()}
        >
          <RecipientField
            recipients={draft.recipients}
            context={context}
            focusOnMount={focusRecipient}
            onChange={(recipients) => edit({ recipients })}
          />
          <div className="field">
            <label htmlFor={`${id}-subject`}>{t('compose.subject')}</label>
            <input
              id={`${id}-subject`}
              value={draft.subject}
              maxLength={200}
              onChange={(event) => edit({ subject: event.target.value })}
            />
          </div>
          <fieldset className="documents">
            <legend>{t('compose.documents')}</legend>
            <DocumentStrip
              draftId={draft.id}
              documents={draft.documents}
              onMove={(documentId, toIndex) =>
                detach(
                  'moving a document',
                  documentChange(kamifax.drafts.moveDocument({ id: draftId, documentId, toIndex })),
                )
              }
              onRemove={(documentId) =>
                detach(
                  'removing a document',
                  documentChange(kamifax.drafts.removeDocument({ id: draftId, documentId })),
                )
              }
            />
            <div className="add-files">
              <button
                type="button"
                onClick={() =>
                  host === 'electron'
                    ? detach('picking files', files.pickFiles())
                    : fileInput.current?.click()
                }
                disabled={files.adding !== null}
              >
                {t('compose.addFiles')}
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                data-testid="file-input"
                accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt,.doc,.docx,.xls,.xlsx,.odt,.ods,application/pdf,image/png,image/jpeg,image/tiff,text/plain"
                onChange={(event) => {
                  const chosen = [...(event.target.files ?? [])];
                  event.target.value = '';
                  detach('adding files', files.addFiles(chosen));
                }}
              />
              <span className="muted">{t('compose.addFilesHint')}</span>
            </div>
            {files.adding && (
              <div role="status" className="adding" data-testid="adding">
                {files.adding.names.length === 1
                  ? t('compose.addingOne', { name: files.adding.names[0] ?? '' })
                  : t('compose.adding', { count: files.adding.names.length })}
                {files.adding.total > 0 && (
                  <progress
                    max={files.adding.total}
                    value={files.adding.loaded}
                    aria-label={t('compose.uploadProgress', {
                      percent: Math.round((files.adding.loaded / files.adding.total) * 100),
                    })}
                  />
                )}
              </div>
            )}
            <DraftProgress draftId={draftId} />
            {files.refused.length > 0 && (
              <ul className="field-problems" role="alert" data-testid="file-problems">
                {files.refused.map((file, index) => (
                  <li key={index} className="error">
                    {t('compose.fileRefused', { name: file.name, reason: errorText(file.code) })}
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <CoverFields cover={draft.cover} onChange={(cover) => edit({ cover })} />
          <div className="field">
            <label htmlFor={`${id}-resolution`}>{t('compose.resolution')}</label>
            <select
              id={`${id}-resolution`}
              value={draft.resolution}
              onChange={(event) =>
                edit({ resolution: event.target.value === 'standard' ? 'standard' : 'fine' })
              }
            >
              <option value="fine">{t('compose.resolution.fine')}</option>
              <option value="standard">{t('compose.resolution.standard')}</option>
            </select>
          </div>
          <div className="compose-actions">
            <button
              type="button"
              className="primary"
              aria-disabled={why !== null || sending}
              aria-describedby={`${id}-why`}
              data-testid="send"
              onClick={() => detach('sending the fax', send())}
            >
              {sending ? t('compose.sending') : t('compose.send')}
            </button>
            <button type="button" onClick={() => setConfirming(true)}>
              {t('compose.discard')}
            </button>
            <p id={`${id}-why`} className="muted send-why" data-testid="send-why">
              {whyText}
            </p>
          </div>
          {actionError && (
            <p className="error" role="alert">
              {errorText(actionError.code)}
            </p>
          )}
          {confirming && (
            <div className="confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
              <p id={`${id}-confirm`}>{t('compose.discardConfirm')}</p>
              <button
                type="button"
                className="danger"
                onClick={() => detach('discarding the draft', discard())}
              >
                {t('compose.discardYes')}
              </button>
              <button type="button" ref={keepButton} onClick={() => setConfirming(false)}>
                {t('compose.discardNo')}
              </button>
            </div>
          )}
        </form>
        <FaxPreview
          draftId={draft.id}
          revision={revision}
          pages={draft.pages}
          onPreview={onPreview}
        />
      </div>
      {files.dropping && (
        <div className="drop-overlay" aria-hidden="true">
          {t('compose.dropHere')}
        </div>
      )}
    </section>
  );
}

/** Nothing typed, attached or chosen: not worth keeping as a draft. */
function isEmpty(draft: Draft): boolean {
  return (
    draft.recipients.length === 0 &&
    draft.documents.length === 0 &&
    draft.subject.trim() === '' &&
    draft.cover.template === 'none'
  );
}
