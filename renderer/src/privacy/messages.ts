/** Privacy screen messages in English (policy quotes are from ../shared/seed-privacy-policy.txt). */
export const privacyEn = {
  'privacy.intro':
    'Every choice the privacy policy gives you, in one place. Changes apply at once and reach the service in the background.',
  'privacy.loading': 'Loading your privacy choices…',
  'privacy.notLoaded':
    'Kamifax has not reached the fax service yet, so it cannot show your choices. It keeps trying.',
  'privacy.sync.synced': 'Saved on the service',
  'privacy.sync.pending': 'Saving to the service…',
  'privacy.sync.offline':
    'Offline: your changes are kept on this computer and sent when the service is back.',
  'privacy.sync.conflict': 'Changed on another device: choose which to keep below.',
  'privacy.syncNow': 'Sync now',
  'privacy.pendingMark': 'not yet on the service',
  'privacy.on': 'On',
  'privacy.off': 'Off',
  'privacy.group.productEmail': 'E-mail about our own products',
  'privacy.explain.productEmail':
    'News about the service, new features and tips. The policy says “users of Paid Services may opt out of such notices”.',
  'privacy.label.productEmail': 'Send me e-mail about Kamifax products and features',
  'privacy.group.partnerPromotions': 'Partner promotions',
  'privacy.explain.partnerPromotions':
    'Offers from our advertising partners, sent by us. Your name and e-mail are never given to them.',
  'privacy.label.partnerPromotions': 'Send me promotions from partners',
  'privacy.group.tailoredPromotions': 'Promotions tailored to you',
  'privacy.explain.tailoredPromotions':
    'Offers chosen from your interests. Off unless you turn it on: the policy says “users must make an affirmative choice to receive such promotions”.',
  'privacy.label.tailoredPromotions': 'Tailor promotions to my interests',
  'privacy.group.surveys': 'Surveys',
  'privacy.explain.surveys':
    'Occasional satisfaction surveys. Taking part is “entirely voluntary”, and your answers are shared with others only if you say yes.',
  'privacy.label.surveys': 'Invite me to surveys',
  'privacy.label.surveyDataSharing': 'Share my survey answers with partners',
  'privacy.group.personalisation': 'Personalisation',
  'privacy.explain.personalisation':
    'Uses what you do in the service to tailor it to you. Turn it off and the service treats you like everyone else.',
  'privacy.label.profilePersonalisation': 'Use my activity to personalise the service',
  'privacy.group.demographics': 'Demographics',
  'privacy.explain.demographics':
    'Optional details such as gender, income level and occupation. Leave them empty or clear them whenever you like.',
  'privacy.group.policy': 'Privacy policy',
  'privacy.explain.policy':
    'When the policy changes, Kamifax shows you the new text and asks whether you accept it. You can also get an e-mail.',
  'privacy.label.policyChangeEmail': 'E-mail me when the privacy policy changes',
  'privacy.group.administrativeNotices': 'Notices you always get',
  'privacy.explain.administrativeNotices':
    'Messages about maintenance or a problem with your account. They are never advertising.',
  'privacy.label.administrativeNotices': 'Administrative notices',
  'privacy.lock.always_on':
    'Always on: the service must be able to reach you about your account. They stop only if you close your account.',
  'privacy.lock.free_plan_cancel_to_stop':
    'On the free plan product e-mail stops only when you cancel your account. On a paid plan you can turn it off.',
  'privacy.lock.free_plan_upgrade_to_opt_out':
    'On the free plan partner promotions stop when you upgrade or cancel.',
  'privacy.lock.unknown': 'Your plan does not let you change this.',
  'privacy.refused': '“{setting}” was put back. {reason}',
  'privacy.dismiss': 'Dismiss',
  'privacy.conflict.title': 'Your privacy choices changed on another device',
  'privacy.conflict.changed': 'Changed elsewhere: {settings}.',
  'privacy.conflict.mine': 'Your changes here: {settings}.',
  'privacy.conflict.keepMine': 'Keep my changes',
  'privacy.conflict.takeTheirs': 'Use the other device’s',
  'privacy.policy.banner': 'The privacy policy has changed (version {version}, effective {date}).',
  'privacy.policy.read': 'Read it',
  'privacy.policy.accepted': 'You accepted version {version} (effective {date}).',
  'privacy.policy.acceptedOn': 'You accepted version {version} on {date}.',
  'privacy.policy.notAccepted': 'You have not accepted version {version} yet.',
  'privacy.policy.textTitle': 'Privacy policy, version {version}',
  'privacy.policy.accept': 'I accept version {version}',
  'privacy.policy.show': 'Show the policy',
  'privacy.policy.hide': 'Hide the policy',
  'privacy.consent.question': 'New use of your data: {title}',
  'privacy.consent.yes': 'Yes, allow it',
  'privacy.consent.no': 'No',
  'privacy.consent.answered': 'Your answer: {answer} ({date}).',
  'privacy.consent.unanswered': 'Not answered yet. Nothing is assumed until you answer.',
  'privacy.yourData': 'Your data',
  'privacy.profile': 'Profile',
  'privacy.profile.name': 'Name',
  'privacy.profile.email': 'E-mail',
  'privacy.profile.gender': 'Gender (optional)',
  'privacy.profile.incomeLevel': 'Income level (optional)',
  'privacy.profile.occupation': 'Occupation (optional)',
  'privacy.profile.save': 'Save profile',
  'privacy.profile.saved': 'Profile saved',
  'privacy.profile.saveDemographics': 'Save demographics',
  'privacy.profile.clear.gender': 'Clear gender',
  'privacy.profile.clear.incomeLevel': 'Clear income level',
  'privacy.profile.clear.occupation': 'Clear occupation',
  'privacy.profile.clearAll': 'Clear all demographics',
  'privacy.blocked': 'Blocked numbers',
  'privacy.blocked.explain': 'Faxes from these numbers never reach your inbox.',
  'privacy.blocked.none': 'No numbers are blocked.',
  'privacy.blocked.number': 'Number to block',
  'privacy.blocked.add': 'Block',
  'privacy.blocked.remove': 'Unblock {number}',
  'privacy.export': 'Export your data',
  'privacy.export.explain':
    'A file with everything the service holds about you: profile, choices, consents, blocked numbers and the list of your faxes. Enter your password to confirm it is you.',
  'privacy.password': 'Your password',
  'privacy.export.start': 'Export my data',
  'privacy.export.preparing': 'Preparing the export…',
  'privacy.export.downloading': 'Downloading… {percent}',
  'privacy.export.saved': 'Saved to {path}',
  'privacy.export.downloaded': 'Your export was downloaded as “{name}”.',
  'privacy.export.show': 'Show in folder',
  'privacy.export.cancelled': 'Not saved.',
  'privacy.delete': 'Delete your personal information',
  'privacy.delete.what':
    'What goes: your profile, demographics, choices, blocked numbers and every fax in your account, on the service and on this computer.',
  'privacy.delete.law':
    'What may stay: records the law requires, such as billing records, kept only as long as the law requires (usually up to seven years) and never used for anything else.',
  'privacy.delete.when':
    'When: seven days after you ask. Kamifax signs you out now and removes everything it keeps on this computer for this account.',
  'privacy.delete.final': 'This cannot be undone.',
  'privacy.delete.confirm': 'Delete my personal information',
  'privacy.delete.done':
    'Your personal information will be deleted on {date}. You have been signed out.',
  'privacy.terminate': 'Close your account',
  'privacy.terminate.what':
    'What goes: the account, its fax numbers, every fax, and everything Kamifax keeps on this computer for it. Faxes sent to your number afterwards are not received.',
  'privacy.terminate.law':
    'What may stay: records the law requires, such as billing records, only as long as the law requires.',
  'privacy.terminate.when': 'When: at once.',
  'privacy.terminate.confirm': 'Close my account now',
  'privacy.confirmStep': 'Continue',
  'privacy.cancel': 'Cancel',
  'privacy.onThisComputer': 'On this computer',
  'privacy.local.explain':
    'What Kamifax keeps on this computer, in {dataDir}. Kamifax sends no telemetry: nothing about how you use it leaves this computer except your calls to your fax service.',
  'privacy.local.kind.settings': 'Settings: language, theme, notifications (settings.json).',
  'privacy.local.kind.session':
    'The account you are signed in to, to sign in again at start; after you sign out only if you chose Remember me (session.json). Never a password: sign-in secrets are in your system’s keychain.',
  'privacy.local.kind.inbox':
    'The inbox database: the list of your faxes, drafts, the outbox and contacts (inbox.sqlite).',
  'privacy.local.kind.documents':
    'Fax documents cached for reading offline, encrypted with a key kept in your system’s keychain.',
  'privacy.local.kind.privacy':
    'Your privacy choices, with changes waiting to reach the service (privacy.json).',
  'privacy.local.kind.drafts':
    'Documents of drafts and of faxes waiting in the outbox, encrypted like the fax cache.',
  'privacy.local.kind.contacts': 'Contacts.',
  'privacy.local.kind.saved': 'Faxes you saved from the browser version.',
  'privacy.local.kind.demoService':
    'The demo service’s data: the demo accounts and their faxes, only if you tried the demo.',
  'privacy.local.kind.logs': 'Logs, without fax content; fax numbers in them are masked.',
  'privacy.local.kind.browserEngine':
    'Files of the desktop window’s built-in browser engine (Chromium): caches and storage for Kamifax’s own page. Kamifax shows no web pages.',
  'privacy.local.size': '{size} in {files} files',
  'privacy.local.empty': 'Nothing is stored yet.',
  'privacy.local.clear': 'Clear local data',
  'privacy.local.clearNote':
    'Removes the cached fax documents. They stay on the service and download again when you open them.',
  'privacy.local.cleared': 'Cached faxes removed from this computer',
  'errors.password_incorrect': 'That password is not right. Please type it again.',
  'errors.needs_connection':
    'This needs the fax service, which cannot be reached now. Check your connection and try again.',
  'errors.policy_version_mismatch':
    'The policy changed again while you were reading. Read the newest version, then accept it.',
  'errors.invalid_number':
    'That is not a fax number Kamifax can read. Type it with its area code, e.g. 03-1234-5678 or +1 415 555 0100.',
  'errors.request_not_ready': 'The export is not ready yet. Try again in a moment.',
  'errors.email_invalid': 'That e-mail address does not look right. Please check it.',
} as const;

