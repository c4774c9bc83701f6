/**
 * The desktop app's main entry (`out/main/index.js`): turns on Node's compile cache in the
 * user's data folder (main/core/compile-cache.ts; Electron 45's main runs Node 22), then loads
 * the app (`app.js`, main/electron/index.ts). The cache covers modules loaded after it is on,
 * so this file imports nothing of the app. Electron emits `ready` only once this entry has
 * finished, so the app still registers its scheme before `ready`.
 */
import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileCacheFolder, enableCompileCache } from '../core/compile-cache';

enableCompileCache(join(app.getPath('userData'), compileCacheFolder));
// A path made at run time: the bundler must leave it, to be loaded from beside this file.
await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'app.js')).href);
