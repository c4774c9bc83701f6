/**
 * Texts of the sending error codes (preload/send-contract.ts) and of the reasons a fax
 * failed, kept apart from en.ts/ja.ts so the contract's owner can grow them alone.
 */
export const sendErrorsEn = {
  'errors.number_empty': 'Type a fax number.',
  'errors.number_not_a_number':
    'That is not a fax number. Use digits, spaces, dashes, brackets and a leading +.',
  'errors.number_too_short': 'That number is too short. Check it and add the area code.',
  'errors.number_too_long': 'That number is too long. Check it for extra digits.',
  'errors.number_invalid':
    'That number does not exist in that country. Check it, or type it with + and the country code.',
  'errors.number_premium': 'Kamifax does not send to premium-rate numbers.',
  'errors.number_emergency': 'Emergency numbers cannot receive faxes. Call them instead.',
  'errors.number_own': 'A fax cannot be sent to your own number.',
  'errors.number_blocked':
    'You have blocked this number. Unblock it in the inbox before sending to it.',
  'errors.file_encrypted':
    'That PDF is protected with a password. Save an unprotected copy and add that.',
  'errors.file_damaged': 'That file is damaged and could not be read. Nothing else was changed.',
  'errors.file_empty': 'That file is empty.',
  'errors.file_type_unknown':
    'Kamifax cannot fax that kind of file. Add a PDF, an image (PNG, JPEG, TIFF) or a text file.',
  'errors.file_over_limit': 'That file is over 20 MB, the largest fax the service accepts.',
  'errors.file_too_many_pages': 'A fax can have at most 200 pages. Split the document.',
  'errors.file_office_pending':
    'Office documents will be faxable once the document converter is installed. Save it as PDF for now.',
  'errors.file_conversion_failed':
    'Kamifax could not convert that document. Save it as PDF and add the PDF.',
  'errors.fax_too_large':
    'This fax is over 20 MB, the largest the service accepts. Remove a document or send it in parts.',
  'errors.fax_too_many_pages':
    'This fax has more than 200 pages, the most the service accepts. Send it in parts.',
  'errors.draft_not_found': 'That draft is no longer there. It may have been sent or discarded.',
  'errors.draft_no_recipients': 'Add at least one recipient.',
  'errors.draft_no_documents': 'Add a document or a cover page message.',
  'errors.draft_bad_recipient': 'One of the numbers cannot be sent to. Correct or remove it.',
  'errors.not_cancellable': 'That fax is already on the line and can no longer be cancelled.',
  'errors.not_resendable': 'Only failed or cancelled faxes can be sent again.',
  'send.failure.busy': 'The number was busy. Kamifax will not retry by itself: Resend when ready.',
  'send.failure.no_answer': 'Nobody answered. Resend later, or check the number.',
  'send.failure.rejected': 'The receiving machine refused the fax.',
  'send.failure.invalid_number': 'That number is not in service. Check it and send again.',
  'send.failure.quota_exceeded': 'Your plan has no sent pages left this period.',
  'send.failure.own_number': 'A fax cannot be sent to your own number.',
  'send.failure.blocked_number': 'You have blocked this number.',
  'send.failure.refused': 'The fax service refused this fax.',
  'send.failure.other': 'The fax could not be sent.',
} as const;

/** 送信関連のエラーと失敗理由の日本語テキスト。 */
export const sendErrorsJa: Record<keyof typeof sendErrorsEn, string> = {
  'errors.number_empty': 'FAX 番号を入力してください。',
  'errors.number_not_a_number':
    'FAX 番号ではありません。数字、スペース、ハイフン、かっこ、先頭の + を使って入力してください。',
  'errors.number_too_short': '番号が短すぎます。市外局番を含めて確認してください。',
  'errors.number_too_long': '番号が長すぎます。余分な数字がないか確認してください。',
  'errors.number_invalid':
    'その国には存在しない番号です。確認するか、+ と国番号を付けて入力してください。',
  'errors.number_premium': '有料情報サービスの番号には送信できません。',
  'errors.number_emergency': '緊急通報用の番号は FAX を受信できません。お電話でご連絡ください。',
  'errors.number_own': 'ご自身の番号に FAX を送ることはできません。',
  'errors.number_blocked':
    'この番号はブロックしています。送信するには受信箱でブロックを解除してください。',
  'errors.file_encrypted':
    'この PDF はパスワードで保護されています。保護を解除したコピーを保存して追加してください。',
  'errors.file_damaged':
    'ファイルが破損しているため読み込めませんでした。ほかの内容は変更されていません。',
  'errors.file_empty': 'ファイルが空です。',
  'errors.file_type_unknown':
    'この種類のファイルは FAX で送れません。PDF、画像 (PNG、JPEG、TIFF)、テキストファイルを追加してください。',
  'errors.file_over_limit': 'ファイルが 20 MB を超えています。サービスが受け付ける上限です。',
  'errors.file_too_many_pages': 'FAX は 200 ページまでです。文書を分割してください。',
  'errors.file_office_pending':
    'Office 文書は文書変換機能の導入後に送信できるようになります。当面は PDF で保存してから追加してください。',
  'errors.file_conversion_failed':
    '文書を変換できませんでした。PDF で保存してから追加してください。',
  'errors.fax_too_large':
    'この FAX は 20 MB を超えています。文書を減らすか、分けて送信してください。',
  'errors.fax_too_many_pages':
    'この FAX は 200 ページを超えています。サービスの上限のため、分けて送信してください。',
  'errors.draft_not_found': 'その下書きは見つかりません。送信済みか、破棄された可能性があります。',
  'errors.draft_no_recipients': '宛先を 1 件以上追加してください。',
  'errors.draft_no_documents': '文書を追加するか、送付状にメッセージを入力してください。',
  'errors.draft_bad_recipient': '送信できない番号があります。修正するか削除してください。',
  'errors.not_cancellable': 'その FAX はすでに送信中のため、取り消せません。',
  'errors.not_resendable': '再送信できるのは、失敗または取り消した FAX だけです。',
  'send.failure.busy':
    '相手先が話し中でした。自動では再送信しません。準備ができたら再送信してください。',
  'send.failure.no_answer':
    '相手先が応答しませんでした。時間をおいて再送信するか、番号を確認してください。',
  'send.failure.rejected': '相手先の機器が受信を拒否しました。',
  'send.failure.invalid_number':
    'その番号は現在使われていません。確認してから送信し直してください。',
  'send.failure.quota_exceeded': '今期のプランで送信できるページが残っていません。',
  'send.failure.own_number': 'ご自身の番号に FAX を送ることはできません。',
  'send.failure.blocked_number': 'この番号はブロックしています。',
  'send.failure.refused': 'FAX サービスがこの FAX を受け付けませんでした。',
  'send.failure.other': 'FAX を送信できませんでした。',
};
