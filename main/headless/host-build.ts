/**
 * Builds the headless host to JavaScript (`out/headless`), as the installed app runs a main
 * process built by electron-vite rather than TypeScript compiled at each start: `npm run
 * start:web` and the start-up bench run `node out/headless/cli.js`, so a start does not pay
 * tsx compiling ~300 modules (1.6 s of an idle restart). esbuild (already installed with Vite;
 * no config file) bundles the host with its npm packages into one CommonJS file,
 * `cli-main.cjs`, which the small ES-module entry `cli.js` runs with V8's code cache kept in
 * the data folder (code-cache.ts; Node 20 can cache no ES module's code). What the host imports
 * dynamically is in that file too, but its module code runs only at first use (esbuild's lazy
 * module wrappers); the large packages only such code needs (pdf-lib, utif2, ical.js, the CSV
 * parsers) are files of their own beside it (`vendor-*.cjs`), read only at first use. The
 * native modules (better-sqlite3, keytar) stay external and load from node_modules. The demo
 * service's child process is built beside it with its packages external (pino and Fastify
 * find their own files at run time). The build runs again only when a source is newer than
 * the stamp of the last build (the web build's stamp, `web-build-stamp.ts`).
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { isWebBuildStale, newestMtime, writeWebBuildStamp } from './web-build-stamp';

/**
 * The host's small ES-module entries (output name → source): `start:web`'s `cli.js`
 * (main/headless/start.ts) runs `cli-main.cjs` with the code cache.
 */
export const hostEntries = { cli: 'main/headless/start.ts' } as const;

/** The host itself, each built as one CommonJS file `<name>.cjs` (see code-cache.ts). */
export const hostMains = { 'cli-main': 'main/headless/cli.ts' } as const;

/**
 * Packages only lazily loaded code uses (sending, printing, contacts files): a CommonJS
 * bundle each beside the host (`vendor-<name>.cjs`), required at first use, so a start
 * neither reads nor parses them.
 */
const lazyPackages = ['pdf-lib', 'utif2', 'ical.js', 'csv-parse/sync', 'csv-stringify/sync'];
const vendorName = (name: string) => `vendor-${name.replace(/[^\w]+/g, '-')}`;

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

/** The host's imports of `lazyPackages`: their own file beside it, required when first used. */
function lazyPackagesBeside(): Plugin {
  const names = new Set(lazyPackages);
  return {
    name: 'kamifax-lazy-packages',
    setup(plugin) {
      plugin.onResolve({ filter: /^[\w@.-][\w@./-]*$/ }, ({ path }) =>
        names.has(path) ? { path: `./${vendorName(path)}.cjs`, external: true } : undefined,
      );
    },
  };
}

/**
 * The in-process demo service (Fastify and all, ~3.7 MB) is for tests: the built host always
 * runs the service in its child process (`service-process.js`, host.ts), so it is left out.
 */
function noInProcessService(): Plugin {
  const namespace = 'kamifax-no-in-process-service';
  return {
    name: namespace,
    setup(plugin) {
      plugin.onResolve({ filter: /\/service\/server$/ }, ({ importer }) =>
        /[\\/]embedded-service\.ts$/.test(importer) ? { path: 'server', namespace } : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace }, () => ({
        contents:
          "export async function startService() { throw new Error('The built host runs the demo service in its own process.'); }",
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
  /** Output name → ES-module entry (relative to the project); `hostEntries` by default. */
  entries?: Readonly<Record<string, string>>;
  /** Output name → entry built as one CommonJS file; `hostMains` by default. */
  mains?: Readonly<Record<string, string>>;
  /** What the build is made from (`hostSources` by default; tests use their own). */
  sources?: readonly string[];
}

/**
 * Bundles the entries (ES modules), the mains (one CommonJS file each, with the packages they
 * load lazily beside them) and the demo service's process, for this Node, with source maps.
 */
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
  // CommonJS run by code-cache.ts: no `import()` left (vm.Script has no module loader here),
  // and `import.meta.url` is the bundle's own file, as it was for the ES-module chunks beside it.
  const commonJs: BuildOptions = {
    ...common,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    supported: { 'dynamic-import': false },
    define: { ...common.define, 'import.meta.url': 'kamifaxModuleUrl' },
    banner: { js: 'var kamifaxModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
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
    build({
      ...commonJs,
      entryPoints: entryPoints(options.mains ?? hostMains),
      external: nativeModules,
      plugins: [
        filesBesideSources(outDir),
        englishZodLocalesOnly(),
        lazyPackagesBeside(),
        noInProcessService(),
      ],
    }),
    build({
      ...commonJs,
      entryPoints: Object.fromEntries(
        lazyPackages.map((name) => [vendorName(name), `kamifax-vendor:${name}`]),
      ),
      plugins: [
        {
          name: 'kamifax-vendor',
          setup(plugin) {
            plugin.onResolve({ filter: /^kamifax-vendor:/ }, ({ path }) => ({
              path: path.slice('kamifax-vendor:'.length),
              namespace: 'kamifax-vendor',
            }));
            plugin.onLoad({ filter: /.*/, namespace: 'kamifax-vendor' }, ({ path }) => ({
              contents: `module.exports = require(${JSON.stringify(path)});`,
              resolveDir: projectRoot,
              loader: 'js',
            }));
          },
        },
      ],
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
