import type { Settings } from '../../../preload/contract';
import type { FailureReason, OutboxRow } from '../../../preload/send-contract';
import type { Notice } from '../notifications/notification-policy';

const text = {
  en: {
    delivered: 'Fax delivered',
    failed: 'Fax not delivered',
    to: (who: string, pages: number) => `To ${who} · ${pages} ${pages === 1 ? 'page' : 'pages'}`,
    why: (who: string, reason: string) => `To ${who}: ${reason}`,
    generic: 'Open Kamifax for details.',
    reasons: {
      busy: 'the number was busy',
      no_answer: 'no answer',
      rejected: 'the receiving machine refused it',
      invalid_number: 'the number is not in service',
      quota_exceeded: 'no sent pages left on your plan',
      own_number: 'that is your own number',
      blocked_number: 'you blocked that number',
      refused: 'the fax service refused it',
      other: 'it could not be sent',
    },
  },
  ja: {
    delivered: 'FAX を送信しました',
    failed: 'FAX を送信できませんでした',
    to: (who: string, pages: number) => `${who} 宛 · ${pages} ページ`,
    why: (who: string, reason: string) => `${who} 宛: ${reason}`,
    generic: '詳しくは Kamifax を開いてご確認ください。',
    reasons: {
      busy: '話し中でした',
      no_answer: '応答がありませんでした',
      rejected: '受信側の機器が拒否しました',
      invalid_number: '使われていない番号です',
      quota_exceeded: 'プランの送信枚数が残っていません',
      own_number: 'ご自身の番号です',
      blocked_number: 'ブロックした番号です',
      refused: 'FAX サービスが受け付けませんでした',
      other: '送信できませんでした',
    },
  },
} as const;

/**
 * The notice for a fax that finished (delivered or failed), at the user's level: `details`
 * names the recipient and pages or the reason, `generic` says only that, `off` nothing.
 * Never the document's content.
 */
export function sentNotice(
  row: OutboxRow,
  who: string,
  level: Settings['notificationLevel'],
  language: 'en' | 'ja',
): Notice | null {
  if (level === 'off' || (row.status !== 'delivered' && row.status !== 'failed')) return null;
  const t = text[language];
  const title = row.status === 'delivered' ? t.delivered : t.failed;
  const reason: FailureReason = row.failureReason ?? 'other';
  const body =
    level === 'generic'
      ? t.generic
      : row.status === 'delivered'
        ? t.to(who, row.pagesSent)
        : t.why(who, t.reasons[reason]);
  return { title, body, faxId: row.faxId };
}
