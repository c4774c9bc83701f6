import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ErrorCode, SessionState } from '../../../preload/contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';
import { InboxScreen } from '../inbox/InboxScreen';
import { NotificationToasts } from '../inbox/NotificationToasts';
import { useInboxStatus } from '../inbox/useInboxStatus';
import { useComposeRouting } from '../compose/useComposeRouting';
import { PlaceholderScreen } from '../screens/PlaceholderScreen';
import { AccountProvider } from './account-context';
import { ConfirmDialog } from './ConfirmDialog';
import { detach } from './detach';
import { AfterFirstRow } from './first-row';
import { HostContext } from './host-context';
import { useKamifax } from './KamifaxContext';
import { LazyBoundary } from './lazy';
import {
  AccountScreen,
  ContactsScreen,
  PolicyUpdateBanner,
  PrivacyScreen,
  SendingScreens,
  SettingsScreen,
  useFetchAhead,
} from './lazy-screens';
import { Navigation } from './Navigation';
import { isSendingScreen, screens, screenTitle, type ScreenId } from './screens';
import { StatusBar } from './StatusBar';
import { ToastProvider, useToasts } from './toasts';
import { applyInboxAction } from '../inbox/inbox-actions';
import type { AppInfo, Settings } from './types';
import { useNavCounts } from './useNavCounts';
import './shell.css';
import '../inbox/inbox.css';
import { useShortcuts } from './useShortcuts';
import { TitleDetailContext, windowTitle } from './window-title';
import { AccountRotationsProvider } from '../viewer/account-rotations';

/** What the shell gives every screen. */
export interface ShellProps {
  info: AppInfo;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  onSession: (session: SessionState) => void;
  /** True when the host has stopped answering (the robustness work's heartbeat). */
  stopped?: boolean;
  /** More for the status bar (the printer's state). */
  statusExtra?: ReactNode;
}

/** The signed-in window: navigation, the current screen, the status bar and the toasts. */
export function Shell(props: ShellProps) {
  const inboxStatus = useInboxStatus();
  // What the screen adds to the window title (Compose: whether the draft is saved).
  const [titleDetail, setTitleDetail] = useState<string | null>(null);
  return (
    <HostContext.Provider value={props.info.host}>
      <ToastProvider>
        <AccountProvider
          refreshKey={inboxStatus?.total ?? 0}
          defaultCountry={props.settings.defaultCountry ?? 'auto'}
        >
          <AccountRotationsProvider>
            <TitleDetailContext.Provider value={setTitleDetail}>
              <ShellBody {...props} inboxStatus={inboxStatus} titleDetail={titleDetail} />
            </TitleDetailContext.Provider>
          </AccountRotationsProvider>
        </AccountProvider>
      </ToastProvider>
    </HostContext.Provider>
  );
}

