import { memo, useEffect, useState } from 'react';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { openPdf } from '../viewer/pdf-loader';
import { cssPixelsPerPoint } from '../viewer/layout';
import { releaseCanvas, renderPage } from '../viewer/render-page';

/** Width of a document thumbnail in CSS pixels. */
const thumbnailWidth = 72;
/** A thumbnail is not worth waiting long for. */
const deadlineMs = 20_000;

/**
 * Page 1 of one document of a draft, as main normalised it (so an image or a text file shows
 * as the page it becomes), drawn once into an image; the worker is closed straight after.
 */
export const DocumentThumbnail = memo(function DocumentThumbnail({
  draftId,
  documentId,
  schedule,
}: {
  draftId: string;
  documentId: string;
  /** Runs drawing work one thumbnail at a time (each opens a pdf.js worker). */
  schedule: (work: () => Promise<void>) => Promise<void>;
}) {
  const kamifax = useKamifax();
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const draw = async () => {
      if (controller.signal.aborted) return;
      const result = await kamifax.drafts.documentPdf({ id: draftId, documentId });
      if (!result.ok || controller.signal.aborted) return;
      const open = await openPdf(result.value.bytes, deadlineMs);
      try {
        const page = await open.pdf.getPage(1);
        const width = page.getViewport({ scale: 1 }).width;
        const canvas = await renderPage({
          pdf: open.pdf,
          pageNumber: 1,
          zoom: thumbnailWidth / (width * cssPixelsPerPoint),
          rotation: 0,
          devicePixelRatio: window.devicePixelRatio,
          deadlineMs,
          signal: controller.signal,
        });
        if (!controller.signal.aborted) setUrl(canvas.toDataURL('image/png'));
        releaseCanvas(canvas);
      } finally {
        await open.close();
      }
    };
    // A thumbnail that cannot be drawn (a busy machine, a document main has just replaced)
    // keeps its placeholder: the name and page count beside it say what it is.
    detach(
      'drawing a document thumbnail',
      schedule(() => draw().catch(() => undefined)),
    );
    return () => controller.abort();
  }, [kamifax, draftId, documentId, schedule]);

  return url ? (
    <img className="document-thumbnail" src={url} alt="" draggable={false} />
  ) : (
    <span className="document-thumbnail placeholder" aria-hidden="true" />
  );
});
