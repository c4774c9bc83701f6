/**
 * `out/headless/cli.js`, what `npm run start:web` runs: runs the host, built as one CommonJS
 * file beside it (`cli-main.cjs`, main/headless/cli.ts), with V8's code cache kept in the data
 * folder (main/headless/code-cache.ts). Node's modules only: nothing of the host loads before.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileCacheFolder } from '../core/compile-cache';
import { runWithCodeCache } from './code-cache';
import { webDataDir } from './data-dir';

const { values } = parseArgs({ options: { data: { type: 'string' } }, strict: false });
runWithCodeCache(
  join(dirname(fileURLToPath(import.meta.url)), 'cli-main.cjs'),
  join(webDataDir(values.data), compileCacheFolder),
);