function ShellBody({
  info,
  settings,
  onSettings,
  onSession,
  stopped = false,
  statusExtra,
  inboxStatus,
  titleDetail,
}: ShellProps & {
  inboxStatus: ReturnType<typeof useInboxStatus>;
  titleDetail: string | null;
}) {
  const kamifax = useKamifax();
  const { t } = useI18n();
  const toasts = useToasts();
  const [screen, setScreen] = useState<ScreenId>('inbox');
  const [openFax, setOpenFax] = useState<string | null>(null);
  const unread = inboxStatus?.unread ?? 0;
  const counts = useNavCounts(unread);
  // The other screens' code, fetched while the inbox is idle (the first script has the inbox).
  useFetchAhead();

  // Kept as a key or a code, not as text: the toast translates it when drawn, so it follows
  // a language switch while it is up.
  const notify = useCallback(
    (notice: { key: MessageKey } | { error: ErrorCode }) => toasts.show({ message: notice }),
    [toasts],
  );

  const compose = useComposeRouting(
    setScreen,
    useCallback((code: ErrorCode) => notify({ error: code }), [notify]),
  );

  const openFromNotification = useCallback(
    (id: string | null) => {
      setScreen('inbox');
      setOpenFax(id);
      // Opening reads it; main ignores a fax that is already read.
      if (id)
        detach(
          'mark read',
          applyInboxAction(kamifax, 'read', [id]).then((outcome) => {
            if (!outcome.ok) notify({ error: outcome.code });
          }),
        );
    },
    [kamifax, notify],
  );

  useEffect(
    () => kamifax.on('inbox:openFax', ({ id }) => openFromNotification(id || null)),
    [kamifax, openFromNotification],
  );

  useEffect(() => kamifax.on('privacy:open', () => setScreen('privacy')), [kamifax]);

  useShortcuts(
    useCallback((index: number) => {
      const target = screens[index];
      if (target) setScreen(target);
    }, []),
    useCallback(() => compose.startNew(), [compose]),
  );

  useEffect(() => {
    document.title = windowTitle({
      unread,
      screen: t(`nav.${screen}`),
      detail: titleDetail,
      app: t('app.name'),
    });
  }, [screen, t, unread, titleDetail]);
  // Signed out, the title says nothing of the account.
  useEffect(
    () => () => {
      document.title = t('app.name');
    },
    [t],
  );

  const [askSignOut, setAskSignOut] = useState(false);

  const changeSettings = async (patch: Partial<Settings>) => {
    const result = await kamifax.settings.update(patch);
    if (result.ok) {
      onSettings(result.value);
      notify({ key: 'settings.saved' });
    } else notify({ error: result.error.code });
  };

  const clearLocalData = async () => {
    const result = await kamifax.inbox.clearLocalData();
    notify(result.ok ? { key: 'settings.clearLocalDone' } : { error: result.error.code });
  };

  const signOut = async () => {
    setAskSignOut(false);
    const result = await kamifax.session.signOut();
    if (!result.ok) return notify({ error: result.error.code });
    // Page rotations lived in the account's store, which main removed with the account.
    onSession(result.value);
  };

  const skipToList = () => {
    setScreen('inbox');
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.fax-list, #screen-title')?.focus(),
    );
  };

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={skipToList}>
        {t('shell.skipToList')}
      </button>
      <Navigation
        current={screen}
        // "New fax" starts a new draft; unfinished ones wait under Drafts.
        onSelect={(next) => (next === 'compose' ? compose.startNew() : setScreen(next))}
        counts={counts}
      />
      <main className="content" data-screen={screen}>
        <LazyBoundary fallback={<section className="screen" aria-busy="true" />} resetKey={screen}>
          {screen === 'inbox' || screen === 'trash' ? (
            <InboxScreen
              key={screen}
              mode={screen}
              open={openFax}
              onOpen={setOpenFax}
              onForward={(draftId?: string) =>
                draftId
                  ? compose.openDraft(draftId)
                  : openFax
                    ? compose.forwardFax(openFax)
                    : setScreen('compose')
              }
            />
          ) : screen === 'settings' ? (
            <SettingsScreen
              settings={settings}
              info={info}
              onChange={(patch) => detach('change settings', changeSettings(patch))}
              onClearLocalData={() => detach('clear local data', clearLocalData())}
            />
          ) : screen === 'account' ? (
            <AccountScreen
              onPrivacy={() => setScreen('privacy')}
              onSignOut={() => setAskSignOut(true)}
            />
          ) : isSendingScreen(screen) ? (
            <SendingScreens
              screen={screen}
              routing={compose}
              host={info.host}
              onScreen={setScreen}
              onNotice={notify}
            />
          ) : screen === 'privacy' ? (
            <PrivacyScreen host={info.host} onSession={onSession} />
          ) : screen === 'contacts' ? (
            <ContactsScreen />
          ) : (
            <PlaceholderScreen key={screen} title={screenTitle(screen)} />
          )}
        </LazyBoundary>
      </main>
      {askSignOut && (
        <ConfirmDialog
          title={t('shell.signOut.title')}
          body={t('shell.signOut.body')}
          confirm={t('shell.signOut.confirm')}
          cancel={t('shell.signOut.cancel')}
          onConfirm={() => detach('sign out', signOut())}
          onCancel={() => setAskSignOut(false)}
        />
      )}
      <StatusBar
        status={inboxStatus}
        stopped={stopped}
        // In the status bar, so the policy notice takes no height from the inbox list.
        notice={
          screen !== 'privacy' && (
            // It asks main and loads its code once the inbox has shown its rows.
            <AfterFirstRow>
              <LazyBoundary>
                <PolicyUpdateBanner onOpen={() => setScreen('privacy')} />
              </LazyBoundary>
            </AfterFirstRow>
          )
        }
        extra={statusExtra}
      />
      {info.host === 'headless' && <NotificationToasts onOpen={openFromNotification} />}
    </div>
  );
}
