/// <reference types="vite/client" />
/**
 * Benchmark page for pdf.js's own PDFViewer (the component of Firefox's viewer), set up as its
 * documentation shows, with the same worker loading and `getDocument` options as ours (the
 * asset URLs for CMaps, standard fonts and the JBIG2/JPEG 2000 decoders come from the viewer's
 * own `pdfAssetOptions`, so CCITT and JBIG2 faxes decode here too).
 */
import { getDocument, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { EventBus, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import './reference.css';
import { pdfAssetOptions } from '../../renderer/src/viewer/pdf-assets';
import { atFinalSize, benchState } from './bench-state.browser';

const state = benchState();
const documentName = new URLSearchParams(location.search).get('doc') ?? 'fax.pdf';
const bytes = new Uint8Array(
  await (await fetch(`./docs/${encodeURIComponent(documentName)}`)).arrayBuffer(),
);
const container = document.getElementById('viewerContainer') as HTMLDivElement;
const eventBus = new EventBus();
const linkService = new PDFLinkService({ eventBus });
const viewer = new PDFViewer({ container, eventBus, linkService });
linkService.setViewer(viewer);
const rendered = new Map<number, () => void>();
eventBus.on('pagesinit', () => {
  viewer.currentScaleValue = 'page-width';
});
eventBus.on('pagerendered', ({ pageNumber }: { pageNumber: number }) => {
  if (pageNumber === 1 && state.firstPaint === null) {
    const now = performance.now() - state.start;
    state.firstAnyPaint ??= now;
    const canvas = container.querySelector<HTMLCanvasElement>('.page[data-page-number="1"] canvas');
    if (atFinalSize(canvas)) state.firstPaint = now;
  }
  rendered.get(pageNumber)?.();
});
state.showPage = (pageNumber) =>
  new Promise<void>((resolve) => {
    rendered.set(pageNumber, resolve);
    viewer.currentPageNumber = pageNumber;
    const view = viewer.getPageView(pageNumber - 1) as { renderingState?: number } | undefined;
    if (view?.renderingState === 3) resolve();
  });
state.start = performance.now();
const worker = new Worker(workerUrl, { type: 'module' });
const pdf = await getDocument({
  data: bytes.slice(),
  worker: PDFWorker.create({ port: worker, verbosity: 0 }),
  enableXfa: false,
  disableWorkerRendering: true,
  maxImageSize: 100_000_000,
  verbosity: 0,
  ...pdfAssetOptions(),
}).promise;
viewer.setDocument(pdf);
linkService.setDocument(pdf);
