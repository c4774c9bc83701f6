/**
 * The start-up bench's host process entry, as `out/headless/cli.js` (main/headless/start.ts):
 * turns on the compile cache in the folder the bench names (KAMIFAX_BENCH_COMPILE_CACHE: the
 * data folder's, kept across a restart case's runs; unset for the cold case, a first start),
 * prints `compile-cache <status>`, then loads the timed host (`startup-main.js`,
 * bench/startup-host.ts).
 */
import { enableCompileCache } from '../main/core/compile-cache';

const folder = process.env.KAMIFAX_BENCH_COMPILE_CACHE;
console.log(`compile-cache ${folder ? enableCompileCache(folder).status : 'off'}`);
const host = './startup-main.js';
await import(host);
