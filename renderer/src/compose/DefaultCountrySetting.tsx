import { useId, useMemo } from 'react';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import type { Settings } from '../app/types';
import { useI18n } from '../i18n/i18n';
import { useNumberContext } from './useNumberContext';

/**
 * Settings: the country numbers typed without a country code are read in. "Automatic" follows
 * the account's own fax number, then the OS locale (main resolves it and says which).
 */
export function DefaultCountrySetting({
  value,
  onChange,
}: {
  value: Settings['defaultCountry'];
  onChange: (patch: Partial<Settings>) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const context = useNumberContext();
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code, calling: getCountryCallingCode(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [locale]);
  const nameOf = (code: string) => countries.find((country) => country.code === code)?.name ?? code;
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.defaultCountry')}</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange({ defaultCountry: event.target.value })}
      >
        <option value="auto">
          {value === 'auto' && context
            ? t('settings.defaultCountry.auto', { country: nameOf(context.country) })
            : t('settings.defaultCountry.autoPlain')}
        </option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name} (+{country.calling})
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="muted">
        {t('settings.defaultCountry.help')}
      </p>
    </div>
  );
}
