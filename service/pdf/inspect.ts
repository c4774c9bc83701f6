import { PDFDocument } from 'pdf-lib';
import { ApiError } from '../errors';

/** Sends over 20 MB are refused. */
export const maxDocumentBytes = 20 * 1024 * 1024;
/** Sends over 200 pages are refused. */
export const maxPages = 200;

/**
 * Checks that an upload is a PDF we can fax and counts its pages: not a PDF, encrypted,
 * unreadable, too large or too long each get their own code.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pages: number }> {
  if (bytes.length > maxDocumentBytes) {
    throw new ApiError(
      413,
      'document_too_large',
      `Documents are limited to ${maxDocumentBytes / 1024 / 1024} MB`,
    );
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new ApiError(415, 'not_a_pdf', 'The document is not a PDF');
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, {
      ignoreEncryption: false,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
  } catch (error: unknown) {
    if (error instanceof Error && /encrypt/i.test(error.message)) {
      throw new ApiError(
        422,
        'encrypted_pdf',
        'The PDF is encrypted; remove its password before sending',
      );
    }
    throw new ApiError(415, 'not_a_pdf', 'The PDF could not be read');
  }
  if (document.isEncrypted)
    throw new ApiError(
      422,
      'encrypted_pdf',
      'The PDF is encrypted; remove its password before sending',
    );
  let pages: number;
  try {
    pages = document.getPageCount();
  } catch {
    // A file that starts like a PDF but has no readable page tree.
    throw new ApiError(415, 'not_a_pdf', 'The PDF could not be read');
  }
  if (pages < 1) throw new ApiError(415, 'not_a_pdf', 'The PDF has no pages');
  if (pages > maxPages)
    throw new ApiError(422, 'too_many_pages', `Faxes are limited to ${maxPages} pages`);
  return { pages };
}
