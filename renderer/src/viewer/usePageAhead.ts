import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { idleAndQuiet } from '../app/first-row';
import { useAccountRotations } from './account-rotations';
import { normaliseRotation } from './layout';
import {
  aheadZoom,
  noteViewerOpening,
  onPaneChange,
  pageAheadKey,
  parsePageAheadKey,
  rememberedPane,
  viewerOpeningFor,
  type PageAheadMeta,
  type PageAheadShape,
} from './page-ahead';
import { releaseCanvas, renderPage } from './render-page';
import { loadRotation } from './rotation-memory';
import { defaultDeadlines } from './watchdog';

/** A page rendered ahead, decoded and ready to be drawn. */
export interface PageAheadImage extends PageAheadShape {
  bitmap: ImageBitmap;
}

/**
 * Draws page 1 as the viewer would open it in a pane `paneWidth` wide (fit width, upright) and
 * encodes it as PNG (lossless, so pdf.js's later drawing of the page changes no pixel).
 */
export async function renderPageOneAhead(
  pdf: PDFDocumentProxy,
  paneWidth: number,
  devicePixelRatio: number,
  deadlineMs: number,
): Promise<{ meta: PageAheadMeta; png: Uint8Array }> {
  const page = await pdf.getPage(1);
  // The size with the page's own /Rotate applied, as the viewer lays it out (user turn 0).
  const size = page.getViewport({ scale: 1 });
  const zoom = aheadZoom(paneWidth, size);
  const canvas = await renderPage({
    pdf,
    pageNumber: 1,
    zoom,
    rotation: page.rotate,
    devicePixelRatio,
    deadlineMs,
    signal: new AbortController().signal,
  });
  try {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The page could not be encoded');
    const meta: PageAheadMeta = {
      paneWidth: Math.round(paneWidth),
      devicePixelRatio,
      pageWidth: size.width,
      pageHeight: size.height,
      ownRotation: normaliseRotation(page.rotate),
      pageCount: Math.min(pdf.numPages, 10_000),
    };
    return { meta, png: new Uint8Array(await blob.arrayBuffer()) };
  } finally {
    releaseCanvas(canvas);
    page.cleanup();
  }
}

/**
 * Page 1 of fax `id` as rendered ahead, decoded: undefined while asked, null when there is none
 * (or it cannot be decoded). The viewer still checks it fits the pane before showing it.
 */
export function usePageAheadImage(id: string): PageAheadImage | null | undefined {
  const kamifax = useKamifax();
  const [image, setImage] = useState<{ id: string; page: PageAheadImage | null } | null>(null);

  useEffect(() => {
    let live = true;
    noteViewerOpening();
    detach('reading page 1 rendered ahead', async () => {
      const result = await kamifax.inbox.pageAhead({ id });
      const page = result.ok ? result.value.page : null;
      if (!page) return live && setImage({ id, page: null });
      const blob = new Blob([page.image as BlobPart], { type: page.type });
      const bitmap = await createImageBitmap(blob).catch(() => null);
      if (!live) return bitmap?.close();
      setImage({ id, page: bitmap ? { key: page.key, meta: page.meta, bitmap } : null });
    });
    return () => {
      live = false;
    };
  }, [kamifax, id]);

  // The decoded pixels are given back once this image is replaced or the pane goes.
  useEffect(() => () => image?.page?.bitmap.close(), [image]);

  return image?.id === id ? image.page : undefined;
}

/**
 * While the inbox is shown and idle, renders page 1 of each prefetched newest unread fax for
 * the reading pane (its width as the viewer last measured it, or as main last stored it after
 * a restart) and hands it to main. Faxes the user has rotated are skipped: the viewer would
 * not show the upright image. One fax at a time, in a pdf.js worker of its own.
 */
export function useRenderPagesAhead(): void {
  const kamifax = useKamifax();
  const rotations = useAccountRotations();

  useEffect(() => {
    let live = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const renderOne = async (id: string, key: string): Promise<void> => {
      const shape = parsePageAheadKey(key);
      if (!shape) return;
      const turned = rotations ? loadRotation(rotations, id) : null;
      if (turned && (turned.document % 360 !== 0 || (turned.pages['1'] ?? 0) % 360 !== 0)) return;
      const document = await kamifax.inbox.document({ id });
      if (!document.ok || !live) return;
      // Each step that holds the page's thread waits until the user is not typing.
      await idleAndQuiet();
      if (!live) return;
      // pdf.js loads here, not with the inbox: the inbox's first script stays without it.
      const { openPdf } = await import('./pdf-loader');
      const open = await openPdf(document.value.bytes, defaultDeadlines.loadMs, { spare: false });
      try {
        await idleAndQuiet();
        if (!live) return;
        const { meta, png } = await renderPageOneAhead(
          open.pdf,
          shape.paneWidth,
          shape.devicePixelRatio,
          defaultDeadlines.renderMs,
        );
        if (live) await kamifax.inbox.putPageAhead({ id, key, meta, image: png });
      } finally {
        await open.close();
      }
    };

    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const pane = rememberedPane();
          const asked = pane ? pageAheadKey(pane.paneWidth, pane.devicePixelRatio) : null;
          const wanted = await kamifax.inbox.pagesAheadWanted({ key: asked });
          const key = wanted.ok ? wanted.value.key : null;
          // A key from an earlier run on another screen would never match this window.
          if (!key || parsePageAheadKey(key)?.devicePixelRatio !== window.devicePixelRatio) break;
          for (const id of wanted.ok ? wanted.value.ids : []) {
            // Idle, and not while the user types (first-row.ts).
            await idleAndQuiet();
            if (!live) return;
            if (viewerOpeningFor() > 0) {
              schedule(viewerOpeningFor() + 500);
              return;
            }
            await renderOne(id, key).catch((error: unknown) =>
              console.warn('Page 1 could not be rendered ahead', error),
            );
          }
        } while (again && live);
      } finally {
        running = false;
      }
    };

    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => detach('rendering pages ahead', run), delay);
    };
    schedule(1_500);
    const offStatus = kamifax.on('inbox:changed', () => schedule(2_000));
    const offPane = onPaneChange(() => schedule(2_000));
    // Prefetching ends without an event of its own; look again now and then.
    const poll = setInterval(() => schedule(0), 20_000);
    return () => {
      live = false;
      clearTimeout(timer);
      clearInterval(poll);
      offStatus();
      offPane();
    };
  }, [kamifax, rotations]);
}
