import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build as esbuild, type BuildOptions } from 'esbuild';

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

/**
 * Bundles one classic script with esbuild (an IIFE, minified, for the renderer's Chromium) and
 * emits it as `assets/<name>-<hash>.js`; returns that file name.
 */
async function emitClassicScript(
  context: { emitFile(file: { type: 'asset'; fileName: string; source: string }): string },
  name: string,
  input: Pick<BuildOptions, 'stdin' | 'entryPoints' | 'define'>,
): Promise<string> {
  const result = await esbuild({
    ...input,
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'chrome130',
    legalComments: 'none',
  });
  const source = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
  const file = `assets/${name}-${hash}.js`;
  context.emitFile({ type: 'asset', fileName: file, source });
  return file;
}

/** React's modules the renderer imports, and the global the classic script puts them in. */
const reactModules = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
] as const;
const reactGlobal = '__kamifaxReact';
const shimPrefix = '\0kamifax-react:';

/**
 * React and react-dom as one classic script (`assets/react-<hash>.js`, run before the page's
 * modules), the rest of the build importing them from it. Chromium 156 never uses V8's code
 * cache for module scripts (its background script fetch streams and compiles them afresh on
 * every visit) but does for classic scripts: a returning user's browser then reads React's
 * compiled code from its cache instead of compiling it again (bench/README.md, inbox-ui).
 */
export function classicReact(): Plugin {
  const require = createRequire(import.meta.url);
  let file = '';
  return {
    name: 'kamifax-classic-react',
    apply: 'build',
    // Before Vite's own resolver, which would find React in node_modules.
    enforce: 'pre',
    async buildStart() {
      const entry = reactModules
        .map((id, index) => `import * as m${index} from '${id}';`)
        .concat(
          `globalThis.${reactGlobal} = { ${reactModules.map((id, i) => `'${id}': m${i}`).join(', ')} };`,
        )
        .join('\n');
      file = await emitClassicScript(this, 'react', {
        stdin: { contents: entry, resolveDir: dirname(fileURLToPath(import.meta.url)) },
        // As Vite builds the rest: production, or React's development build under test.
        define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
      });
    },
    resolveId(id) {
      return (reactModules as readonly string[]).includes(id) ? shimPrefix + id : null;
    },
    load(id) {
      if (!id.startsWith(shimPrefix)) return null;
      const name = id.slice(shimPrefix.length);
      const exported = Object.keys(require(name) as object).filter(
        (key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default',
      );
      return [
        `const m = globalThis.${reactGlobal}[${JSON.stringify(name)}];`,
        'export default m;',
        `export const { ${exported.join(', ')} } = m;`,
      ].join('\n');
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        // Deferred: it runs after parsing, before the page's modules (in document order).
        { tag: 'script', attrs: { src: `./${file}`, defer: true }, injectTo: 'head-prepend' },
      ],
    },
  };
}

/**
 * The shell page starts its scripts through one small deferred classic script
 * (renderer/src/boot/after-first-paint.ts), which waits for the host's painted first screen to
 * be presented before it starts React and the modules. Runs after Vite's and classicReact()'s
 * own tags are in the page: it takes React's script, the entry module and its preloads out of
 * the page and hands them to that script in its data attributes. The viewer's page is left as
 * it is (nothing is painted ahead there).
 */
export function startAfterFirstPaint(): Plugin {
  let file = '';
  return {
    name: 'kamifax-start-after-first-paint',
    apply: 'build',
    async buildStart() {
      file = await emitClassicScript(this, 'boot', {
        entryPoints: [join(root, 'src/boot/after-first-paint.ts')],
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.filename.endsWith('index.html')) return html;
        const take = (pattern: RegExp): string[] => {
          const found: string[] = [];
          html = html.replace(pattern, (_tag, src: string) => {
            found.push(src);
            return '';
          });
          return found;
        };
        const [classic] = take(/<script src="([^"]+)" defer><\/script>\s*/g);
        const [entry, ...others] = take(
          /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/g,
        );
        const preload = take(/<link rel="modulepreload" crossorigin href="([^"]+)">\s*/g);
        if (!classic || !entry || others.length > 0)
          throw new Error(
            "startAfterFirstPaint: the page lacks React's script or one entry module",
          );
        const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
        const boot =
          `<script src="./${file}" defer data-classic="${attribute(classic)}" ` +
          `data-module="${attribute(entry)}" data-preload="${attribute(preload.join(' '))}"></script>`;
        return html.replace('</head>', `  ${boot}\n  </head>`);
      },
    },
  };
}

/** The renderer as a plain web build (`out/web`) for the headless host and the browser demo. */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), pdfjsAssets(), classicReact(), startAfterFirstPaint()],
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
