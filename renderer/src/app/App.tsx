import { useCallback, useEffect, useState } from 'react';
import type { BridgeError, SessionState } from '../../../preload/contract';
import { InboxStatusProvider } from '../inbox/useInboxStatus';
import { SignInScreen } from '../session/SignInScreen';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { nextBoot, type Boot, type BootPatch } from './boot';
import { detach } from './detach';
import { installFocusRescue } from './focus-rescue';
import { useKamifax } from './KamifaxContext';
import { Shell } from './Shell';
import type { Settings } from './types';
import { useHostConnection } from './useHostConnection';

/** Loads what the shell needs from main, then shows it in the chosen language and theme. */
export function App() {
  const kamifax = useKamifax();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const connection = useHostConnection();

  useEffect(() => {
    let live = true;
    // Every answer and event goes through one functional update, in arrival order: an
    // event during loading is kept, and nothing is computed from a stale `boot`.
    const learn = (patch: BootPatch) => {
      if (live) setBoot((current) => nextBoot(current, patch));
    };
    const stops = [
      kamifax.on('settings:changed', (settings) => learn({ settings })),
      kamifax.on('session:changed', (session) => learn({ session })),
    ];
    detach('loading the app', async () => {
      await Promise.all([
        kamifax.app.info().then((r) => learn(r.ok ? { info: r.value } : { error: r.error })),
        kamifax.settings
          .get()
          .then((r) => learn(r.ok ? { settings: r.value } : { error: r.error })),
        kamifax.session.get().then((r) => learn(r.ok ? { session: r.value } : { error: r.error })),
      ]);
    });
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [kamifax]);
  const onSession = useCallback(
    (session: SessionState) => setBoot((current) => nextBoot(current, { session })),
    [],
  );
  const onSettings = useCallback(
    (settings: Settings) => setBoot((current) => nextBoot(current, { settings })),
    [],
  );

  useEffect(() => {
    document.documentElement.dataset.hostConnection = connection;
  }, [connection]);

  // A keyboard user's focus never falls to <body> when what held it goes away.
  useEffect(() => installFocusRescue(), []);

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
      {connection === 'lost' && !(boot.state === 'ready' && boot.session.status === 'signedIn') && (
        <HostStopped />
      )}
      {boot.state === 'ready' && boot.session.status === 'signedOut' && (
        <SignInScreen
          remembered={boot.session.remembered}
          signInInMemory={boot.info.signInInMemory === true}
          revoked={boot.session.reason === 'revoked'}
          restoreProblem={
            boot.session.reason === 'keychain_unavailable' ||
            boot.session.reason === 'restore_failed'
              ? boot.session.reason
              : null
          }
          onSession={onSession}
        />
      )}
      {boot.state === 'ready' && boot.session.status === 'signedIn' && (
        <InboxStatusProvider>
          <Shell
            info={boot.info}
            settings={boot.settings}
            onSettings={onSettings}
            onSession={onSession}
            stopped={connection === 'lost'}
          />
        </InboxStatusProvider>
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

/** Before the shell is up (it says so in its status bar): the host went away. */
function HostStopped() {
  const { t } = useI18n();
  return (
    <p className="splash" role="alert">
      {t('shell.status.stopped')}
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
