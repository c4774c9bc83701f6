import { ApiError } from '../errors';
import type { PdfInspector } from './inspector';
import type { WorkerLimits } from './inspect-worker';

/** Sends over 20 MB are refused. */
export const maxDocumentBytes = 20 * 1024 * 1024;
/** Sends over 200 pages are refused. */
export const maxPages = 200;

/**
 * The largest page a fax carries, in points: fax machines scan at most A3 width (297 mm) and
 * services cap the length; we allow up to ledger length (17 in), in either orientation.
 */
export const maxPageSize = { short: 842, long: 1224 } as const;

/** What the inspection workers check, beside the time and heap budgets. */
export const inspectionLimits: WorkerLimits = {
  maxPages,
  maxPageLong: maxPageSize.long,
  maxPageShort: maxPageSize.short,
  // Fonts and page contents of a 200-page fax inflate to a few MB; 64 MB is far past any.
  maxInflatedBytes: 64 * 1024 * 1024,
};

const encrypted = () =>
  new ApiError(422, 'encrypted_pdf', 'The PDF is encrypted; remove its password before sending');
const tooComplex = () =>
  new ApiError(
    422,
    'document_too_complex',
    'The PDF needs more time or memory to read than a fax is allowed; print it to a simpler PDF and send that',
  );

/**
 * Checks that an upload is a PDF we can fax and counts its pages: not a PDF, encrypted,
 * unreadable, too large, too long, pages too large, or too costly to read each get their own
 * code. The parsing happens in a worker (`inspector.ts`), never on the event loop; a document
 * in a file (an upload, with its first bytes and size) is read there by the worker.
 */
export async function inspectPdf(
  inspector: PdfInspector,
  document: Uint8Array | { path: string; size: number; head: Uint8Array },
  /** Whose document it is: owners' inspections take turns (`PdfInspector.inspect`). */
  owner?: string,
): Promise<{ pages: number }> {
  const inMemory = document instanceof Uint8Array;
  const size = inMemory ? document.length : document.size;
  if (size > maxDocumentBytes) {
    throw new ApiError(
      413,
      'document_too_large',
      `Documents are limited to ${maxDocumentBytes / 1024 / 1024} MB`,
    );
  }
  const start = (inMemory ? document : document.head).subarray(0, 1024);
  if (!Buffer.from(start).toString('latin1').includes('%PDF-'))
    throw new ApiError(415, 'not_a_pdf', 'The document is not a PDF');
  const outcome = await inspector.inspect(inMemory ? document : { path: document.path }, owner);
  switch (outcome.kind) {
    case 'ok':
      return { pages: outcome.pages };
    case 'encrypted':
      throw encrypted();
    case 'unreadable':
      throw new ApiError(415, 'not_a_pdf', 'The PDF could not be read');
    case 'no_pages':
      throw new ApiError(415, 'not_a_pdf', 'The PDF has no pages');
    case 'too_many_pages':
      throw new ApiError(422, 'too_many_pages', `Faxes are limited to ${maxPages} pages`);
    case 'page_too_large':
      throw new ApiError(
        422,
        'page_too_large',
        `Page ${outcome.page} is ${Math.round(outcome.width)} × ${Math.round(outcome.height)} pt; a fax page is at most ${maxPageSize.short} × ${maxPageSize.long} pt (A3 width, 17 in long)`,
        {
          page: outcome.page,
          width: Math.round(outcome.width),
          height: Math.round(outcome.height),
        },
      );
    case 'too_complex':
    case 'over_budget':
      throw tooComplex();
  }
}
