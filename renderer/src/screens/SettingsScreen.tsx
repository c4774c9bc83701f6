import { useId } from 'react';
import type { AppInfo, Settings } from '../app/types';
import { DefaultCountrySetting } from '../compose/DefaultCountrySetting';
import { ReadingSettings } from '../inbox/ReadingSettings';
import { useI18n } from '../i18n/i18n';
import { DesktopSettings } from '../desktop/DesktopSettings';
import { PrinterSettings } from '../printer/PrinterSettings';

const languages = ['system', 'en', 'ja'] as const;
const themes = ['system', 'light', 'dark'] as const;
const levels = ['off', 'generic', 'details'] as const;

/** Local preferences: language, theme, notification content level; and the about box. */
export function SettingsScreen({
  settings,
  info,
  onChange,
  onClearLocalData,
}: {
  settings: Settings;
  info: AppInfo;
  onChange: (patch: Partial<Settings>) => void;
  onClearLocalData: () => void;
}) {
  const { t } = useI18n();
  const languageId = useId();
  const themeId = useId();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screen.settings.title')}</h1>
      <div className="field">
        <label htmlFor={languageId}>{t('settings.language')}</label>
        <select
          id={languageId}
          value={settings.language}
          onChange={(e) => onChange({ language: e.target.value as Settings['language'] })}
        >
          {languages.map((value) => (
            <option key={value} value={value}>
              {t(`settings.language.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={themeId}>{t('settings.theme')}</label>
        <select
          id={themeId}
          value={settings.theme}
          onChange={(e) => onChange({ theme: e.target.value as Settings['theme'] })}
        >
          {themes.map((value) => (
            <option key={value} value={value}>
              {t(`settings.theme.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t('settings.notifications')}</legend>
        {levels.map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="notificationLevel"
              value={value}
              checked={settings.notificationLevel === value}
              onChange={() => onChange({ notificationLevel: value })}
            />
            {t(`settings.notifications.${value}`)}
          </label>
        ))}
        <p className="muted">{t('settings.notifications.note')}</p>
      </fieldset>
      <DesktopSettings settings={settings} info={info} onChange={onChange} />
      <DefaultCountrySetting value={settings.defaultCountry} onChange={onChange} />
      <ReadingSettings />
      <PrinterSettings />
      <h2>{t('settings.localData')}</h2>
      <p className="muted">{t('settings.clearLocalNote')}</p>
      <button type="button" onClick={onClearLocalData}>
        {t('settings.clearLocal')}
      </button>
      <h2>{t('about.title')}</h2>
      <p data-testid="about-version">
        {t('about.version', {
          version: info.version,
          host: t(`about.host.${info.host}`),
          platform: info.platform,
        })}
      </p>
    </section>
  );
}
