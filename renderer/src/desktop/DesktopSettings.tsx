import type { AppInfo, Settings } from '../app/types';
import { useI18n } from '../i18n/i18n';

/** Mirrors main's `closesToTray`: by default on where the platform expects it. */
function closesToTray(choice: Settings['closeToTray'], platform: string): boolean {
  if (choice === true || choice === false) return choice;
  return platform === 'win32' || platform === 'darwin';
}

/** The desktop app's own settings (the browser host has no tray and no login items). */
export function DesktopSettings({
  settings,
  info,
  onChange,
}: {
  settings: Settings;
  info: AppInfo;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const { t } = useI18n();
  if (info.host !== 'electron') return null;
  return (
    <fieldset className="field">
      <legend>{t('settings.desktop')}</legend>
      <label className="radio">
        <input
          type="checkbox"
          checked={closesToTray(settings.closeToTray, info.platform)}
          onChange={(e) => onChange({ closeToTray: e.target.checked })}
        />
        {t('settings.closeToTray')}
      </label>
      <p className="muted">{t('settings.closeToTray.note')}</p>
      <label className="radio">
        <input
          type="checkbox"
          checked={settings.startAtLogin === true}
          onChange={(e) => onChange({ startAtLogin: e.target.checked })}
        />
        {t('settings.startAtLogin')}
      </label>
      <p className="muted">{t('settings.startAtLogin.note')}</p>
    </fieldset>
  );
}
