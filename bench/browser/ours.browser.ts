/// <reference types="vite/client" />
/**
 * Benchmark page for our viewer: fetches the document named by `?doc=` from the bench server,
 * then mounts <FaxViewer> as the app does (with a pdf.js worker started beforehand and loaded,
 * as the inbox has while it is shown) and records when page 1 is painted at its final size.
 *
 * `?ahead=1`: the prefetched case. As the inbox does for the newest unread faxes, page 1 is
 * first rendered ahead (the app's own `renderPageOneAhead`, in a worker of its own, for the
 * reading pane's width as a first mount measures it) and encoded as PNG; then the clock starts
 * and the viewer opens the fax through the app's own `usePageAheadImage`, which asks "main" for
 * the image (here a stand-in answering with a copy of the PNG on the next task; the app's
 * decryption in main and the bridge round trip are not in this figure) and decodes it.
 */
import { createElement, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KamifaxApi } from '../../preload/contract';
import { KamifaxContext } from '../../renderer/src/app/KamifaxContext';
import { I18nProvider } from '../../renderer/src/i18n/i18n';
import { FaxViewer } from '../../renderer/src/viewer/FaxViewer';
import {
  pageAheadKey,
  rememberedPane,
  type PageAheadMeta,
} from '../../renderer/src/viewer/page-ahead';
import { openPdf, pdfWorkerReady, warmPdfWorker } from '../../renderer/src/viewer/pdf-loader';
import { renderPageOneAhead, usePageAheadImage } from '../../renderer/src/viewer/usePageAhead';
import '../../renderer/src/styles.css';
import { atFinalSize, benchState } from './bench-state.browser';

const state = benchState();
const params = new URLSearchParams(location.search);
const ahead = params.get('ahead') === '1';
// The app starts a pdf.js worker when the inbox (or Compose) mounts, before any fax is opened,
// and a user opens a fax after the inbox is on screen: the worker has loaded by then.
// `?worker=cold` leaves that out, to show what the early start is worth.
const cold = params.get('worker') === 'cold';
const documentName = params.get('doc') ?? 'fax.pdf';
const bytes = new Uint8Array(
  await (await fetch(`./docs/${encodeURIComponent(documentName)}`)).arrayBuffer(),
);
const root = document.getElementById('root')!;

/** What main answers `inbox:pageAhead` with in the prefetched case (set before the clock). */
let stored: { meta: PageAheadMeta; png: Uint8Array; key: string } | null = null;
// The viewer asks main only when saving (never here) and, in the prefetched case, for page 1.
const api = {
  inbox: {
    pageAhead: () =>
      new Promise((resolve) =>
        setTimeout(() =>
          resolve({
            ok: true,
            value: {
              page: stored && {
                key: stored.key,
                meta: stored.meta,
                type: 'image/png',
                width: 0,
                height: 0,
                image: stored.png.slice(),
              },
            },
          }),
        ),
      ),
  },
} as unknown as KamifaxApi;

function inApp(children: ReactNode) {
  return createElement(
    StrictMode,
    null,
    createElement(
      KamifaxContext.Provider,
      { value: api },
      createElement(I18nProvider, { locale: 'en', children }),
    ),
  );
}

/** The inbox's FaxPane, reduced to what opens the viewer: the bytes and page 1 rendered ahead. */
function Pane() {
  const image = usePageAheadImage('bench');
  return createElement(FaxViewer, {
    documentBytes: bytes,
    documentKey: 'bench',
    fileName: documentName,
    ahead: { image },
  });
}

if (ahead) {
  // A fax opened earlier told the inbox how wide its reading pane is.
  warmPdfWorker();
  const measuring = createRoot(root);
  measuring.render(
    inApp(
      createElement(FaxViewer, {
        documentBytes: bytes,
        documentKey: 'measure',
        fileName: documentName,
        ahead: { image: null },
      }),
    ),
  );
  while (!rememberedPane()) await new Promise((resolve) => setTimeout(resolve, 20));
  measuring.unmount();
  const pane = rememberedPane()!;
  const open = await openPdf(bytes, 30_000, { spare: false });
  const { meta, png } = await renderPageOneAhead(
    open.pdf,
    pane.paneWidth,
    pane.devicePixelRatio,
    30_000,
  );
  await open.close();
  stored = { meta, png, key: pageAheadKey(pane.paneWidth, pane.devicePixelRatio) };
}
if (!cold) {
  warmPdfWorker();
  await pdfWorkerReady();
}

// Page 1 counts once it is painted at its final size (any earlier, smaller paint does not).
new MutationObserver(() => {
  if (state.firstPaint !== null) return;
  const page = document.querySelector<HTMLElement>(
    '[data-page-number="1"][data-render-state="rendered"]',
  );
  if (!page) return;
  const now = performance.now() - state.start;
  state.firstAnyPaint ??= now;
  if (atFinalSize(page.querySelector('canvas'))) {
    state.firstPaint = now;
    state.firstSource = page.dataset.source ?? null;
  }
}).observe(root, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['data-render-state', 'style', 'width'],
});
state.showPage = (pageNumber) =>
  new Promise<void>((resolve) => {
    const selector = `[data-page-number="${pageNumber}"]`;
    const done = () => document.querySelector(`${selector}[data-render-state="rendered"]`) !== null;
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(root, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-render-state'],
    });
    document.querySelector(selector)?.scrollIntoView({ block: 'start' });
    if (done()) {
      observer.disconnect();
      resolve();
    }
  });
state.start = performance.now();
createRoot(root).render(
  inApp(
    ahead
      ? createElement(Pane)
      : createElement(FaxViewer, {
          documentBytes: bytes,
          documentKey: 'bench',
          fileName: documentName,
        }),
  ),
);
