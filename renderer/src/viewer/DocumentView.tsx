import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useI18n } from '../i18n/i18n';
import type { FaxResolution } from './fax-resolution';
import {
  currentPageIndex,
  layoutColumn,
  pageGap,
  pageIndexAt,
  resolveZoom,
  rotatedSize,
  scrollTopForPage,
  visibleRange,
  type ColumnLayout,
  type PageSize,
  type ZoomMode,
} from './layout';
import { PageView } from './PageView';
import { pageRotation, rotateDocument, rotatePage, type DocumentRotation } from './rotation-memory';
import { Thumbnails } from './Thumbnails';
import { Toolbar } from './Toolbar';
import { aheadMatches } from './page-ahead';
import type { PageAheadImage } from './usePageAhead';
import { useViewerInput } from './useViewerInput';

/** The open document and the view state the parent keeps across a worker restart. */
export interface DocumentViewProps {
  /** Called when a page is first on screen (background work waits for it). */
  onFirstPaint?: () => void;
  /** Null while pdf.js opens the document and page 1 rendered ahead stands in for it. */
  pdf: PDFDocumentProxy | null;
  /** Page 1 rendered ahead; shown only when it is exactly what would be drawn now. */
  ahead?: PageAheadImage | null | undefined;
  /** Told the pane's width whenever it is measured (the inbox renders ahead for it). */
  onPaneWidth?: ((width: number) => void) | undefined;
  sizes: readonly PageSize[];
  ownRotations: readonly number[];
  rotation: DocumentRotation;
  onRotation: (rotation: DocumentRotation) => void;
  zoomMode: ZoomMode;
  onZoomMode: (mode: ZoomMode) => void;
  /** The page to show first (kept by the parent so a restart returns to it). */
  initialPage: number;
  onPageChange: (pageIndex: number) => void;
  renderMs: number;
  onPageTimeout: (pageNumber: number) => void;
  onPrint: (rotations: readonly number[]) => void;
  printing: boolean;
  onSave: () => void;
  onForward?: (() => void) | undefined;
  onClose?: (() => void) | undefined;
  /** Pages drawn 1-bit at this fax resolution (the Compose preview); absent for received faxes. */
  faxResolution?: FaxResolution | undefined;
}

const noSize: PageSize = { width: 612, height: 792 };

/**
 * The ready viewer: toolbar, thumbnails and the continuous page column. Only pages in the
 * visible range (plus one on each side) hold a canvas; the rest are sized placeholders.
 */
