import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The renderer's source folder. This config lives outside it: renderer/ holds only browser code. */
const root = fileURLToPath(new URL('./renderer/', import.meta.url));

/**
 * Copies pdf.js's data files (CMaps, standard fonts, the JBIG2/JPEG 2000 decoders) into the
 * build under `pdfjs/` with their own names, which pdf.js needs (it asks for them by name under
 * one base URL); serves the same paths in dev. Used by this build and electron.vite.config.ts.
 */
export function pdfjsAssets(): Plugin {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const folders = ['cmaps', 'standard_fonts', 'wasm'];
  return {
    name: 'kamifax-pdfjs-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const match = /^\/pdfjs\/(cmaps|standard_fonts|wasm)\/([\w.-]+)$/.exec(request.url ?? '');
        if (!match?.[1] || !match[2]) return next();
        try {
          const body = readFileSync(join(root, match[1], match[2]));
          const type = match[2].endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
          response.setHeader('content-type', type);
          response.end(body);
        } catch {
          next();
        }
      });
    },
    generateBundle() {
      for (const folder of folders)
        for (const name of readdirSync(join(root, folder)))
          if ((!name.startsWith('LICENSE') || folder === 'wasm') && !name.includes('quickjs'))
            this.emitFile({
              type: 'asset',
              fileName: `pdfjs/${folder}/${name}`,
              source: readFileSync(join(root, folder, name)),
            });
    },
  };
}

/** The renderer as a plain web build (`out/web`) for the headless host and the browser demo. */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), pdfjsAssets()],
  build: {
    // KAMIFAX_WEB_OUT lets test runs that share a checkout build side by side.
    outDir: process.env.KAMIFAX_WEB_OUT ?? fileURLToPath(new URL('./out/web', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 2000,
    // The shell, and the viewer on a page of its own (its tests and benchmark open it).
    rollupOptions: {
      input: { index: join(root, 'index.html'), viewer: join(root, 'viewer.html') },
    },
  },
});
