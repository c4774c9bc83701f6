import { useState, type ReactNode } from 'react';
import { Cloud, CloudOff, RefreshCw, TriangleAlert } from 'lucide-react';
import type { InboxStatus } from '../../../preload/contract';
import { daysLeft } from '../account/trial';
import { useI18n } from '../i18n/i18n';
import { useAccountView } from './account-context';

/**
 * The bottom line of the window: connection and sync, unread count, the plan's usage in a
 * few words, and whatever else a feature reports (the printer's state) through `extra`.
 */
export function StatusBar({
  status,
  stopped,
  notice,
  extra,
}: {
  status: InboxStatus | null;
  /** The host stopped answering: said instead of "Up to date". */
  stopped: boolean;
  /** A notice that waits for an answer (the new privacy policy), after the sync state. */
  notice?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const { account } = useAccountView();
  const [now] = useState(() => Date.now());
  const connection = stopped ? 'stopped' : (status?.connection ?? 'syncing');
  const Icon =
    connection === 'online'
      ? Cloud
      : connection === 'syncing'
        ? RefreshCw
        : connection === 'offline'
          ? CloudOff
          : TriangleAlert;
  const unread = status?.unread ?? 0;
  const usage = account?.usage;
  const plan = account
    ? account.plan === 'trial' && account.trialEndsAt
      ? t('shell.status.trial', { days: daysLeft(account.trialEndsAt, now) })
      : t(account.plan === 'paid' ? 'shell.status.plan.paid' : 'shell.status.plan.free')
    : null;
  const parts = [
    plan,
    usage?.receivedPages.limit != null
      ? t('shell.status.received', {
          used: usage.receivedPages.used,
          limit: usage.receivedPages.limit,
        })
      : null,
    usage?.sentPages.limit != null
      ? t('shell.status.sent', { used: usage.sentPages.used, limit: usage.sentPages.limit })
      : null,
  ].filter((part): part is string => part !== null);

  return (
    <footer className="status-bar" aria-label={t('shell.status')}>
      <span
        className={`sync-status sync-${connection}`}
        role={connection === 'stopped' ? 'alert' : 'status'}
        data-testid="sync-status"
      >
        <Icon aria-hidden="true" size={14} />
        {connection === 'stopped' ? t('shell.status.stopped') : t(`inbox.status.${connection}`)}
        {!stopped &&
          status &&
          status.pendingChanges > 0 &&
          ` · ${status.pendingChanges === 1 ? t('inbox.pendingOne') : t('inbox.pending', { count: status.pendingChanges })}`}
        {!stopped &&
          status &&
          status.parkedChanges > 0 &&
          ` · ${t('inbox.parked', { count: status.parkedChanges })}`}
      </span>
      {notice}
      {unread > 0 && (
        <span data-testid="status-unread">
          {unread === 1
            ? t('shell.status.unread.one')
            : t('shell.status.unread.other', { count: unread })}
        </span>
      )}
      {parts.length > 0 && <span className="status-plan">{parts.join(' · ')}</span>}
      {extra && <span className="status-extra">{extra}</span>}
    </footer>
  );
}
