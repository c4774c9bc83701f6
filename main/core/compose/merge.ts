import { PDFDocument } from 'pdf-lib';
import type { Cover } from '../../../preload/send-contract';
import { AppError } from '../rpc/app-error';
import { renderCoverPage, type CoverFacts } from './cover-page';
import { faxLimits } from './documents';
import type { FontSource } from './fonts';
import type { Paper } from './page-layout';

export { lineSeconds } from './line-seconds';

/** The one PDF the service takes, and its page count. */
export interface MergedFax {
  pdf: Uint8Array;
  pages: number;
  paper: Paper;
}

/** What a merge needs besides the documents. */
export interface MergeInput {
  cover: Cover;
  facts: Omit<CoverFacts, 'pages'>;
  /** Normalised documents (every page already portrait on the paper), in order. */
  documents: readonly { pdf: Uint8Array; pages: number }[];
  paper: Paper;
  fonts: FontSource;
}

/**
 * Merges the cover page and the normalised documents into one fax PDF and checks it against
 * the service's limits (`fax_too_many_pages`, `fax_too_large`) before anything is sent.
 */
export async function mergeFax(input: MergeInput): Promise<MergedFax> {
  const documentPages = input.documents.reduce((sum, doc) => sum + doc.pages, 0);
  const withCover = input.cover.template === 'none' ? 0 : 1;
  const pages = documentPages + withCover;
  if (pages > faxLimits.pages)
    throw new AppError('fax_too_many_pages', `The fax would have ${pages} pages`);
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer('Kamifax');
  out.setCreator('Kamifax');
  const parts: Uint8Array[] = [];
  const cover = await renderCoverPage(
    input.cover,
    { ...input.facts, pages },
    input.paper,
    input.fonts,
  );
  if (cover) parts.push(cover);
  parts.push(...input.documents.map((doc) => doc.pdf));
  for (const part of parts) {
    const source = await PDFDocument.load(part, { updateMetadata: false });
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  const pdf = await out.save();
  if (pdf.length > faxLimits.bytes)
    throw new AppError('fax_too_large', `The fax would be ${pdf.length} bytes`);
  return { pdf, pages: out.getPageCount(), paper: input.paper };
}
