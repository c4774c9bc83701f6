/// <reference types="vite/client" />
/**
 * Benchmark page for our viewer: fetches the document named by `?doc=` from the bench server,
 * then mounts <FaxViewer> as the app does (with a pdf.js worker started beforehand, as the inbox
 * does when it mounts) and records when page 1 is painted at its final size.
 */
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { KamifaxApi } from '../../preload/contract';
import { KamifaxContext } from '../../renderer/src/app/KamifaxContext';
import { I18nProvider } from '../../renderer/src/i18n/i18n';
import { FaxViewer } from '../../renderer/src/viewer/FaxViewer';
import { warmPdfWorker } from '../../renderer/src/viewer/pdf-loader';
import '../../renderer/src/styles.css';
import { atFinalSize, benchState } from './bench-state.browser';

const state = benchState();
const params = new URLSearchParams(location.search);
// The app starts a pdf.js worker when the inbox (or Compose) mounts, before any fax is opened;
// `?worker=cold` leaves that out, to show what the early start is worth.
if (params.get('worker') !== 'cold') warmPdfWorker();
const documentName = params.get('doc') ?? 'fax.pdf';
const bytes = new Uint8Array(
  await (await fetch(`./docs/${encodeURIComponent(documentName)}`)).arrayBuffer(),
);
const root = document.getElementById('root')!;
// Page 1 counts once it is rendered at its final size: the pane may first sit in a narrow
// column (a 25 % render) and widen when the thumbnails mount, and the page is drawn again.
new MutationObserver(() => {
  if (state.firstPaint !== null) return;
  const page = document.querySelector('[data-page-number="1"][data-render-state="rendered"]');
  if (!page) return;
  const now = performance.now() - state.start;
  state.firstAnyPaint ??= now;
  if (atFinalSize(page.querySelector('canvas'))) state.firstPaint = now;
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
// The viewer asks main only when saving; the benchmark never saves.
const api = {} as KamifaxApi;
state.start = performance.now();
createRoot(root).render(
  createElement(
    StrictMode,
    null,
    createElement(
      KamifaxContext.Provider,
      { value: api },
      createElement(I18nProvider, {
        locale: 'en',
        children: createElement(FaxViewer, {
          documentBytes: bytes,
          documentKey: 'bench',
          fileName: documentName,
        }),
      }),
    ),
  ),
);
