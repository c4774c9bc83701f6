import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { classicReact, pdfjsAssets, startAfterFirstPaint } from './vite.web.config';

/**
 * electron-vite builds the three Electron bundles with one tool and one dev server:
 * main (ESM, Node deps left external), the sandboxed preload (CommonJS, everything
 * bundled in, as a sandboxed preload cannot load modules), and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          // index.js turns on the compile cache, then loads app.js (main/electron/start.ts).
          index: resolve('main/electron/start.ts'),
          app: resolve('main/electron/index.ts'),
          // The embedded demo service's utility process (main/electron/service-utility.ts).
          'service-process': resolve('main/core/session/service-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // As the web build: React as one classic script (V8's code cache), started with the
    // modules once the first screen app:// painted has been presented.
    plugins: [react(), pdfjsAssets(), classicReact(), startAfterFirstPaint()],
    build: {
      outDir: 'out/renderer',
      target: 'chrome130',
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
