import { useEffect, useState } from 'react';
import type { BridgeError, SessionState } from '../../../preload/contract';
import { SignInScreen } from '../session/SignInScreen';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { useKamifax } from './KamifaxContext';
import { Shell } from './Shell';
import type { AppInfo, Settings } from './types';

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; error: BridgeError }
  | { state: 'ready'; info: AppInfo; settings: Settings; session: SessionState };

/** Loads what the shell needs from main, then shows it in the chosen language and theme. */
export function App() {
  const kamifax = useKamifax();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    void Promise.all([kamifax.app.info(), kamifax.settings.get(), kamifax.session.get()]).then(
      ([info, settings, session]) => {
        if (!live) return;
        if (!info.ok) setBoot({ state: 'failed', error: info.error });
        else if (!settings.ok) setBoot({ state: 'failed', error: settings.error });
        else if (!session.ok) setBoot({ state: 'failed', error: session.error });
        else
          setBoot({
            state: 'ready',
            info: info.value,
            settings: settings.value,
            session: session.value,
          });
      },
    );
    const update = (patch: Partial<Extract<Boot, { state: 'ready' }>>) =>
      setBoot((current) => (current.state === 'ready' ? { ...current, ...patch } : current));
    const stops = [
      kamifax.on('settings:changed', (settings) => update({ settings })),
      kamifax.on('session:changed', (session) => update({ session })),
    ];
    return () => {
      live = false;
      for (const stop of stops) stop();
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
      {(boot.state === 'loading' ||
        (boot.state === 'ready' && boot.session.status === 'restoring')) && <Splash />}
      {boot.state === 'failed' && <StartFailed error={boot.error} />}
      {boot.state === 'ready' && boot.session.status === 'signedOut' && (
        <SignInScreen
          remembered={boot.session.remembered}
          revoked={boot.session.reason === 'revoked'}
          onSession={(session) => setBoot({ ...boot, session })}
        />
      )}
      {boot.state === 'ready' && boot.session.status === 'signedIn' && (
        <Shell
          info={boot.info}
          settings={boot.settings}
          onSettings={(settings) => setBoot({ ...boot, settings })}
          onSession={(session) => setBoot({ ...boot, session })}
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
