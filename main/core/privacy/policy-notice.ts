import type { Settings } from '../../../preload/contract';
import { notificationLanguage, type Notice } from '../notifications/notification-policy';

const text = {
  en: {
    title: 'Privacy policy updated',
    generic: 'Open Kamifax to read it and say whether you accept.',
    details: (version: number, date: string) =>
      `Version ${version}, effective ${date}. Open Privacy in Kamifax to read it and say whether you accept.`,
  },
  ja: {
    title: 'プライバシーポリシーが更新されました',
    generic: 'Kamifax を開いて内容をご確認のうえ、同意するかお選びください。',
    details: (version: number, date: string) =>
      `第 ${version} 版 (${date} 施行)。Kamifax の「プライバシー」で内容をご確認のうえ、同意するかお選びください。`,
  },
} as const;

/**
 * The notice for a new policy version at the user's notification level: none when
 * notifications are off (the banner in the app still asks), else a short or a fuller notice.
 */
export function policyNotice(
  policy: { version: number; effectiveDate: string },
  settings: Pick<Settings, 'language' | 'notificationLevel'>,
  osLocale: string,
): Notice | null {
  if (settings.notificationLevel === 'off') return null;
  const words = text[notificationLanguage(settings.language, osLocale)];
  return {
    title: words.title,
    body:
      settings.notificationLevel === 'details'
        ? words.details(policy.version, policy.effectiveDate)
        : words.generic,
    faxId: null,
  };
}
