/// <reference types="vite/client" />
/**
 * Benchmark page for pdf.js's own PDFViewer (the component of Firefox's viewer), set up as its
 * documentation shows, with the same worker loading and options as ours.
 */
import { getDocument, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { EventBus, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import './reference.css';
import { benchState } from './bench-state.browser';

const state = benchState();
const bytes = new Uint8Array(await (await fetch('./fax.pdf')).arrayBuffer());
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
  if (pageNumber === 1 && state.firstPaint === null)
    state.firstPaint = performance.now() - state.start;
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
  worker: PDFWorker.create({ port: worker }),
  verbosity: 0,
}).promise;
viewer.setDocument(pdf);
linkService.setDocument(pdf);
