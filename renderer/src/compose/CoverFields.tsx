import { useId } from 'react';
import { coverTemplateSchema, type Cover } from '../../../preload/send-contract';
import { useI18n } from '../i18n/i18n';

/** The cover page: a template (or none) and, with one, its From, To, Company and Message. */
export function CoverFields({
  cover,
  onChange,
}: {
  cover: Cover;
  onChange: (change: Partial<Cover>) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const text = (field: 'from' | 'to' | 'company') => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`}>{t(`compose.cover.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        value={cover[field]}
        maxLength={200}
        onChange={(event) => onChange({ [field]: event.target.value })}
      />
    </div>
  );
  return (
    <fieldset className="cover-fields">
      <legend>{t('compose.cover')}</legend>
      <div className="field">
        <label htmlFor={`${id}-template`} className="visually-hidden">
          {t('compose.cover')}
        </label>
        <select
          id={`${id}-template`}
          value={cover.template}
          onChange={(event) =>
            onChange({ template: coverTemplateSchema.parse(event.target.value) })
          }
        >
          {coverTemplateSchema.options.map((template) => (
            <option key={template} value={template}>
              {t(`compose.cover.${template}`)}
            </option>
          ))}
        </select>
      </div>
      {cover.template !== 'none' && (
        <div className="cover-grid">
          {text('from')}
          {text('to')}
          {text('company')}
          <div className="field cover-message">
            <label htmlFor={`${id}-message`}>{t('compose.cover.message')}</label>
            <textarea
              id={`${id}-message`}
              value={cover.message}
              rows={4}
              maxLength={4000}
              onChange={(event) => onChange({ message: event.target.value })}
            />
          </div>
        </div>
      )}
    </fieldset>
  );
}
