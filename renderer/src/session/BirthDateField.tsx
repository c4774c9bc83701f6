import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { datePartOrder, joinBirthDate, monthNames, type DatePart } from './birth-date';

/**
 * The date of birth as three labelled lists in the app's language and its order (年・月・日 in
 * Japanese), since a native date input follows the browser's region instead.
 */
export function BirthDateField({ onChange }: { onChange: (value: string) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [parts, setParts] = useState<Record<DatePart, string>>({ year: '', month: '', day: '' });
  const thisYear = new Date().getFullYear();
  const options: Record<DatePart, { value: string; label: string }[]> = {
    year: Array.from({ length: 120 }, (_, i) => String(thisYear - i)).map((y) => ({
      value: y,
      label: y,
    })),
    month: monthNames(locale).map((name, i) => ({ value: String(i + 1), label: name })),
    day: Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
  };
  const labels: Record<DatePart, string> = {
    year: t('signUp.birthYear'),
    month: t('signUp.birthMonth'),
    day: t('signUp.birthDay'),
  };
  const change = (part: DatePart, value: string) => {
    const next = { ...parts, [part]: value };
    setParts(next);
    onChange(joinBirthDate(next.year, next.month, next.day));
  };
  return (
    <fieldset className="field" aria-describedby={`${id}-hint`}>
      <legend>{t('signUp.birthDate')}</legend>
      <div className="birth-date">
        {datePartOrder(locale).map((part) => (
          <label key={part} className="birth-date-part">
            <span>{labels[part]}</span>
            <select required value={parts[part]} onChange={(e) => change(part, e.target.value)}>
              <option value="">—</option>
              {options[part].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <span id={`${id}-hint`} className="muted">
        {t('signUp.birthDateHint')}
      </span>
    </fieldset>
  );
}
