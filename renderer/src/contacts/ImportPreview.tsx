import { useEffect, useRef } from 'react';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { ContactImportPreview } from '../../../preload/send-contract';
import { useI18n } from '../i18n/i18n';

/**
 * The summary an import shows before anything is saved: how many contacts will be added,
 * which lines are duplicates and which cannot be imported and why. Import commits all of
 * it at once; Cancel (or Escape) leaves the address book as it was.
 */
export function ImportPreview({
  fileName,
  preview,
  country,
  busy,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  preview: ContactImportPreview;
  country: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t, errorText } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const reason = (code: ContactImportPreview['errors'][number]['reason']) =>
    code === 'no_fax_number' ? t('contacts.reason.no_fax_number') : errorText(code);
  const number = (e164: string) => formatFaxNumber(e164, country);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog import-preview"
      aria-labelledby="import-title"
      data-testid="import-preview"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="import-title">{t('contacts.preview.title', { name: fileName })}</h2>
      <p data-testid="import-add">
        {preview.add > 0
          ? t('contacts.preview.add', { count: preview.add })
          : t('contacts.preview.addNone')}
      </p>
      {preview.errors.length > 0 && (
        <>
          <p>{t('contacts.preview.errors', { count: preview.errors.length })}</p>
          <ul data-testid="import-errors">
            {preview.errors.map((error) => (
              <li key={`e${error.line}`}>
                {t('contacts.preview.error', {
                  line: error.line,
                  name: error.name,
                  input: error.input,
                  reason: reason(error.reason),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.duplicates.length > 0 && (
        <>
          <p>{t('contacts.preview.duplicates', { count: preview.duplicates.length })}</p>
          <ul data-testid="import-duplicates">
            {preview.duplicates.map((duplicate) => (
              <li key={`d${duplicate.line}`}>
                {duplicate.existing !== null
                  ? t('contacts.preview.duplicateExisting', {
                      line: duplicate.line,
                      name: duplicate.name,
                      number: number(duplicate.faxNumber),
                      existing: duplicate.existing,
                    })
                  : t('contacts.preview.duplicateInFile', {
                      line: duplicate.line,
                      name: duplicate.name,
                      number: number(duplicate.faxNumber),
                      other: duplicate.sameAsLine ?? '',
                    })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">{t('contacts.preview.nothingYet')}</p>
      <div className="actions">
        <button type="button" autoFocus onClick={onCancel}>
          {t('contacts.preview.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || preview.add === 0}
          onClick={onConfirm}
        >
          {t('contacts.preview.confirm', { count: preview.add })}
        </button>
      </div>
    </dialog>
  );
}
