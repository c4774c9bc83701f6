import { subsettingFontkit } from './subsetting-fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Cover } from '../../../preload/send-contract';
import type { FontSource } from './fonts';
import { paperSizes, type Paper } from './page-layout';
import { wrapLine } from './text-document';

/** What a cover page says besides the user's fields. */
export interface CoverFacts {
  subject: string;
  /** Pages of the whole fax, the cover page included. */
  pages: number;
  date: Date;
  language: 'en' | 'ja';
}

const labels = {
  en: {
    title: 'FAX',
    to: 'To',
    company: 'Company',
    from: 'From',
    subject: 'Subject',
    pages: 'Pages',
    pagesValue: (n: number) => `${n} (including this page)`,
    date: 'Date',
    message: 'Message',
  },
  ja: {
    title: 'FAX 送付状',
    to: '宛先',
    company: '会社名',
    from: '差出人',
    subject: '件名',
    pages: '枚数',
    pagesValue: (n: number) => `本紙を含め ${n} 枚`,
    date: '日付',
    message: 'メッセージ',
  },
} as const;

function formatDate(date: Date, language: 'en' | 'ja'): string {
  return language === 'ja'
    ? `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

interface Ink {
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
  width: number;
  height: number;
  margin: number;
}

function paragraph(
  ink: Ink,
  text: string,
  x: number,
  y: number,
  size: number,
  width: number,
): number {
  let at = y;
  for (const line of text.split(/\r?\n/)) {
    for (const piece of wrapLine(line, ink.regular, size, width)) {
      if (at < ink.margin) return at;
      if (piece) ink.page.drawText(piece, { x, y: at, size, font: ink.regular });
      at -= size * 1.5;
    }
  }
  return at;
}

/** The fields as label/value rows, in the order every template shows them. */
function rows(cover: Cover, facts: CoverFacts): [string, string][] {
  const l = labels[facts.language];
  return [
    [l.to, cover.to],
    [l.company, cover.company],
    [l.from, cover.from],
    [l.subject, facts.subject],
    [l.pages, l.pagesValue(facts.pages)],
    [l.date, formatDate(facts.date, facts.language)],
  ];
}

function classic(ink: Ink, cover: Cover, facts: CoverFacts): void {
  const { page, bold, width, height, margin } = ink;
  page.drawText(labels[facts.language].title, {
    x: margin,
    y: height - margin - 36,
    size: 36,
    font: bold,
  });
  page.drawLine({
    start: { x: margin, y: height - margin - 52 },
    end: { x: width - margin, y: height - margin - 52 },
    thickness: 2,
  });
  let y = height - margin - 90;
  for (const [label, value] of rows(cover, facts)) {
    page.drawText(label, { x: margin, y, size: 12, font: bold });
    paragraph(ink, value, margin + 110, y, 12, width - 2 * margin - 110);
    page.drawLine({
      start: { x: margin, y: y - 8 },
      end: { x: width - margin, y: y - 8 },
      thickness: 0.5,
    });
    y -= 32;
  }
  paragraph(ink, cover.message, margin, y - 24, 12, width - 2 * margin);
}

function modern(ink: Ink, cover: Cover, facts: CoverFacts): void {
  const { page, bold, width, height, margin } = ink;
  page.drawRectangle({ x: 0, y: height - 120, width, height: 120, color: rgb(0, 0, 0) });
  page.drawText(labels[facts.language].title, {
    x: margin,
    y: height - 80,
    size: 40,
    font: bold,
    color: rgb(1, 1, 1),
  });
  let y = height - 170;
  for (const [label, value] of rows(cover, facts)) {
    page.drawText(label.toUpperCase(), { x: margin, y: y + 14, size: 9, font: bold });
    paragraph(ink, value, margin, y, 14, width - 2 * margin);
    y -= 46;
  }
  page.drawRectangle({
    x: margin,
    y: y - 4,
    width: width - 2 * margin,
    height: 2,
    color: rgb(0, 0, 0),
  });
  paragraph(ink, cover.message, margin, y - 28, 12, width - 2 * margin);
}

function minimal(ink: Ink, cover: Cover, facts: CoverFacts): void {
  const { page, regular, width, height, margin } = ink;
  let y = height - margin - 20;
  for (const [label, value] of rows(cover, facts)) {
    if (!value) continue;
    page.drawText(`${label}: `, { x: margin, y, size: 11, font: regular });
    paragraph(ink, value, margin + 80, y, 11, width - 2 * margin - 80);
    y -= 20;
  }
  paragraph(ink, cover.message, margin, y - 20, 11, width - 2 * margin);
}

const templates = { classic, modern, minimal } as const;

/**
 * Draws a one-page cover with Noto Sans JP, embedding only the glyphs used (a few tens of kB
 * even for Japanese). Null when the template is `none`.
 */
export async function renderCoverPage(
  cover: Cover,
  facts: CoverFacts,
  paper: Paper,
  fonts: FontSource,
): Promise<Uint8Array | null> {
  if (cover.template === 'none') return null;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(subsettingFontkit);
  const regular = await doc.embedFont(await fonts.bytes('regular'), { subset: true });
  const bold = await doc.embedFont(await fonts.bytes('bold'), { subset: true });
  const { width, height } = paperSizes[paper];
  const page = doc.addPage([width, height]);
  templates[cover.template]({ page, regular, bold, width, height, margin: 56 }, cover, facts);
  return doc.save();
}
