import type { FailureReason, NumberProblem, FileProblem } from '../../../preload/send-contract';

/** What `kamifax send` and `kamifax status` say, in English and Japanese. */
export const cliWords = {
  en: {
    usage: `Usage:
  kamifax send --to <number> [--to <number>…] [--subject <text>] [--cover "<message>"] [--wait] <file>…
  kamifax status [<id>]
Exit codes: 0 accepted (or delivered with --wait), 1 the fax failed, 2 bad arguments, numbers or files,
3 not signed in, 4 the service did not accept it yet (it stays queued and goes when the service is back).`,
    notSignedIn:
      'Not signed in. Open Kamifax and sign in once; `kamifax send` then uses that sign-in from the system keychain.',
    badNumber: (input: string, problem: NumberProblem) =>
      `Cannot send to ${input}: ${problemText.en[problem]}`,
    badFile: (name: string, problem: FileProblem) =>
      `${name} was not added: ${fileText.en[problem]}`,
    noRecipients: 'Give at least one --to <number>.',
    noDocuments: 'Give at least one file, or a --cover message.',
    unreadable: (path: string) => `Cannot read ${path}.`,
    accepted: (id: string, to: string) => `${id}\t${to}\taccepted`,
    queued:
      'The service has not accepted the fax yet; it stays in the outbox and goes when the service can be reached.',
    row: (id: string, to: string, status: string, pages: string) =>
      `${id}\t${to}\t${status}\t${pages}`,
    failed: (reason: FailureReason) => `failed: ${reason.replace('_', ' ')}`,
    notFound: (id: string) => `No fax ${id} in this computer's outbox.`,
  },
  ja: {
    usage: `使い方:
  kamifax send --to <番号> [--to <番号>…] [--subject <件名>] [--cover "<メッセージ>"] [--wait] <ファイル>…
  kamifax status [<ID>]
終了コード: 0 受け付け済み (--wait では送信完了)、1 送信失敗、2 引数・番号・ファイルの誤り、
3 未サインイン、4 サービスがまだ受け付けていません (送信トレイに残り、接続できしだい送信します)。`,
    notSignedIn:
      'サインインしていません。Kamifax を開いて一度サインインしてください。`kamifax send` はシステムのキーチェーンにあるそのサインイン情報を使います。',
    badNumber: (input: string, problem: NumberProblem) =>
      `${input} には送信できません: ${problemText.ja[problem]}`,
    badFile: (name: string, problem: FileProblem) =>
      `${name} は追加されませんでした: ${fileText.ja[problem]}`,
    noRecipients: '--to <番号> を 1 つ以上指定してください。',
    noDocuments: 'ファイルを 1 つ以上指定するか、--cover でメッセージを指定してください。',
    unreadable: (path: string) => `${path} を読み込めません。`,
    accepted: (id: string, to: string) => `${id}\t${to}\t受け付け済み`,
    queued: 'サービスがまだ FAX を受け付けていません。送信トレイに残り、接続できしだい送信します。',
    row: (id: string, to: string, status: string, pages: string) =>
      `${id}\t${to}\t${status}\t${pages}`,
    failed: (reason: FailureReason) => `送信失敗: ${reason}`,
    notFound: (id: string) => `このコンピューターの送信トレイに ${id} はありません。`,
  },
} as const;

const problemText: Record<'en' | 'ja', Record<NumberProblem, string>> = {
  en: {
    number_empty: 'empty',
    number_not_a_number: 'not a fax number',
    number_too_short: 'too short',
    number_too_long: 'too long',
    number_invalid: 'not a number in that country',
    number_premium: 'premium-rate numbers are refused',
    number_emergency: 'emergency numbers cannot receive faxes',
    number_own: 'A fax cannot be sent to your own number',
    number_blocked: 'You have blocked this number',
  },
  ja: {
    number_empty: '空です',
    number_not_a_number: 'FAX 番号ではありません',
    number_too_short: '短すぎます',
    number_too_long: '長すぎます',
    number_invalid: 'その国の番号ではありません',
    number_premium: '有料情報サービスの番号には送信できません',
    number_emergency: '緊急通報用の番号は FAX を受信できません',
    number_own: 'ご自身の番号に FAX を送ることはできません',
    number_blocked: 'この番号はブロックしています',
  },
};

const fileText: Record<'en' | 'ja', Record<FileProblem, string>> = {
  en: {
    file_encrypted: 'protected with a password',
    file_damaged: 'damaged',
    file_empty: 'empty',
    file_type_unknown: 'not a PDF, image or text file',
    file_over_limit: 'over 20 MB',
    file_too_many_pages: 'over 200 pages',
    file_office_pending: 'Office files need the document converter; save it as PDF',
    file_conversion_failed: 'could not be converted; save it as PDF',
  },
  ja: {
    file_encrypted: 'パスワードで保護されています',
    file_damaged: '破損しています',
    file_empty: '空です',
    file_type_unknown: 'PDF、画像、テキストではありません',
    file_over_limit: '20 MB を超えています',
    file_too_many_pages: '200 ページを超えています',
    file_office_pending: 'Office 文書には文書変換機能が必要です。PDF で保存してください',
    file_conversion_failed: '変換できませんでした。PDF で保存してください',
  },
};
