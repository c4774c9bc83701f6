/**
 * `out/headless/cli.js`, what `npm run start:web` runs: turns on the compile cache in the data
 * folder (main/core/compile-cache.ts; Node ≥ 22.1 only, nothing on Node 20), then loads the host
 * (`cli-main.js`, main/headless/cli.ts). The cache covers modules loaded after it is on, so this
 * file imports nothing of the host itself.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compileCacheFolder, enableCompileCache } from '../core/compile-cache';
import { webDataDir } from './data-dir';

const { values } = parseArgs({ options: { data: { type: 'string' } }, strict: false });
enableCompileCache(join(webDataDir(values.data), compileCacheFolder));
// A path made at run time: the bundler must leave it, to be loaded from beside this file.
await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'cli-main.js')).href);
