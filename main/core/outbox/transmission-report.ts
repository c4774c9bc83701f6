import { PDFDocument, rgb } from 'pdf-lib';
import type { OutboxRow } from '../../../preload/send-contract';
import type { FontSource } from '../compose/fonts';
import { paperSizes, type Paper } from '../compose/page-layout';
import { subsettingFontkit } from '../compose/subsetting-fontkit';

const words = {
  en: {
    title: 'Transmission report',
    to: 'Recipient',
    subject: 'Subject',
    time: 'Time',
    duration: 'Duration',
    pages: 'Pages sent',
    result: 'Result',
    delivered: 'OK — delivered',
    failed: 'Failed',
    cancelled: 'Cancelled',
    seconds: (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`,
    firstPage: 'Page 1 (reduced)',
    reasons: {
      busy: 'busy',
      no_answer: 'no answer',
      rejected: 'rejected by the receiving machine',
      invalid_number: 'number not in service',
      quota_exceeded: 'no sent pages left on the plan',
      own_number: 'own number',
      blocked_number: 'blocked number',
      refused: 'refused by the fax service',
      other: 'could not be sent',
    },
  },
  ja: {
    title: '送信結果レポート',
    to: '宛先',
    subject: '件名',
    time: '日時',
    duration: '通信時間',
    pages: '送信枚数',
    result: '結果',
    delivered: 'OK（送信完了）',
    failed: '送信失敗',
    cancelled: '取り消し',
    seconds: (s: number) => `${Math.floor(s / 60)} 分 ${s % 60} 秒`,
    firstPage: '1 ページ目（縮小）',
    reasons: {
      busy: '話し中',
      no_answer: '応答なし',
      rejected: '受信側が拒否',
      invalid_number: '使われていない番号',
      quota_exceeded: 'プランの送信枚数の上限',
      own_number: 'ご自身の番号',
      blocked_number: 'ブロックした番号',
      refused: 'FAX サービスが拒否',
      other: '送信できませんでした',
    },
  },
} as const;

/** What a report shows. */
export interface ReportInput {
  row: OutboxRow;
  /** How the recipient shows (contact name and number). */
  recipient: string;
  /** The fax as sent (page 1 is shown reduced), or null when it is unreadable. */
  fax: Uint8Array | null;
  language: 'en' | 'ja';
  timeZone?: string;
  paper: Paper;
  fonts: FontSource;
}

/**
 * A one-page transmission report like a fax machine prints: recipient, time, duration, pages
 * sent, the result (and the reason of a failure), with page 1 drawn reduced. Made locally
 * from the outbox row; page 1 is embedded as vector content, not rasterised.
 */
export async function transmissionReport(input: ReportInput): Promise<Uint8Array> {
  const t = words[input.language];
  const { row } = input;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(subsettingFontkit);
  const font = await doc.embedFont(await input.fonts.bytes('regular'), { subset: true });
  const bold = await doc.embedFont(await input.fonts.bytes('bold'), { subset: true });
  const { width, height } = paperSizes[input.paper];
  const page = doc.addPage([width, height]);
  const margin = 56;
  page.drawText(t.title, { x: margin, y: height - margin - 24, size: 24, font: bold });
  const when = new Date(row.startedAt ?? row.finishedAt ?? row.updatedAt);
  const time = when.toLocaleString(input.language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: input.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const seconds =
    row.startedAt && row.finishedAt
      ? Math.max(0, Math.round((row.finishedAt - row.startedAt) / 1000))
      : 0;
  const result =
    row.status === 'delivered'
      ? t.delivered
      : row.status === 'cancelled'
        ? t.cancelled
        : `${t.failed}: ${t.reasons[row.failureReason ?? 'other']}`;
  const lines: [string, string][] = [
    [t.to, input.recipient],
    [t.subject, row.subject ?? ''],
    [t.time, time],
    [t.duration, t.seconds(seconds)],
    [t.pages, `${row.pagesSent} / ${row.pages}`],
    [t.result, result],
  ];
  let y = height - margin - 64;
  for (const [label, value] of lines) {
    page.drawText(label, { x: margin, y, size: 11, font: bold });
    page.drawText(value, { x: margin + 110, y, size: 11, font });
    page.drawLine({
      start: { x: margin, y: y - 6 },
      end: { x: width - margin, y: y - 6 },
      thickness: 0.4,
      color: rgb(0.4, 0.4, 0.4),
    });
    y -= 24;
  }
  if (input.fax) {
    try {
      const source = await PDFDocument.load(input.fax, { updateMetadata: false });
      const [first] = await doc.embedPdf(source, [0]);
      const scale = Math.min(0.4, (y - margin - 30) / first!.height);
      const w = first!.width * scale;
      const h = first!.height * scale;
      page.drawText(t.firstPage, { x: margin, y: y - 20, size: 9, font });
      const top = y - 28;
      page.drawRectangle({
        x: margin,
        y: top - h,
        width: w,
        height: h,
        borderWidth: 0.5,
        borderColor: rgb(0, 0, 0),
      });
      page.drawPage(first!, { x: margin, y: top - h, xScale: scale, yScale: scale });
    } catch {
      // A report without the picture is still a report.
    }
  }
  return doc.save();
}
