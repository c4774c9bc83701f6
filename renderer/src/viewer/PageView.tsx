import { memo, useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useI18n } from '../i18n/i18n';
import type { FaxResolution } from './fax-resolution';
import { releaseCanvas, renderPage } from './render-page';
import { isDeadline } from './watchdog';

/** A page's drawing state, also exposed as `data-render-state` for tests and styling. */
export type RenderState = 'idle' | 'rendering' | 'rendered' | 'failed';

/** Everything one page of the column needs to place and draw itself. */
export interface PageViewProps {
  /** Null while pdf.js is still opening the document (only an image rendered ahead shows). */
  pdf: PDFDocumentProxy | null;
  pageNumber: number;
  top: number;
  width: number;
  height: number;
  zoom: number;
  rotation: number;
  /** Inside the visible range (plus margin): draw it; otherwise give its canvas back. */
  active: boolean;
  deadlineMs: number;
  /** Called when this page missed its deadline, so the viewer can check the worker. */
  onTimeout: (pageNumber: number) => void;
  /** Called after each successful render (the viewer waits for one before drawing thumbnails). */
  onRendered?: (pageNumber: number) => void;
  /** Draw as the far end prints it (1-bit at this fax resolution); absent for received faxes. */
  faxResolution?: FaxResolution | undefined;
  /**
   * This page as rendered ahead, with exactly the pixels pdf.js would draw now (the caller
   * checked): shown at once while the page is blank, then drawn over by pdf.js.
   */
  ahead?: ImageBitmap | null | undefined;
}

/**
 * One page of the continuous column: an absolutely placed box of the page's final size (so
 * the scrollbar is right before anything is drawn) that holds a canvas only while active.
 * A new render draws off-screen and swaps in, so zooming never flashes a blank page.
 */
export const PageView = memo(function PageView(props: PageViewProps) {
  const { pdf, pageNumber, zoom, rotation, active, deadlineMs, onTimeout, onRendered } = props;
  const { faxResolution, ahead } = props;
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<RenderState>('idle');
  const [source, setSource] = useState<'ahead' | 'pdf' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const wasActive = useRef(false);

  useEffect(() => {
    const box = holder.current;
    if (!box) return;
    if (!active) {
      for (const canvas of box.querySelectorAll('canvas')) releaseCanvas(canvas);
      box.replaceChildren();
      setState('idle');
      setSource(null);
      // Like pdf.js's own viewer, drop the page's cached drawing operations once it leaves.
      if (wasActive.current && pdf)
        pdf
          .getPage(pageNumber)
          .then((page) => page.cleanup())
          // A page that cannot be fetched has nothing cached to drop.
          .catch(() => undefined);
      wasActive.current = false;
      return;
    }
    wasActive.current = true;
    if (ahead && ahead.width > 0 && !box.querySelector('canvas')) {
      const canvas = document.createElement('canvas');
      canvas.width = ahead.width;
      canvas.height = ahead.height;
      canvas.getContext('2d')?.drawImage(ahead, 0, 0);
      canvas.className = 'viewer-canvas';
      canvas.setAttribute('aria-hidden', 'true');
      box.replaceChildren(canvas);
      setState('rendered');
      setSource('ahead');
      onRendered?.(pageNumber);
    }
    if (!pdf) return;
    const controller = new AbortController();
    setState((current) => (current === 'rendered' ? current : 'rendering'));
    renderPage({
      pdf,
      pageNumber,
      zoom,
      rotation,
      devicePixelRatio: window.devicePixelRatio,
      deadlineMs,
      signal: controller.signal,
      fax: faxResolution,
    }).then(
      (canvas) => {
        if (controller.signal.aborted) return releaseCanvas(canvas);
        for (const old of box.querySelectorAll('canvas')) releaseCanvas(old);
        canvas.className = faxResolution ? 'viewer-canvas fax-raster' : 'viewer-canvas';
        canvas.setAttribute('aria-hidden', 'true');
        box.replaceChildren(canvas);
        setState('rendered');
        setSource('pdf');
        onRendered?.(pageNumber);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        for (const old of box.querySelectorAll('canvas')) releaseCanvas(old);
        box.replaceChildren();
        setState('failed');
        if (isDeadline(error)) onTimeout(pageNumber);
      },
    );
    return () => controller.abort();
  }, [
    pdf,
    pageNumber,
    zoom,
    rotation,
    active,
    deadlineMs,
    onTimeout,
    onRendered,
    attempt,
    faxResolution,
    ahead,
  ]);

  useEffect(() => {
    const box = holder.current;
    return () => {
      if (!box) return;
      for (const canvas of box.querySelectorAll('canvas')) releaseCanvas(canvas);
      // Emptied too, so a page mounted again (React's strict mode does) never keeps a blank canvas.
      box.replaceChildren();
    };
  }, []);

  return (
    <div
      className="viewer-page"
      data-page-number={pageNumber}
      data-render-state={state}
      data-source={source ?? undefined}
      role="group"
      aria-label={t('viewer.page.label', { page: pageNumber })}
      style={{ top: props.top, width: props.width, height: props.height }}
    >
      <div ref={holder} className="viewer-page-canvas" />
      {state === 'failed' && (
        <div className="viewer-page-failed" role="alert">
          <p>{t('viewer.page.failed', { page: pageNumber })}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('viewer.page.retry')}
          </button>
        </div>
      )}
    </div>
  );
});
