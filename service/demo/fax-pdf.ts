import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { embedJapaneseFont, needsUnicodeFont } from './japanese-font';

/** What a generated fax says on its header line. */
export interface FaxPdfOptions {
  from: string;
  to: string;
  pages: number;
  date: Date;
  title?: string;
}

/**
 * Makes a fax-like PDF (A4 pages with the header line a fax machine prints, a title and some
 * body text) for demo data and for faxes the admin injects without a document.
 */
export async function makeFaxPdf(options: FaxPdfOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Courier);
  const title = options.title ?? 'Facsimile';
  // A subject in Japanese (or any script beyond WinAnsi) needs a font that has its glyphs.
  const bold = needsUnicodeFont(title)
    ? await embedJapaneseFont(pdf)
    : await pdf.embedFont(StandardFonts.HelveticaBold);
  const stamp = options.date.toISOString().replace('T', ' ').slice(0, 16);
  for (let n = 1; n <= options.pages; n += 1) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`${stamp}  FROM ${options.from}  TO ${options.to}  P.${n}/${options.pages}`, {
      x: 24,
      y: 820,
      size: 8,
      font,
    });
    page.drawText(title, { x: 60, y: 740, size: 24, font: bold });
    for (let line = 0; line < 24; line += 1) {
      page.drawText(
        `Line ${line + 1} of page ${n}. This is sample fax text for the Kamifax demo.`,
        {
          x: 60,
          y: 700 - line * 24,
          size: 11,
          font,
          color: rgb(0.1, 0.1, 0.1),
        },
      );
    }
  }
  return pdf.save();
}
