import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { useUiPrefs } from './ui-prefs';

/** Settings for reading faxes: where the reading pane sits, and darker pages in the dark theme. */
export function ReadingSettings() {
  const { t } = useI18n();
  const [prefs, setPrefs] = useUiPrefs();
  const darkenId = useId();
  return (
    <fieldset className="field">
      <legend>{t('inbox.settings.reading')}</legend>
      {(['right', 'bottom'] as const).map((place) => (
        <label key={place} className="radio">
          <input
            type="radio"
            name="reading-pane"
            checked={prefs.readingPane === place}
            onChange={() => setPrefs({ readingPane: place })}
          />
          {t(place === 'right' ? 'inbox.settings.paneRight' : 'inbox.settings.paneBottom')}
        </label>
      ))}
      <p className="muted">{t('inbox.settings.paneNote')}</p>
      <label className="radio" htmlFor={darkenId}>
        <input
          id={darkenId}
          type="checkbox"
          checked={prefs.darkenPages}
          onChange={(event) => setPrefs({ darkenPages: event.target.checked })}
        />
        {t('inbox.settings.darken')}
      </label>
      <p className="muted">{t('inbox.settings.darkenNote')}</p>
    </fieldset>
  );
}
