import { useEffect, useRef, useState, type FormEvent } from 'react';
import { checkFaxNumber } from '../../../preload/fax-numbers';
import type { ErrorCode } from '../../../preload/contract';
import type { Contact } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';

/**
 * Adds or edits a contact in the pane. The number is checked as it is typed with the same
 * rules main applies (`fax-numbers.ts`), and the reason shows under the field; main checks
 * again on save. Enter saves, Escape cancels.
 */
export function ContactForm({
  contact,
  country,
  onSaved,
  onCancel,
}: {
  contact: Contact | null;
  country: string;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}) {
  const { t, errorText } = useI18n();
  const kamifax = useKamifax();
  const [name, setName] = useState(contact?.name ?? '');
  const [company, setCompany] = useState(contact?.company ?? '');
  const [faxNumber, setFaxNumber] = useState(contact?.faxNumber ?? '');
  const [note, setNote] = useState(contact?.note ?? '');
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const check = checkFaxNumber(faxNumber, country);
  const showProblem = !check.ok && (touched || faxNumber.trim() !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!check.ok || busy) return;
    setBusy(true);
    const result = await kamifax.contacts.save({
      ...(contact ? { id: contact.id } : {}),
      name: name.trim(),
      company: company.trim(),
      faxNumber: check.e164,
      note,
    });
    setBusy(false);
    if (!result.ok) return setFailure(result.error.code);
    onSaved(result.value);
  };

  return (
    <form
      className="contact-form"
      aria-label={contact ? t('contacts.form.edit') : t('contacts.form.new')}
      onSubmit={(event) => detach('save contact', submit(event))}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h2>{contact ? t('contacts.form.edit') : t('contacts.form.new')}</h2>
      <label>
        {t('contacts.name')}
        <input ref={first} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('contacts.company')}
        <input value={company} maxLength={200} onChange={(e) => setCompany(e.target.value)} />
      </label>
      <label>
        {t('contacts.faxNumber')}
        <input
          value={faxNumber}
          inputMode="tel"
          maxLength={100}
          aria-invalid={showProblem}
          aria-describedby="contact-number-help"
          onChange={(e) => {
            setFaxNumber(e.target.value);
            setFailure(null);
          }}
          onBlur={() => setTouched(true)}
        />
      </label>
      <p
        id="contact-number-help"
        className={showProblem ? 'error' : 'muted'}
        data-testid="contact-number-help"
      >
        {check.ok
          ? t('contacts.numberOk', { number: check.international })
          : showProblem
            ? errorText(check.problem)
            : '\u00a0'}
      </p>
      <label>
        {t('contacts.note')}
        <textarea
          value={note}
          maxLength={2000}
          rows={3}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {failure && (
        <p role="alert" className="error">
          {errorText(failure)}
        </p>
      )}
      <div className="pane-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('contacts.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('contacts.cancel')}
        </button>
      </div>
    </form>
  );
}
