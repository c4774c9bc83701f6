/**
 * Builds the headless host to JavaScript (`out/headless`), as the installed app runs a main
 * process built by electron-vite rather than TypeScript compiled at each start: `npm run
 * start:web` and the start-up bench run `node out/headless/cli.js`, so a start does not pay
 * tsx compiling ~300 modules (1.6 s of an idle restart). esbuild (already installed with Vite;
 * one call, no config file, ~1 s) bundles the host with its npm packages into one file: Node's
 * loader then resolves, reads and compiles one module instead of ~1,000 (packages left external
 * took ~1.6× as long to load). What is imported dynamically (the in-process demo service,
 * Fastify and all) becomes a chunk of its own, loaded only if used. The native modules
 * (better-sqlite3, keytar) stay external and load from node_modules as from source. The demo
 * service's child process is built beside it with its packages external (pino and Fastify
 * find their own files at run time). The build runs again only when a source is newer than
 * the stamp of the last build (the web build's stamp, `web-build-stamp.ts`).
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { isWebBuildStale, newestMtime, writeWebBuildStamp } from './web-build-stamp';

/**
 * The host's entries (output name → source): `start:web`'s. `cli.js` turns on the compile cache
 * in the data folder (main/headless/start.ts), then loads `cli-main.js`, the host.
 */
export const hostEntries = {
  cli: 'main/headless/start.ts',
  'cli-main': 'main/headless/cli.ts',
} as const;

/** The embedded demo service's child process (service-child.ts looks for it beside the host). */
const serviceEntry = { 'service-process': 'main/core/session/service-process.ts' };

/** Native modules: loaded from node_modules, never bundled. */
const nativeModules = ['better-sqlite3', 'keytar'];

/** A bundle of CommonJS packages in an ES module still calls `require` for Node's modules. */
const requireBanner =
  "import { createRequire as kamifaxCreateRequire } from 'node:module'; const require = kamifaxCreateRequire(import.meta.url);";

/** What the built host is made from: an edit to any of these makes the next start rebuild. */
export function hostSources(projectRoot: string): string[] {
  // renderer/src: the host paints the first screen with the renderer's components (first-paint).
  return [
    'main',
    'preload',
    'service',
    'renderer/src',
    'package-lock.json',
    'tsconfig.node.json',
  ].map((path) => join(projectRoot, path));
}

/**
 * `new URL('../x/file.py', import.meta.url)` names a file beside its source module; once the
 * module is bundled into `outDir`, the same text would point somewhere under `out/`. Rewrites
 * each such literal to the same file, relative to the bundle.
 */
function filesBesideSources(outDir: string): Plugin {
  const pattern = /new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g;
  return {
    name: 'kamifax-files-beside-sources',
    setup(plugin) {
      plugin.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const text = await readFile(path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const contents = text.replace(pattern, (_match, _quote: string, target: string) => {
          const fromBundle = relative(outDir, resolve(dirname(path), target))
            .split(sep)
            .join('/');
          return `new URL(${JSON.stringify(fromBundle)}, import.meta.url)`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * zod re-exports all of its ~50 locales (`z.locales`, `z.core.locales` ~350 kB, a sixth of the host's start
 * bundle, compiled at every start) although the host uses none of them: its messages are the
 * English that zod's core sets by default. The host's bundle gets a `locales` holding English
 * only; `z.locales.en` is what it was, any other locale is absent.
 */
function englishZodLocalesOnly(): Plugin {
  const namespace = 'kamifax-zod-locales';
  return {
    name: 'kamifax-zod-locales',
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
        /[\\/]node_modules[\\/]zod[\\/]v4[\\/][a-z]+[\\/][a-z]+\.js$/.test(importer)
          ? { path: resolve(dirname(importer), '../locales'), namespace }
          : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace }, ({ path }) => ({
        contents: "export { default as en } from './en.js';",
        resolveDir: path,
        loader: 'js',
      }));
    },
  };
}

/** Options of a host build. */
export interface HostBuildOptions {
  projectRoot: string;
  /** Where the bundles go; inside the project, so that packages resolve from node_modules. */
  outDir: string;
  /** Output name → entry (relative to the project); `hostEntries` by default. */
  entries?: Readonly<Record<string, string>>;
  /** What the build is made from (`hostSources` by default; tests use their own). */
  sources?: readonly string[];
}

/** Bundles the entries (and the demo service's process) to ESM for this Node, with source maps. */
export async function buildHost(options: HostBuildOptions): Promise<void> {
  const { projectRoot, outDir } = options;
  const entryPoints = (entries: Readonly<Record<string, string>>) =>
    Object.fromEntries(
      Object.entries(entries).map(([name, path]) => [name, join(projectRoot, path)]),
    );
  const common: BuildOptions = {
    absWorkingDir: projectRoot,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcemap: 'linked',
    // The renderer's first-screen components (main/core/first-paint.ts), as Vite compiles them.
    jsx: 'automatic',
    // The installed app's build, whoever builds it (vitest sets NODE_ENV=test): React's
    // production code for the first screen (its development build renders it ~7× slower).
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    plugins: [filesBesideSources(outDir)],
  };
  // Chunk names change with their content: old ones would pile up.
  await rm(outDir, { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: entryPoints(options.entries ?? hostEntries),
      external: nativeModules,
      banner: { js: requireBanner },
      plugins: [filesBesideSources(outDir), englishZodLocalesOnly()],
      // Chunks beside the entry, so `import.meta.url` is the same folder in every file.
      splitting: true,
      chunkNames: 'chunk-[hash]',
    }),
    build({ ...common, entryPoints: entryPoints(serviceEntry), packages: 'external' }),
  ]);
}

/** Builds when the sources changed since the last build; says which it did. */
export async function buildHostIfStale(options: HostBuildOptions): Promise<'built' | 'fresh'> {
  const sources = options.sources ?? hostSources(options.projectRoot);
  if (!(await isWebBuildStale(options.outDir, sources))) return 'fresh';
  // Taken before building: an edit made during the build makes the next start rebuild.
  const sourcesTime = await newestMtime(sources);
  await buildHost(options);
  await writeWebBuildStamp(options.outDir, sourcesTime);
  return 'built';
}
