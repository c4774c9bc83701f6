/**
 * The start-up bench's host process entry, as `out/headless/cli.js` (main/headless/start.ts):
 * runs the timed host (`startup-main.cjs`, bench/startup-host.ts, one CommonJS file) with V8's
 * code cache kept in the folder the bench names (KAMIFAX_BENCH_CODE_CACHE: the data folder's,
 * kept across a restart case's runs, as the app keeps it; unset for the cold case, a first
 * start, which compiles everything), and prints `code-cache <status>` (main/headless/code-cache.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from '../main/headless/code-cache';

const folder = process.env.KAMIFAX_BENCH_CODE_CACHE;
const run = runWithCodeCache(
  join(dirname(fileURLToPath(import.meta.url)), 'startup-main.cjs'),
  folder ? folder : null,
);
console.log(`code-cache ${run.status}`);
