import { shellJa } from '../../app/shell-messages';
import { composeJa } from '../../compose/messages';
import { outboxJa } from '../../outbox/messages';
import { inboxJa } from '../../inbox/messages';
import { privacyJa } from '../../privacy/messages';
import { sendErrorsJa } from './send-errors';
import { contactsJa } from '../../contacts/messages';
import { printerJa } from '../../printer/messages';
import { sessionJa } from '../../session/messages';
import { viewerJa } from '../../viewer/messages';
import { desktopJa } from '../../desktop/messages';
import type { Catalogue } from './en';

/** 日本語のメッセージ。キーは英語のカタログと同じでなければならない。 */
export const ja: Catalogue = {
  ...viewerJa,
  ...desktopJa,
  ...sessionJa,
  ...inboxJa,
  ...privacyJa,
  ...composeJa,
  ...outboxJa,
  ...shellJa,
  ...sendErrorsJa,
  ...contactsJa,
  ...printerJa,
  'app.name': 'Kamifax',
  'app.loading': 'Kamifax を起動しています…',
  'app.startFailed': 'Kamifax を起動できませんでした: {reason}',
  'nav.label': 'メインナビゲーション',
  'nav.inbox': '受信箱',
  'nav.compose': '新規 FAX',
  'nav.outbox': '送信箱',
  'nav.contacts': '連絡先',
  'nav.privacy': 'プライバシー',
  'nav.account': 'アカウント',
  'nav.settings': '設定',
  'nav.shortcutHint': 'Ctrl+{n}',
  'screen.placeholder': 'この画面は準備中です。今後のリリースで提供されます。',
  'screen.inbox.title': '受信箱',
  'screen.compose.title': 'FAX を作成',
  'screen.outbox.title': '送信箱',
  'screen.contacts.title': '連絡先',
  'screen.privacy.title': 'プライバシー',
  'screen.account.title': 'アカウント',
  'screen.settings.title': '設定',
  'settings.language': '言語',
  'settings.language.system': 'システムと同じ',
  'settings.language.en': 'English (英語)',
  'settings.language.ja': '日本語',
  'settings.theme': 'テーマ',
  'settings.theme.system': 'システムと同じ',
  'settings.theme.light': 'ライト',
  'settings.theme.dark': 'ダーク',
  'settings.notifications': '新着 FAX の通知',
  'settings.notifications.off': 'オフ',
  'settings.notifications.generic': '「新着 FAX」とだけ表示',
  'settings.notifications.details': '送信元とページ数を表示',
  'settings.notifications.note': '通知に FAX の内容が表示されることはありません。',
  'settings.saved': '設定を保存しました',
  'settings.localData': 'このコンピューター上のデータ',
  'settings.clearLocalNote':
    'このコンピューターにキャッシュされた FAX を削除します。FAX はサービス上に残り、開くと再びダウンロードされます。',
  'settings.clearLocal': 'ローカルデータを消去',
  'settings.clearLocalDone': 'キャッシュされた FAX をこのコンピューターから削除しました',
  'about.title': 'このアプリについて',
  'about.version': 'バージョン {version} · {host} · {platform}',
  'about.host.electron': 'デスクトップ版',
  'about.host.headless': 'ブラウザー版',
  'errors.invalid_request': 'Kamifax はその要求を理解できませんでした。',
  'errors.unknown_channel': 'Kamifax はその要求を理解できませんでした。',
  'errors.forbidden_sender': '信頼できないページからの要求のため拒否しました。',
  'errors.refused_url': '安全な (https) リンクだけを開けます。',
  'errors.host_unavailable': 'Kamifax が停止しています。再起動してからもう一度お試しください。',
  'errors.unsupported_on_host': 'ブラウザー版の Kamifax ではその操作を利用できません。',
  'errors.file_too_large': 'ファイルが大きすぎるため開けません。',
  'errors.file_unreadable': 'ファイルを読み込めませんでした。',
  'errors.not_saved_here': 'Kamifax が保存したファイルだけを表示できます。',
  'errors.offline':
    'オフラインのようです。Kamifax は再試行を続けます。今の操作は保存されています。',
  'errors.service_unreachable':
    'FAX サービスが応答しません。アドレスを確認するか、しばらくしてからもう一度お試しください。',
  'errors.signed_out':
    'サインインの有効期限が切れました。もう一度サインインしてください。このコンピューターのデータは失われていません。',
  'errors.cancelled': 'キャンセルしました。',
  'errors.server_error':
    'FAX サービスで問題が発生しました。しばらくしてからもう一度お試しください。',
  'errors.request_refused': 'FAX サービスがその要求を拒否しました。',
  'errors.invalid_credentials': 'メールアドレスとパスワードが一致するアカウントがありません。',
  'errors.email_taken': 'このメールアドレスのアカウントは既に存在します。サインインしてください。',
  'errors.underage': 'アカウントは 13 歳以上の方のみ作成できます。',
  'errors.rate_limited': '試行回数が多すぎます。1 分ほど待ってからもう一度お試しください。',
  'errors.quota_exceeded': '今期のプランで利用できるページ数を使い切りました。',
  'errors.plan_rule': 'ご利用のプランではその変更はできません。',
  'errors.not_found': 'その FAX は見つかりません。別の場所で削除された可能性があります。',
  'errors.document_damaged': 'FAX の文書が破損した状態で届きました。もう一度お試しください。',
  'errors.keychain_unavailable':
    'サインイン情報を保管するシステムのキーチェーンにアクセスできません。キーリングのロックを解除する (または GNOME Keyring などをインストールする) と再試行できます。',
  'errors.service_incompatible':
    'サービスからの応答を、このバージョンの Kamifax では読み取れませんでした。こちらでは何も変更していません。Kamifax を更新するか、サービスの提供元にお問い合わせください。',
  'errors.internal': 'Kamifax の内部で問題が発生しました。もう一度お試しください。',
};
