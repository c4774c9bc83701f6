import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { checkFaxNumber, formatFaxNumber, type NumberCheck } from '../../../preload/fax-numbers';
import type { Contact, DraftRecipient } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import type { NumberContext } from './useNumberContext';

/** Checks a recipient against the current country and the own/blocked lists. */
export function checkRecipient(
  recipient: DraftRecipient,
  context: NumberContext | null,
): NumberCheck {
  return checkFaxNumber(recipient.e164 ?? recipient.input, context?.country ?? 'JP', {
    own: context?.ownNumbers ?? [],
    blocked: context?.blockedNumbers ?? [],
  });
}

/** Makes a recipient of typed text, normalised when it is a number we can send to. */
function recipientOf(input: string, context: NumberContext | null): DraftRecipient {
  const check = checkRecipient({ input, e164: null, contactName: null }, context);
  return { input, e164: check.ok ? check.e164 : null, contactName: null };
}

/** Typing pause before contacts are searched. */
const suggestDelayMs = 120;

/**
 * The To field: one chip per recipient (a contact's name, or the number in national form;
 * red with its reason when it cannot be faxed), a text box that checks and normalises the
 * number as it is typed, and contact suggestions by name, company or number.
 */
export function RecipientField({
  recipients,
  onChange,
  context,
  focusOnMount = false,
}: {
  recipients: readonly DraftRecipient[];
  onChange: (recipients: DraftRecipient[]) => void;
  context: NumberContext | null;
  /** Takes the focus when drawn (a new fax the person asked for). */
  focusOnMount?: boolean;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [found, setSuggestions] = useState<Contact[]>([]);
  const [active, setActive] = useState(0);
  const country = context?.country ?? 'JP';
  // Suggestions belong to what is typed; an empty box shows none.
  const suggestions = text.trim() ? found : [];

  const focusFirst = useRef(focusOnMount);
  useEffect(() => {
    if (focusFirst.current) input.current?.focus();
  }, []);

  useEffect(() => {
    const search = text.trim();
    if (search.length === 0) return;
    let live = true;
    const timer = setTimeout(
      () =>
        detach(
          'contacts:query',
          kamifax.contacts.query({ search, limit: 8 }).then((result) => {
            if (!live) return;
            setSuggestions(result.ok ? result.value.rows : []);
            setActive(0);
          }),
        ),
      suggestDelayMs,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kamifax, text]);

  const typedCheck = text.trim()
    ? checkRecipient({ input: text, e164: null, contactName: null }, context)
    : null;

  const commit = (values: string[]) => {
    const added = values.map((value) => value.trim()).filter((value) => value.length > 0);
    if (added.length === 0) return;
    onChange([...recipients, ...added.map((value) => recipientOf(value, context))]);
    setText('');
    setSuggestions([]);
  };
  const pick = (contact: Contact) => {
    onChange([
      ...recipients,
      { input: contact.faxNumber, e164: contact.faxNumber, contactName: contact.name },
    ]);
    setText('');
    setSuggestions([]);
    input.current?.focus();
  };
  const remove = (index: number) => {
    onChange(recipients.filter((_, i) => i !== index));
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const open = suggestions.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((a) => Math.min(suggestions.length - 1, a + 1));
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setSuggestions([]);
    } else if (
      event.key === 'Enter' ||
      event.key === ',' ||
      event.key === ';' ||
      event.key === '、'
    ) {
      const chosen = open ? suggestions[active] : undefined;
      if (chosen && event.key === 'Enter') {
        event.preventDefault();
        pick(chosen);
      } else if (text.trim()) {
        event.preventDefault();
        commit([text]);
      }
    } else if (event.key === 'Tab' && text.trim() && !event.shiftKey) {
      // Leaving the box keeps what was typed as a recipient rather than losing it.
      commit([text]);
    } else if (event.key === 'Backspace' && text === '' && recipients.length > 0) {
      event.preventDefault();
      remove(recipients.length - 1);
    }
  };

  const checks = recipients.map((recipient) => checkRecipient(recipient, context));
  const problems = recipients
    .map((recipient, index) => ({ recipient, check: checks[index] }))
    .filter(
      (entry): entry is { recipient: DraftRecipient; check: Extract<NumberCheck, { ok: false }> } =>
        entry.check !== undefined && !entry.check.ok,
    );
  const listId = `${id}-suggestions`;
  const hintId = `${id}-hint`;
  const problemsId = `${id}-problems`;

  return (
    <div className="field recipients" data-testid="recipients">
      <label htmlFor={`${id}-input`}>{t('compose.to')}</label>
      <div className={`chip-box${problems.length > 0 ? ' has-problems' : ''}`}>
        <ul className="chips" aria-label={t('compose.recipients')}>
          {recipients.map((recipient, index) => {
            const check = checks[index];
            const number = check?.ok ? formatFaxNumber(check.e164, country) : recipient.input;
            // A contact's chip names them and shows the number the fax goes to.
            const shown = recipient.contactName ?? number;
            return (
              <li
                key={`${index}-${recipient.input}`}
                className={check?.ok ? 'chip' : 'chip invalid'}
                data-e164={check?.ok ? check.e164 : undefined}
                data-problem={check && !check.ok ? check.problem : undefined}
                title={check?.ok ? check.international : undefined}
              >
                <span>{shown}</span>
                {recipient.contactName && (
                  <span className="chip-number muted" data-testid="chip-number">
                    {number}
                  </span>
                )}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('compose.removeRecipient', { name: shown })}
                  onClick={() => remove(index)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        <input
          ref={input}
          id={`${id}-input`}
          className="chip-input"
          value={text}
          placeholder={recipients.length === 0 ? t('compose.toPlaceholder') : undefined}
          autoComplete="off"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
          aria-describedby={`${hintId} ${problemsId}`}
          aria-invalid={
            problems.length > 0 || (typedCheck !== null && !typedCheck.ok) ? true : undefined
          }
          onChange={(event) => {
            const value = event.target.value;
            const parts = value.split(/[,;、\n]/);
            if (parts.length > 1) {
              commit(parts.slice(0, -1));
              setText(parts[parts.length - 1] ?? '');
            } else setText(value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setSuggestions([])}
        />
      </div>
      {suggestions.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          className="suggestions"
          aria-label={t('compose.suggestions')}
        >
          {suggestions.map((contact, index) => (
            <li
              key={contact.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // Keep focus in the box: a mouse down would blur it and close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(contact);
              }}
            >
              <strong>{contact.name}</strong>
              {contact.company && <span className="muted"> · {contact.company}</span>}
              <span className="muted"> · {formatFaxNumber(contact.faxNumber, country)}</span>
            </li>
          ))}
        </ul>
      )}
      <p
        id={hintId}
        className={typedCheck && !typedCheck.ok ? 'field-hint error' : 'field-hint muted'}
        aria-live="polite"
        data-testid="number-hint"
      >
        {typedCheck === null
          ? t('compose.toHelp')
          : typedCheck.ok
            ? `✓ ${formatFaxNumber(typedCheck.e164, country)} (${typedCheck.e164})`
            : errorText(typedCheck.problem)}
      </p>
      <ul id={problemsId} className="field-problems" role="alert" data-testid="recipient-problems">
        {problems.map(({ recipient, check }, index) => (
          <li key={index} className="error">
            {t('compose.invalidRecipient', {
              input: recipient.input,
              reason: errorText(check.problem),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
