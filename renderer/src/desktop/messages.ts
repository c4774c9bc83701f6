/** Desktop-app settings in English (tray, start at login). */
export const desktopEn = {
  'settings.desktop': 'Desktop',
  'settings.closeToTray': 'Keep Kamifax in the notification area when the window is closed',
  'settings.closeToTray.note':
    'New faxes are still announced and the fax printer keeps working. Quit from the tray icon’s menu.',
  'settings.startAtLogin': 'Start Kamifax when I sign in to this computer',
  'settings.startAtLogin.note': 'It starts in the notification area, without opening a window.',
} as const;

/** デスクトップ版の設定（通知領域、ログイン時の起動）。 */
export const desktopJa: Record<keyof typeof desktopEn, string> = {
  'settings.desktop': 'デスクトップ',
  'settings.closeToTray': 'ウィンドウを閉じても Kamifax を通知領域に常駐させる',
  'settings.closeToTray.note':
    '新着 FAX の通知と FAX プリンターはそのまま使えます。終了するには通知領域のアイコンのメニューを使ってください。',
  'settings.startAtLogin': 'このコンピューターにサインインしたときに Kamifax を起動する',
  'settings.startAtLogin.note': 'ウィンドウは開かず、通知領域で起動します。',
};
