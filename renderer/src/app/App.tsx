import { useCallback, useEffect, useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { PlaceholderScreen } from '../screens/PlaceholderScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { useKamifax } from './KamifaxContext';
import { Navigation } from './Navigation';
import { screens, screenTitle, type ScreenId } from './screens';
import type { AppInfo, Settings } from './types';
import { useShortcuts } from './useShortcuts';

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; error: BridgeError }
  | { state: 'ready'; info: AppInfo; settings: Settings };

/** Loads what the shell needs from main, then shows it in the chosen language and theme. */
export function App() {
  const kamifax = useKamifax();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    void Promise.all([kamifax.app.info(), kamifax.settings.get()]).then(([info, settings]) => {
      if (!live) return;
      if (!info.ok) setBoot({ state: 'failed', error: info.error });
      else if (!settings.ok) setBoot({ state: 'failed', error: settings.error });
      else setBoot({ state: 'ready', info: info.value, settings: settings.value });
    });
    const stop = kamifax.on('settings:changed', (settings) =>
      setBoot((current) => (current.state === 'ready' ? { ...current, settings } : current)),
    );
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);

  const locale = resolveLocale(
    boot.state === 'ready' ? boot.settings.language : 'system',
    navigator.languages,
  );
  const theme = boot.state === 'ready' ? boot.settings.theme : 'system';

  useEffect(() => {
    document.documentElement.lang = locale;
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [locale, theme]);

  useEffect(() => {
    if (boot.state === 'ready') document.documentElement.dataset.ready = 'true';
  }, [boot.state]);

  return (
    <I18nProvider locale={locale}>
      {boot.state === 'loading' && <Splash />}
      {boot.state === 'failed' && <StartFailed error={boot.error} />}
      {boot.state === 'ready' && (
        <Shell
          info={boot.info}
          settings={boot.settings}
          onSettings={(settings) => setBoot({ ...boot, settings })}
        />
      )}
    </I18nProvider>
  );
}

function Splash() {
  const { t } = useI18n();
  return (
    <p className="splash" role="status">
      {t('app.loading')}
    </p>
  );
}

function StartFailed({ error }: { error: BridgeError }) {
  const { t, errorText } = useI18n();
  return (
    <p className="splash" role="alert">
      {t('app.startFailed', { reason: errorText(error.code) })}
    </p>
  );
}

function Shell({
  info,
  settings,
  onSettings,
}: {
  info: AppInfo;
  settings: Settings;
  onSettings: (settings: Settings) => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [screen, setScreen] = useState<ScreenId>('inbox');
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);

  useShortcuts(
    useCallback((index: number) => {
      const target = screens[index];
      if (target) setScreen(target);
    }, []),
  );

  useEffect(() => {
    document.title = `${t(`nav.${screen}`)} — ${t('app.name')}`;
  }, [screen, t]);

  const changeSettings = async (patch: Partial<Settings>) => {
    const result = await kamifax.settings.update(patch);
    if (result.ok) {
      onSettings(result.value);
      setNotice({ text: t('settings.saved'), error: false });
    } else setNotice({ text: errorText(result.error.code), error: true });
  };

  return (
    <div className="shell">
      <Navigation current={screen} onSelect={setScreen} />
      <main className="content">
        {screen === 'settings' ? (
          <SettingsScreen settings={settings} info={info} onChange={changeSettings} />
        ) : (
          <PlaceholderScreen key={screen} title={screenTitle(screen)} />
        )}
        <div className="notice" role={notice?.error ? 'alert' : 'status'} aria-live="polite">
          {notice?.text}
        </div>
      </main>
    </div>
  );
}
