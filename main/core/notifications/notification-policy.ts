import type { FaxSummary, Settings } from '../../../preload/contract';

/** A desktop notification, ready for the host to show. */
export interface Notice {
  title: string;
  body: string;
  /** The fax a click opens; null for a summary of several. */
  faxId: string | null;
}

type Language = 'en' | 'ja';

const text = {
  en: {
    newFax: 'New fax',
    from: (who: string, pages: number) =>
      `From ${who} · ${pages} ${pages === 1 ? 'page' : 'pages'}`,
    received: 'Open Kamifax to read it.',
    summary: (n: number) => `${n} new faxes`,
    summaryBody: 'Open Kamifax to read them.',
  },
  ja: {
    newFax: '新着 FAX',
    from: (who: string, pages: number) => `${who} から · ${pages} ページ`,
    received: 'Kamifax を開いて確認してください。',
    summary: (n: number) => `新着 FAX ${n} 件`,
    summaryBody: 'Kamifax を開いて確認してください。',
  },
} as const;

/** Above this many new faxes at once, one summary replaces the individual notices. */
export const burstThreshold = 3;

/** The notification language: the UI's choice, or the OS locale. */
export function notificationLanguage(choice: Settings['language'], osLocale: string): Language {
  if (choice !== 'system') return choice;
  return osLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * What to show for faxes that just arrived, at the user's content level. Never the
 * document's content: at most who sent it and how many pages. A burst makes one summary.
 */
export function planNotices(
  arrived: readonly FaxSummary[],
  level: Settings['notificationLevel'],
  language: Language,
  /** Held back during a burst: always one summary. */
  summarise = false,
): Notice[] {
  if (level === 'off' || arrived.length === 0) return [];
  const t = text[language];
  if (arrived.length > burstThreshold || (summarise && arrived.length > 1)) {
    return [{ title: t.summary(arrived.length), body: t.summaryBody, faxId: null }];
  }
  return arrived.map((fax) => ({
    title: t.newFax,
    body: level === 'details' ? t.from(fax.contactName ?? fax.remoteNumber, fax.pages) : t.received,
    faxId: fax.id,
  }));
}
