import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { detach } from '../app/detach';

/**
 * The print-only copy of the fax: one image per page in a container that only print media
 * shows (see viewer.css). Once every image has decoded it calls `window.print()`, which is
 * Electron's print on the Electron host and the browser's on the headless host, then frees
 * the images.
 */
export function PrintPages({ urls, onDone }: { urls: readonly string[]; onDone: () => void }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const images = Array.from(container.current?.querySelectorAll('img') ?? []);
    const ready = Promise.allSettled(images.map((image) => image.decode())).then(() => {
      if (!live) return;
      document.documentElement.dataset.printing = 'true';
      try {
        window.print();
      } finally {
        delete document.documentElement.dataset.printing;
        onDone();
      }
    });
    detach('preparing pages to print', ready);
    return () => {
      live = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [urls, onDone]);

  return createPortal(
    <div ref={container} className="viewer-print" data-print-pages={urls.length}>
      {urls.map((url, index) => (
        <img key={url} src={url} alt="" data-print-page={index + 1} />
      ))}
    </div>,
    document.body,
  );
}
