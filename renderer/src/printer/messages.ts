/**
 * Texts of the Kamifax printer (Settings, the status bar) and of the conversion and printer
 * error codes (preload/printer-contract.ts), kept apart from en.ts/ja.ts.
 */
export const printerEn = {
  'printer.title': 'Kamifax printer',
  'printer.intro':
    'Print from Word, Excel or any program to the “Kamifax” printer: each print job opens as a new fax in Compose. Nothing is sent until you press Send.',
  'printer.state': 'State',
  'printer.state.ready': 'Ready: print to “Kamifax”',
  'printer.state.missing': 'Not installed',
  'printer.state.broken': 'Installed, but it needs repair',
  'printer.state.unsupported': 'Not available in the browser version of Kamifax',
  'printer.state.stopped': 'Installed; Kamifax is not accepting print jobs right now',
  'printer.endpoint': 'Print jobs arrive at {url}',
  'printer.jobs': '{count} print jobs received since Kamifax started',
  'printer.install': 'Install printer',
  'printer.repair': 'Repair',
  'printer.remove': 'Remove printer',
  'printer.working': 'Working…',
  'printer.admin': 'Your computer asks for an administrator password to add or remove a printer.',
  'printer.way.cups-everywhere':
    'Added to the system’s printers as a driverless IPP Everywhere printer.',
  'printer.way.ipp-class-driver': 'Added with the Microsoft IPP Class Driver.',
  'printer.way.print-to-pdf-port':
    'Added with Microsoft Print to PDF (the IPP Class Driver could not be used): Kamifax picks each job up from {path}. Jobs printed while Kamifax is closed replace each other, so keep Kamifax running (Start at login) when you print.',
  'printer.status.ready': 'Printer ready',
  'printer.status.notReady': 'Printer not installed',
  'errors.office_missing':
    'No program to convert Office files was found. Install LibreOffice (free, libreoffice.org), or print the file from Word or Excel to the Kamifax printer.',
  'errors.conversion_timeout':
    'Converting that document took too long and was stopped. Save it as PDF and add the PDF.',
  'errors.printer_admin_refused':
    'The printer was not changed: administrator permission was not given. Try again and enter an administrator password.',
  'errors.printer_register_failed':
    'The system could not add the Kamifax printer. Try Repair; if it still fails, check that the printing service (CUPS) is running.',
} as const;

/** プリンターの日本語メッセージ。 */
export const printerJa: Record<keyof typeof printerEn, string> = {
  'printer.title': 'Kamifax プリンター',
  'printer.intro':
    'Word や Excel などから「Kamifax」プリンターに印刷すると、印刷ジョブごとに新しい FAX として作成画面が開きます。送信ボタンを押すまで送信されません。',
  'printer.state': '状態',
  'printer.state.ready': '準備完了:「Kamifax」に印刷できます',
  'printer.state.missing': 'インストールされていません',
  'printer.state.broken': 'インストール済みですが、修復が必要です',
  'printer.state.unsupported': 'ブラウザー版の Kamifax では使用できません',
  'printer.state.stopped': 'インストール済みですが、現在 Kamifax は印刷ジョブを受け付けていません',
  'printer.endpoint': '印刷ジョブの受付先: {url}',
  'printer.jobs': 'Kamifax の起動後に受け付けた印刷ジョブ: {count} 件',
  'printer.install': 'プリンターをインストール',
  'printer.repair': '修復',
  'printer.remove': 'プリンターを削除',
  'printer.working': '処理中です…',
  'printer.admin': 'プリンターの追加と削除には、管理者のパスワードを求められます。',
  'printer.way.cups-everywhere':
    'ドライバー不要の IPP Everywhere プリンターとしてシステムに追加されています。',
  'printer.way.ipp-class-driver': 'Microsoft IPP Class Driver で追加されています。',
  'printer.way.print-to-pdf-port':
    'Microsoft Print to PDF で追加されています(IPP Class Driver を使用できなかったため)。印刷ジョブは Kamifax が {path} から受け取ります。Kamifax を閉じている間に印刷したジョブは上書きされるため、印刷するときは Kamifax を起動しておいてください(ログイン時に起動)。',
  'printer.status.ready': 'プリンター準備完了',
  'printer.status.notReady': 'プリンター未インストール',
  'errors.office_missing':
    'Office ファイルを変換するプログラムが見つかりません。LibreOffice (無料、libreoffice.org) をインストールするか、Word や Excel から Kamifax プリンターに印刷してください。',
  'errors.conversion_timeout':
    '文書の変換に時間がかかりすぎたため中止しました。PDF で保存してから追加してください。',
  'errors.printer_admin_refused':
    '管理者の許可が得られなかったため、プリンターは変更されていません。もう一度お試しのうえ、管理者のパスワードを入力してください。',
  'errors.printer_register_failed':
    'Kamifax プリンターを追加できませんでした。「修復」をお試しください。それでも失敗する場合は、印刷サービス (CUPS) が動作しているかご確認ください。',
};
