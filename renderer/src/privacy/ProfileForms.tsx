import { useState } from 'react';
import type { Profile } from '../../../preload/privacy-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import type { Report } from './report';

const fields = ['gender', 'incomeLevel', 'occupation'] as const;

/** Optional demographics, each clearable on its own or all at once. */
export function DemographicsForm({ profile, report }: { profile: Profile; report: Report }) {
  const kamifax = useKamifax();
  const { t } = useI18n();
  // The parent remounts this form (its key) when the service's values change.
  const [values, setValues] = useState(profile.demographics);

  const save = async (demographics: Partial<Profile['demographics']>) => {
    const result = await kamifax.privacy.updateProfile({ demographics });
    report(result.ok ? { key: 'privacy.profile.saved' } : { error: result.error.code });
  };

  return (
    <form
      className="privacy-form"
      onSubmit={(event) => {
        event.preventDefault();
        detach(
          'saving demographics',
          save(Object.fromEntries(fields.map((f) => [f, values[f]?.trim() ? values[f] : null]))),
        );
      }}
    >
      {fields.map((field) => (
        <div className="field-row" key={field}>
          <label htmlFor={`demo-${field}`}>{t(`privacy.profile.${field}`)}</label>
          <input
            id={`demo-${field}`}
            type="text"
            maxLength={100}
            value={values[field] ?? ''}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
          <button
            type="button"
            disabled={!profile.demographics[field]}
            onClick={() => detach('clearing a demographic', save({ [field]: null }))}
          >
            {t(`privacy.profile.clear.${field}`)}
          </button>
        </div>
      ))}
      <div className="actions-row">
        <button type="submit">{t('privacy.profile.saveDemographics')}</button>
        <button
          type="button"
          onClick={() =>
            detach(
              'clearing demographics',
              save({ gender: null, incomeLevel: null, occupation: null }),
            )
          }
        >
          {t('privacy.profile.clearAll')}
        </button>
      </div>
    </form>
  );
}

/** Name and e-mail, corrected on the service. */
export function ProfileForm({ profile, report }: { profile: Profile; report: Report }) {
  const kamifax = useKamifax();
  const { t } = useI18n();
  const [name, setName] = useState(profile.name);
  const [email, setEmail] = useState(profile.email);

  return (
    <form
      className="privacy-form"
      onSubmit={(event) => {
        event.preventDefault();
        detach(
          'saving the profile',
          (async () => {
            const result = await kamifax.privacy.updateProfile({ name, email });
            report(
              result.ok
                ? { key: 'privacy.profile.saved' }
                : {
                    error:
                      result.error.code === 'invalid_request' ? 'email_invalid' : result.error.code,
                  },
            );
          })(),
        );
      }}
    >
      <div className="field">
        <label htmlFor="profile-name">{t('privacy.profile.name')}</label>
        <input
          id="profile-name"
          type="text"
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="profile-email">{t('privacy.profile.email')}</label>
        <input
          id="profile-email"
          type="email"
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <button type="submit">{t('privacy.profile.save')}</button>
    </form>
  );
}
