import { useEffect, useRef, useState } from 'react';
import type { BridgeError, ErrorCode } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import type { SendingScreen } from '../app/screens';
import type { AppInfo } from '../app/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';
import { OutboxScreen } from '../outbox/OutboxScreen';
import { ComposeScreen } from './ComposeScreen';
import { DraftsScreen } from './DraftsScreen';
import type { ComposeRouting } from './useComposeRouting';

/**
 * Compose, Drafts, Outbox and Sent, for the shell: one component so the shell's switch gains
 * one branch. `routing` (held by the shell) remembers the open draft between visits.
 */
export function SendingScreens({
  screen,
  routing,
  host,
  onScreen,
  onNotice,
}: {
  screen: SendingScreen;
  routing: ComposeRouting;
  host: AppInfo['host'];
  onScreen: (screen: SendingScreen) => void;
  onNotice: (notice: { key: MessageKey } | { error: ErrorCode }) => void;
}) {
  if (screen === 'compose')
    return routing.draftId ? (
      <ComposeScreen
        key={routing.draftId}
        draftId={routing.draftId}
        host={host}
        focusRecipient={routing.focusRecipient}
        onRecipientFocused={routing.recipientFocused}
        onSent={() => {
          routing.closeDraft();
          onNotice({ key: 'compose.sent' });
          onScreen('outbox');
        }}
        onDiscarded={() => {
          routing.closeDraft();
          onNotice({ key: 'compose.discarded' });
          onScreen('drafts');
        }}
        onGone={routing.forgetDraft}
      />
    ) : (
      <NewDraft onDraft={routing.setDraftId} />
    );
  if (screen === 'drafts')
    return <DraftsScreen onOpen={routing.openDraft} onNew={routing.startNew} />;
  return (
    <OutboxScreen
      key={screen}
      view={screen}
      onForward={routing.forwardDocument}
      onNotice={(key) => onNotice({ key })}
    />
  );
}

/** Starts a new draft (once, even when React runs effects twice) and hands its id up. */
function NewDraft({ onDraft }: { onDraft: (id: string) => void }) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [error, setError] = useState<BridgeError | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    detach(
      'drafts:create',
      kamifax.drafts.create({}).then((result) => {
        if (result.ok) onDraft(result.value.id);
        else setError(result.error);
      }),
    );
  }, [kamifax, onDraft]);
  return (
    <section className="screen compose" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screen.compose.title')}</h1>
      {error ? (
        <p className="error" role="alert">
          {errorText(error.code)}
        </p>
      ) : (
        <p role="status">{t('compose.opening')}</p>
      )}
    </section>
  );
}
