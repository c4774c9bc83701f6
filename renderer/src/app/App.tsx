import { useCallback, useEffect, useState } from 'react';
import type { BridgeError, ErrorCode, SessionState } from '../../../preload/contract';
import type { MessageKey } from '../i18n/messages/en';
import { AccountScreen } from '../account/AccountScreen';
import { InboxScreen } from '../inbox/InboxScreen';
import { NotificationToasts } from '../inbox/NotificationToasts';
import { useInboxStatus } from '../inbox/useInboxStatus';
import { SignInScreen } from '../session/SignInScreen';
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

function Shell({
  info,
  settings,
  onSettings,
  onSession,
}: {
  info: AppInfo;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  onSession: (session: SessionState) => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [screen, setScreen] = useState<ScreenId>('inbox');
  // Kept as a key or a code, not as text, so a language switch re-translates it.
  const [notice, setNotice] = useState<{ key: MessageKey } | { error: ErrorCode } | null>(null);
  const [openFax, setOpenFax] = useState<string | null>(null);
  const inboxStatus = useInboxStatus();
  const unread = inboxStatus?.unread ?? 0;

  const openFromNotification = useCallback(
    (id: string | null) => {
      setScreen('inbox');
      setOpenFax(id);
      // Opening reads it; main ignores a fax that is already read.
      if (id) void kamifax.inbox.markRead({ ids: [id], read: true });
    },
    [kamifax],
  );

  useEffect(
    () => kamifax.on('inbox:openFax', ({ id }) => openFromNotification(id || null)),
    [kamifax, openFromNotification],
  );

  useShortcuts(
    useCallback((index: number) => {
      const target = screens[index];
      if (target) setScreen(target);
    }, []),
  );

  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${t(`nav.${screen}`)} — ${t('app.name')}`;
  }, [screen, t, unread]);

  const changeSettings = async (patch: Partial<Settings>) => {
    const result = await kamifax.settings.update(patch);
    if (result.ok) {
      onSettings(result.value);
      setNotice({ key: 'settings.saved' });
    } else setNotice({ error: result.error.code });
  };

  const clearLocalData = async () => {
    const result = await kamifax.inbox.clearLocalData();
    setNotice(result.ok ? { key: 'settings.clearLocalDone' } : { error: result.error.code });
  };

  const signOut = async () => {
    const result = await kamifax.session.signOut();
    if (result.ok) onSession(result.value);
    else setNotice({ error: result.error.code });
  };

  return (
    <div className="shell">
      <Navigation current={screen} onSelect={setScreen} />
      <main className="content">
        {screen === 'inbox' ? (
          <InboxScreen open={openFax} onOpen={setOpenFax} onForward={() => setScreen('compose')} />
        ) : screen === 'settings' ? (
          <SettingsScreen
            settings={settings}
            info={info}
            onChange={changeSettings}
            onClearLocalData={clearLocalData}
          />
        ) : screen === 'account' ? (
          <AccountScreen onPrivacy={() => setScreen('privacy')} onSignOut={() => void signOut()} />
        ) : (
          <PlaceholderScreen key={screen} title={screenTitle(screen)} />
        )}
        <div
          className="notice"
          role={notice && 'error' in notice ? 'alert' : 'status'}
          aria-live="polite"
        >
          {notice && ('error' in notice ? errorText(notice.error) : t(notice.key))}
        </div>
        {info.host === 'headless' && <NotificationToasts onOpen={openFromNotification} />}
      </main>
    </div>
  );
}