export function DocumentView(props: DocumentViewProps) {
  const { pdf, sizes, ownRotations, rotation, zoomMode, onPageChange } = props;
  const { t } = useI18n();
  const pane = useRef<HTMLDivElement>(null);
  const [paneSize, setPaneSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [thumbnailsShown, setThumbnailsShown] = useState(true);
  const [firstPainted, setFirstPainted] = useState(false);

  const rotations = useMemo(
    () => sizes.map((_, index) => pageRotation(rotation, index + 1)),
    [sizes, rotation],
  );
  const shownSizes = useMemo(
    () => sizes.map((size, index) => rotatedSize(size, rotations[index] ?? 0)),
    [sizes, rotations],
  );
  const totalRotations = useMemo(
    () => rotations.map((turn, index) => turn + (ownRotations[index] ?? 0)),
    [rotations, ownRotations],
  );
  const widest = useMemo(
    () =>
      shownSizes.reduce(
        (wide, size) => (size.width > wide.width ? size : wide),
        shownSizes[0] ?? noSize,
      ),
    [shownSizes],
  );
  // Fit page fits the largest page whole, so no page of a mixed fax is ever cut off.
  const largest = useMemo(
    () => ({
      width: Math.max(...shownSizes.map((size) => size.width), 1),
      height: Math.max(...shownSizes.map((size) => size.height), 1),
    }),
    [shownSizes],
  );
  const zoom = resolveZoom(zoomMode, paneSize, widest, largest);
  const layout = useMemo(() => layoutColumn(shownSizes, zoom), [shownSizes, zoom]);
  // Nothing is drawn until the pane has its laid-out size: a page drawn before that would be
  // drawn again at the real fit width.
  const measured = paneSize.height > 0 && paneSize.width > 0;
  // Pages on screen render first; the page on either side (for smooth scrolling) only once the
  // screen is painted at this zoom and rotation, so they never delay what the reader sees.
  const visible = visibleRange(layout, scrollTop, paneSize.height, 0);
  const paintKey = `${zoom.toFixed(4)}|${rotation.document}|${JSON.stringify(rotation.pages)}`;
  const [paintedKey, setPaintedKey] = useState('');
  const range =
    paintedKey === paintKey ? visibleRange(layout, scrollTop, paneSize.height, 1) : visible;
  const pending = useRef({ visible, paintKey });
  useEffect(() => {
    pending.current = { visible, paintKey };
  });
  const current = measured
    ? currentPageIndex(layout, scrollTop, paneSize.height)
    : props.initialPage;

  useEffect(() => {
    onPageChange(current);
  }, [current, onPageChange]);

  const { onPaneWidth } = props;
  useEffect(() => {
    if (paneSize.width > 0) onPaneWidth?.(paneSize.width);
  }, [paneSize.width, onPaneWidth]);

  const { ahead } = props;
  const aheadBitmap =
    ahead &&
    measured &&
    shownSizes[0] &&
    aheadMatches(ahead, {
      paneWidth: paneSize.width,
      devicePixelRatio: window.devicePixelRatio,
      zoom,
      shown: shownSizes[0],
      rotation: totalRotations[0] ?? 0,
    })
      ? ahead.bitmap
      : null;

  useLayoutEffect(() => {
    const element = pane.current;
    if (!element) return;
    const measure = () => setPaneSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the reader's place when the layout changes (zoom, rotation, late page sizes). The
  // place is read from the last scroll, not from the element: a shorter column has already
  // clamped the element's scrollTop by the time this runs.
  const previous = useRef<ColumnLayout | null>(null);
  const lastScroll = useRef(0);
  useLayoutEffect(() => {
    const element = pane.current;
    const before = previous.current;
    previous.current = layout;
    if (!element || !measured) return;
    let top: number;
    if (!before) top = scrollTopForPage(layout, props.initialPage);
    else {
      const index = pageIndexAt(before, lastScroll.current);
      const fraction =
        (lastScroll.current - (before.tops[index] ?? 0)) / Math.max(1, before.heights[index] ?? 1);
      top = (layout.tops[index] ?? 0) + fraction * (layout.heights[index] ?? 0);
    }
    element.scrollTop = top;
    lastScroll.current = element.scrollTop;
    setScrollTop(element.scrollTop);
    // Only a new layout moves the reader; the initial page matters only the first time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, measured]);

  const goTo = useCallback(
    (index: number) => {
      const element = pane.current;
      if (!element) return;
      element.scrollTop = scrollTopForPage(layout, index);
      lastScroll.current = element.scrollTop;
      setScrollTop(element.scrollTop);
    },
    [layout],
  );
  const zoomTo = useCallback(
    (value: number) => props.onZoomMode({ kind: 'custom', zoom: value }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.onZoomMode],
  );
  const onKeyDown = useViewerInput(pane, {
    pageIndex: current,
    pageCount: sizes.length,
    zoom,
    goTo,
    zoomTo,
  });

  const frame = useRef(0);
  const onScroll = () => {
    lastScroll.current = pane.current?.scrollTop ?? 0;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(pane.current?.scrollTop ?? 0));
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onPageTimeout = props.onPageTimeout;
  // The page just painted has not reached the DOM yet; the others have.
  const { onFirstPaint } = props;
  const onPainted = useCallback(
    (painted: number) => {
      setFirstPainted(true);
      onFirstPaint?.();
      const { visible: shown, paintKey: key } = pending.current;
      for (let number = shown.first + 1; number <= shown.last + 1; number += 1)
        if (
          number !== painted &&
          !pane.current?.querySelector(
            `[data-page-number="${number}"][data-render-state="rendered"]`,
          )
        )
          return;
      setPaintedKey(key);
    },
    [onFirstPaint],
  );

  return (
    <div
      className="viewer-body"
      onKeyDown={onKeyDown}
      data-current-page={current + 1}
      data-zoom={zoom.toFixed(3)}
    >
      <Toolbar
        pageIndex={current}
        pageCount={sizes.length}
        onGoTo={goTo}
        zoomMode={zoomMode}
        zoom={zoom}
        onZoom={props.onZoomMode}
        onRotatePage={() => props.onRotation(rotatePage(rotation, current + 1, 90))}
        onRotateDocument={(delta) => props.onRotation(rotateDocument(rotation, delta))}
        thumbnailsShown={thumbnailsShown}
        onToggleThumbnails={() => setThumbnailsShown((shown) => !shown)}
        onPrint={() => props.onPrint(totalRotations)}
        printing={props.printing}
        onSave={props.onSave}
        onForward={props.onForward}
        onClose={props.onClose}
      />
      <div className={thumbnailsShown ? 'viewer-main with-thumbnails' : 'viewer-main'}>
        {thumbnailsShown && firstPainted && pdf && (
          <Thumbnails
            pdf={pdf}
            sizes={shownSizes}
            rotations={totalRotations}
            current={current}
            deadlineMs={props.renderMs}
            onSelect={goTo}
          />
        )}
        <div
          ref={pane}
          className="viewer-pane"
          tabIndex={0}
          role="region"
          aria-label={t('viewer.pageArea')}
          onScroll={onScroll}
        >
          <div
            className="viewer-column"
            style={{ height: layout.height, width: layout.width + 2 * pageGap }}
          >
            {measured &&
              layout.tops.map((top, index) => (
                <PageView
                  key={index}
                  pdf={pdf}
                  pageNumber={index + 1}
                  top={top}
                  width={layout.widths[index] ?? 0}
                  height={layout.heights[index] ?? 0}
                  zoom={zoom}
                  rotation={totalRotations[index] ?? 0}
                  active={index >= range.first && index <= range.last}
                  deadlineMs={props.renderMs}
                  onTimeout={onPageTimeout}
                  onRendered={onPainted}
                  faxResolution={props.faxResolution}
                  ahead={index === 0 ? aheadBitmap : null}
                />
              ))}
          </div>
        </div>
      </div>
    </div>
  );
}
