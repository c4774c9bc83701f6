/** The viewer's messages in English; merged into the app catalogue in i18n/messages/en.ts. */
export const viewerEn = {
  'viewer.title': 'Fax viewer',
} as const;

/** The viewer's messages in Japanese: the same keys as `viewerEn`. */
export const viewerJa: Record<keyof typeof viewerEn, string> = {
  'viewer.title': 'FAX ビューアー',
};
