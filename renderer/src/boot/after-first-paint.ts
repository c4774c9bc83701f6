/**
 * The shell page's only parser-loaded script (a classic one, deferred; built by
 * `startAfterFirstPaint()` in vite.web.config.ts). It starts the page's scripts: React's
 * classic script, then the modules. When the host has painted the first screen into `#root`
 * (main/core/first-paint.ts), it starts them only once that screen has been presented (the
 * first contentful paint): React's ~220 kB and our modules would otherwise be compiled and run
 * while the browser lays out and rasterises that first frame, on the same two cores, and hold
 * it back by hundreds of milliseconds. A page with nothing painted starts them at once.
 *
 * The build writes what to start into the script element's data attributes:
 * `data-classic` (React's script), `data-module` (the entry module), `data-preload` (the
 * entry's imports, space-separated, preloaded as it starts).
 */
export {};

/**
 * Never wait longer than this for the paint to be reported (a page that is not shown reports
 * none: one hidden from the start, or hidden while it waits, starts at once).
 */
const waitAtMostMs = 3000;

const script = document.currentScript as HTMLScriptElement | null;
const { classic, module: entry, preload = '' } = script?.dataset ?? {};

function append(element: HTMLElement): void {
  document.head.append(element);
}

function start(): void {
  for (const href of preload.split(' ').filter(Boolean)) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    append(link);
  }
  const startModule = () => {
    if (!entry) return;
    const module = document.createElement('script');
    module.type = 'module';
    module.crossOrigin = '';
    module.src = entry;
    append(module);
  };
  if (!classic) return startModule();
  const react = document.createElement('script');
  react.src = classic;
  // The modules import React from the global this script sets: they start once it has run.
  // If it failed to load, the modules still start, and fail as a page whose script failed.
  react.onload = startModule;
  react.onerror = startModule;
  append(react);
}

function startAfterPaint(): void {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', go);
    start();
  };
  // A task after the paint entry's callback: the frame has been presented by then.
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName('first-contentful-paint').length > 0) setTimeout(go, 0);
  });
  observer.observe({ type: 'paint', buffered: true });
  const timer = setTimeout(go, waitAtMostMs);
  document.addEventListener('visibilitychange', go);
}

if (document.querySelector('#root > .first-paint') && document.visibilityState === 'visible')
  startAfterPaint();
else start();