/** Privacy screen messages in Japanese. */
export const privacyJa: Record<keyof typeof privacyEn, string> = {
  'privacy.intro':
    'プライバシーポリシーで選べることを、ここにまとめています。変更はすぐに反映され、バックグラウンドでサービスに送られます。',
  'privacy.loading': 'プライバシー設定を読み込んでいます…',
  'privacy.notLoaded':
    'まだ FAX サービスに接続できていないため、設定を表示できません。接続を試み続けています。',
  'privacy.sync.synced': 'サービスに保存済みです',
  'privacy.sync.pending': 'サービスに保存しています…',
  'privacy.sync.offline':
    'オフラインです。変更はこのコンピューターに保存され、サービスに接続できたときに送信されます。',
  'privacy.sync.conflict': '別の端末で変更されました。下でどちらを残すかお選びください。',
  'privacy.syncNow': '今すぐ同期',
  'privacy.pendingMark': 'サービスに未送信',
  'privacy.on': 'オン',
  'privacy.off': 'オフ',
  'privacy.group.productEmail': '当社の製品に関するメール',
  'privacy.explain.productEmail':
    'サービスのお知らせ、新機能、使い方のヒントです。ポリシーには「有料サービスのユーザーは、このような通知をオプトアウトできます」とあります。',
  'privacy.label.productEmail': 'Kamifax の製品や機能に関するメールを受け取る',
  'privacy.group.partnerPromotions': '提携先のプロモーション',
  'privacy.explain.partnerPromotions':
    '広告提携先の特典を当社からお送りします。お名前やメールアドレスを提携先に渡すことはありません。',
  'privacy.label.partnerPromotions': '提携先のプロモーションを受け取る',
  'privacy.group.tailoredPromotions': 'お客様に合わせたプロモーション',
  'privacy.explain.tailoredPromotions':
    'ご関心に合わせて選んだ特典です。ご自身でオンにしない限りオフのままです。ポリシーには「ユーザーが積極的に選択した場合にのみ受け取ります」とあります。',
  'privacy.label.tailoredPromotions': '関心に合わせたプロモーションを受け取る',
  'privacy.group.surveys': 'アンケート',
  'privacy.explain.surveys':
    'ときどき満足度アンケートをお願いします。参加は「完全に任意」で、回答を第三者と共有するのは同意いただいた場合だけです。',
  'privacy.label.surveys': 'アンケートの案内を受け取る',
  'privacy.label.surveyDataSharing': 'アンケートの回答を提携先と共有する',
  'privacy.group.personalisation': 'パーソナライズ',
  'privacy.explain.personalisation':
    'サービスでのご利用状況をもとに、表示をお客様向けに調整します。オフにすると、すべての方と同じ表示になります。',
  'privacy.label.profilePersonalisation': '利用状況をもとにサービスをパーソナライズする',
  'privacy.group.demographics': '属性情報',
  'privacy.explain.demographics':
    '性別、収入、職業などの任意の情報です。空欄のままでも、いつでも消去してもかまいません。',
  'privacy.group.policy': 'プライバシーポリシー',
  'privacy.explain.policy':
    'ポリシーが変わると、Kamifax が新しい内容を表示し、同意するかどうかをお尋ねします。メールで受け取ることもできます。',
  'privacy.label.policyChangeEmail': 'プライバシーポリシーの変更をメールで知らせる',
  'privacy.group.administrativeNotices': '必ずお送りするお知らせ',
  'privacy.explain.administrativeNotices':
    'メンテナンスやアカウントの問題についての連絡です。広告ではありません。',
  'privacy.label.administrativeNotices': '管理上のお知らせ',
  'privacy.lock.always_on':
    '常にオンです。アカウントについてご連絡できる必要があるためで、停止するにはアカウントの解約が必要です。',
  'privacy.lock.free_plan_cancel_to_stop':
    '無料プランでは、製品に関するメールは解約した場合にのみ停止します。有料プランではオフにできます。',
  'privacy.lock.free_plan_upgrade_to_opt_out':
    '無料プランでは、提携先のプロモーションはアップグレードまたは解約すると停止します。',
  'privacy.lock.unknown': 'ご利用のプランではこの設定を変更できません。',
  'privacy.refused': '「{setting}」を元に戻しました。{reason}',
  'privacy.dismiss': '閉じる',
  'privacy.conflict.title': '別の端末でプライバシー設定が変更されました',
  'privacy.conflict.changed': '別の端末での変更: {settings}。',
  'privacy.conflict.mine': 'このコンピューターでの変更: {settings}。',
  'privacy.conflict.keepMine': '自分の変更を残す',
  'privacy.conflict.takeTheirs': '別の端末の設定を使う',
  'privacy.policy.banner': 'プライバシーポリシーが変更されました (第 {version} 版、{date} 施行)。',
  'privacy.policy.read': '内容を読む',
  'privacy.policy.accepted': '第 {version} 版 ({date} 施行) に同意済みです。',
  'privacy.policy.acceptedOn': '第 {version} 版に {date} に同意しました。',
  'privacy.policy.notAccepted': '第 {version} 版にはまだ同意していません。',
  'privacy.policy.textTitle': 'プライバシーポリシー 第 {version} 版',
  'privacy.policy.accept': '第 {version} 版に同意する',
  'privacy.policy.show': 'ポリシーを表示',
  'privacy.policy.hide': 'ポリシーを閉じる',
  'privacy.consent.question': 'データの新しい利用について: {title}',
  'privacy.consent.yes': 'はい、許可します',
  'privacy.consent.no': 'いいえ',
  'privacy.consent.answered': 'ご回答: {answer} ({date})。',
  'privacy.consent.unanswered':
    'まだ回答していません。ご回答いただくまで、同意したものとは扱いません。',
  'privacy.yourData': 'お客様のデータ',
  'privacy.profile': 'プロフィール',
  'privacy.profile.name': '氏名',
  'privacy.profile.email': 'メールアドレス',
  'privacy.profile.gender': '性別 (任意)',
  'privacy.profile.incomeLevel': '収入 (任意)',
  'privacy.profile.occupation': '職業 (任意)',
  'privacy.profile.save': 'プロフィールを保存',
  'privacy.profile.saved': 'プロフィールを保存しました',
  'privacy.profile.saveDemographics': '属性情報を保存',
  'privacy.profile.clear.gender': '性別を消去',
  'privacy.profile.clear.incomeLevel': '収入を消去',
  'privacy.profile.clear.occupation': '職業を消去',
  'privacy.profile.clearAll': '属性情報をすべて消去',
  'privacy.blocked': '受信拒否した番号',
  'privacy.blocked.explain': 'これらの番号からの FAX は受信箱に届きません。',
  'privacy.blocked.none': '受信拒否している番号はありません。',
  'privacy.blocked.number': '受信拒否する番号',
  'privacy.blocked.add': '受信拒否',
  'privacy.blocked.remove': '{number} の受信拒否を解除',
  'privacy.export': 'データのエクスポート',
  'privacy.export.explain':
    'サービスが保持しているお客様の情報 (プロフィール、設定、同意、受信拒否した番号、FAX の一覧) をすべてファイルにします。ご本人確認のため、パスワードを入力してください。',
  'privacy.password': 'パスワード',
  'privacy.export.start': 'データをエクスポート',
  'privacy.export.preparing': 'エクスポートを準備しています…',
  'privacy.export.downloading': 'ダウンロードしています… {percent}',
  'privacy.export.saved': '{path} に保存しました',
  'privacy.export.downloaded': 'エクスポートを「{name}」としてダウンロードしました。',
  'privacy.export.show': 'フォルダーに表示',
  'privacy.export.cancelled': '保存しませんでした。',
  'privacy.delete': '個人情報の削除',
  'privacy.delete.what':
    '削除されるもの: プロフィール、属性情報、設定、受信拒否した番号、アカウント内のすべての FAX (サービス上とこのコンピューター上の両方)。',
  'privacy.delete.law':
    '残る場合があるもの: 請求記録など法令で保存が義務付けられた記録。法令が定める期間 (通常は最長 7 年) だけ保存し、ほかの目的には使いません。',
  'privacy.delete.when':
    '時期: お申し込みから 7 日後に削除されます。Kamifax は今すぐサインアウトし、このアカウントについてこのコンピューターに保存しているものをすべて削除します。',
  'privacy.delete.final': 'この操作は取り消せません。',
  'privacy.delete.confirm': '個人情報を削除する',
  'privacy.delete.done': 'お客様の個人情報は {date} に削除されます。サインアウトしました。',
  'privacy.terminate': 'アカウントの解約',
  'privacy.terminate.what':
    '削除されるもの: アカウント、FAX 番号、すべての FAX、このアカウントについて Kamifax がこのコンピューターに保存しているもの。解約後にお客様の番号宛てに送られた FAX は受信されません。',
  'privacy.terminate.law':
    '残る場合があるもの: 請求記録など法令で保存が義務付けられた記録 (法令が定める期間のみ)。',
  'privacy.terminate.when': '時期: ただちに解約されます。',
  'privacy.terminate.confirm': '今すぐアカウントを解約する',
  'privacy.confirmStep': '次へ',
  'privacy.cancel': 'キャンセル',
  'privacy.onThisComputer': 'このコンピューター上のデータ',
  'privacy.local.explain':
    'Kamifax がこのコンピューターの {dataDir} に保存しているものです。Kamifax は利用状況などのテレメトリーを一切送信しません。外部に送るのは、ご利用の FAX サービスとのやり取りだけです。',
  'privacy.local.kind.settings': '設定: 言語、テーマ、通知 (settings.json)。',
  'privacy.local.kind.session':
    '起動時に再びサインインするための、サインイン中のアカウント (session.json)。サインアウト後は「アカウントを記憶する」を選んだ場合だけ残ります。パスワードは保存しません。サインイン用の秘密情報はシステムのキーチェーンにあります。',
  'privacy.local.kind.inbox':
    '受信箱のデータベース: FAX の一覧、下書き、送信トレイ、連絡先 (inbox.sqlite)。',
  'privacy.local.kind.documents':
    'オフラインで読むために保存した FAX 文書。システムのキーチェーンにある鍵で暗号化しています。',
  'privacy.local.kind.privacy':
    'プライバシー設定と、サービスへの送信を待っている変更 (privacy.json)。',
  'privacy.local.kind.drafts':
    '下書きと、送信トレイで送信を待っている FAX の文書。FAX のキャッシュと同じく暗号化しています。',
  'privacy.local.kind.contacts': '連絡先。',
  'privacy.local.kind.saved': 'ブラウザー版で保存した FAX。',
  'privacy.local.kind.demoService':
    'デモ用サービスのデータ (デモのアカウントとその FAX)。デモを試した場合だけです。',
  'privacy.local.kind.logs': 'ログ。FAX の内容は含まず、FAX 番号は伏せ字にしています。',
  'privacy.local.kind.browserEngine':
    'デスクトップ版のウィンドウに組み込まれたブラウザーエンジン (Chromium) のファイル。Kamifax 自身の画面のためのキャッシュと保存領域で、Web ページは表示しません。',
  'privacy.local.size': '{files} 個のファイル、{size}',
  'privacy.local.empty': 'まだ何も保存されていません。',
  'privacy.local.clear': 'ローカルデータを消去',
  'privacy.local.clearNote':
    '保存した FAX 文書を削除します。FAX はサービスに残っており、開くと再びダウンロードされます。',
  'privacy.local.cleared': 'このコンピューターに保存した FAX を削除しました',
  'errors.password_incorrect': 'パスワードが正しくありません。もう一度入力してください。',
  'errors.needs_connection':
    'この操作には FAX サービスへの接続が必要ですが、現在接続できません。接続を確認してから、もう一度お試しください。',
  'errors.policy_version_mismatch':
    'お読みいただいている間にポリシーが再び変更されました。最新の版をお読みのうえ、同意してください。',
  'errors.invalid_number':
    'FAX 番号として読み取れません。市外局番から入力してください (例: 03-1234-5678、+1 415 555 0100)。',
  'errors.request_not_ready':
    'エクスポートの準備がまだできていません。しばらくしてからお試しください。',
  'errors.email_invalid': 'メールアドレスの形式が正しくないようです。ご確認ください。',
};
