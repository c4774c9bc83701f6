import { memo, useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useI18n } from '../i18n/i18n';
import { cssPixelsPerPoint, type PageSize } from './layout';
import { releaseCanvas, renderPage } from './render-page';

/** Width of a thumbnail in CSS pixels. */
const thumbnailWidth = 96;

/** The strip's props: the pages (already rotated as shown), the current one, and navigation. */
export interface ThumbnailsProps {
  pdf: PDFDocumentProxy;
  sizes: readonly PageSize[];
  rotations: readonly number[];
  current: number;
  deadlineMs: number;
  onSelect: (pageIndex: number) => void;
}

type Watch = (element: Element, onChange: (visible: boolean) => void) => () => void;

/**
 * The thumbnail strip. One IntersectionObserver tells each thumbnail when it scrolls into the
 * strip; only then is it drawn, and its canvas is given back when it scrolls out, so a
 * 300-page fax costs a screenful of thumbnails.
 */
export function Thumbnails(props: ThumbnailsProps) {
  const { t } = useI18n();
  const strip = useRef<HTMLElement>(null);
  const [watch, setWatch] = useState<Watch | null>(null);

  useEffect(() => {
    const root = strip.current;
    if (!root) return;
    const listeners = new Map<Element, (visible: boolean) => void>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
      },
      { root, rootMargin: '200px 0px' },
    );
    setWatch(() => (element: Element, onChange: (visible: boolean) => void) => {
      listeners.set(element, onChange);
      observer.observe(element);
      return () => {
        observer.unobserve(element);
        listeners.delete(element);
      };
    });
    return () => observer.disconnect();
  }, []);

  const current = props.current;
  useEffect(() => {
    strip.current
      ?.querySelector(`[data-thumbnail="${current + 1}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <nav ref={strip} className="viewer-thumbnails" aria-label={t('viewer.thumbnails')}>
      {watch &&
        props.sizes.map((size, index) => (
          <Thumbnail
            key={index}
            pdf={props.pdf}
            pageNumber={index + 1}
            size={size}
            rotation={props.rotations[index] ?? 0}
            current={index === props.current}
            deadlineMs={props.deadlineMs}
            watch={watch}
            onSelect={props.onSelect}
          />
        ))}
    </nav>
  );
}

const Thumbnail = memo(function Thumbnail(props: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  size: PageSize;
  rotation: number;
  current: boolean;
  deadlineMs: number;
  watch: Watch;
  onSelect: (pageIndex: number) => void;
}) {
  const { pdf, pageNumber, size, rotation, deadlineMs, watch } = props;
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const holder = useRef<HTMLSpanElement>(null);
  const [visible, setVisible] = useState(false);
  const zoom = thumbnailWidth / (size.width * cssPixelsPerPoint);

  useEffect(() => (button.current ? watch(button.current, setVisible) : undefined), [watch]);

  useEffect(() => {
    const box = holder.current;
    if (!box || !visible) return;
    const controller = new AbortController();
    renderPage({
      pdf,
      pageNumber,
      zoom,
      rotation,
      devicePixelRatio: window.devicePixelRatio,
      deadlineMs,
      signal: controller.signal,
      maxPixels: 250_000,
    }).then(
      (canvas) => box.replaceChildren(canvas),
      () => undefined,
    );
    return () => {
      controller.abort();
      for (const canvas of box.querySelectorAll('canvas')) releaseCanvas(canvas);
      box.replaceChildren();
    };
  }, [pdf, pageNumber, zoom, rotation, deadlineMs, visible]);

  return (
    <button
      ref={button}
      type="button"
      className="viewer-thumbnail"
      data-thumbnail={pageNumber}
      aria-current={props.current ? 'page' : undefined}
      aria-label={t('viewer.page.label', { page: pageNumber })}
      onClick={() => props.onSelect(pageNumber - 1)}
    >
      <span
        ref={holder}
        className="viewer-thumbnail-canvas"
        style={{
          width: thumbnailWidth,
          height: Math.round(size.height * zoom * cssPixelsPerPoint),
        }}
      />
      <span className="viewer-thumbnail-number" aria-hidden="true">
        {pageNumber}
      </span>
    </button>
  );
});
