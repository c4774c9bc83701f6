/**
 * V8's code cache for the built headless host, on any Node (Node 20 has no compile cache and
 * cannot cache an ES module's code): the host is built as one CommonJS file
 * (`cli-main.cjs`, host-build.ts) that a small entry runs through `vm.Script` with the
 * `cachedData` V8 made at an earlier start, kept in the user's data folder. The data is made
 * once start-up is over (`saveCodeCacheAfterStartup`), so the functions the first page ran
 * (restore, first answers, the first screen's render) are in it, not only the top level.
 *
 * A cache is used only when it was made for this very file (its SHA-256), this Node, V8 and
 * CPU architecture, and its own bytes are whole (their SHA-256 is in its header); else it is
 * ignored, the host compiles as without one, and a new cache is written after start-up. V8
 * checks the data again (`cachedDataRejected`). Nothing here ever stops a start: an unreadable
 * folder or file means no cache. This module loads before the cache is on: Node's modules only.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What a start did with the cache. */
export type CodeCacheStatus =
  | 'used'
  | 'none yet'
  | 'off'
  | 'ignored: another build or Node'
  | 'ignored: damaged'
  | 'ignored: unreadable'
  | 'rejected by V8';

/** A host started through `runWithCodeCache`. */
export interface CodeCacheRun {
  status: CodeCacheStatus;
  /** Writes a new cache unless this start used a valid one. Never throws: says what it did. */
  save(): Promise<string>;
}

const magic = 'kamifax-code-cache 1';
/** Where the running host finds its `CodeCacheRun` (the entry and the bundle are separate files). */
const hook = Symbol.for('kamifax.codeCache');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What a cache must say of itself to be used for `source` here. */
function expected(source: string) {
  return { magic, node: process.version, v8: process.versions.v8, arch: process.arch, source };
}

/** The cache file's data when it is whole and made for this source and runtime. */
function readCache(file: string, sourceHash: string): { status: CodeCacheStatus; data?: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { status: code === 'ENOENT' ? 'none yet' : 'ignored: unreadable' };
  }
  const end = bytes.indexOf(10);
  if (end < 0 || end > 4096) return { status: 'ignored: damaged' };
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Record<string, unknown>;
  } catch {
    return { status: 'ignored: damaged' };
  }
  const wanted: Record<string, string> = expected(sourceHash);
  if (header.magic !== magic) return { status: 'ignored: damaged' };
  if (Object.keys(wanted).some((key) => header[key] !== wanted[key]))
    return { status: 'ignored: another build or Node' };
  const data = bytes.subarray(end + 1);
  if (header.data !== sha256(data)) return { status: 'ignored: damaged' };
  return { status: 'used', data };
}

/** Writes `data` whole or not at all (a crash mid-write leaves no half file under the name). */
async function writeCache(file: string, sourceHash: string, data: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const header = JSON.stringify({ ...expected(sourceHash), data: sha256(data) });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, Buffer.concat([Buffer.from(`${header}\n`), data]));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Runs the CommonJS file `file` (a bundle: its packages come from `require` beside it) with
 * the code cache kept in `cacheDir` (null: none, as a first start). Returns at once after the
 * file's top level has run; the host reaches `save` through `codeCacheOfThisHost()`.
 */
export function runWithCodeCache(file: string, cacheDir: string | null): CodeCacheRun {
  const bytes = readFileSync(file);
  // esbuild writes ASCII (it escapes the rest): read as Latin-1, the same text, decoded
  // several times faster than UTF-8.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const sourceHash = sha256(bytes);
  const cacheFile = cacheDir === null ? null : join(cacheDir, `${basename(file)}.v8-cache`);
  const found = cacheFile ? readCache(cacheFile, sourceHash) : { status: 'off' as const };
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: file, cachedData: found.data },
  );
  const run: CodeCacheRun = {
    status: found.data && script.cachedDataRejected ? 'rejected by V8' : found.status,
    async save() {
      if (!cacheFile) return 'off';
      if (run.status === 'used') return 'kept (this start used it)';
      try {
        await writeCache(cacheFile, sourceHash, script.createCachedData());
        return 'written';
      } catch (error) {
        return `not written (${error instanceof Error ? error.message : String(error)})`;
      }
    },
  };
  (globalThis as Record<symbol, unknown>)[hook] = run;
  const module = { exports: {} };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return run;
}

/** The running host's code cache, when it was started by `runWithCodeCache` (null from source). */
export function codeCacheOfThisHost(): CodeCacheRun | null {
  return ((globalThis as Record<symbol, unknown>)[hook] as CodeCacheRun | undefined) ?? null;
}

/**
 * Once start-up is over (`over`: the first inbox window answered, or no sign-in) and a second
 * has passed, writes the cache when this start had none: by then the first page's functions
 * are compiled and go into it. `report` hears what was done.
 */
export function saveCodeCacheAfterStartup(
  over: Promise<unknown>,
  report: (what: string) => void,
  delayMs = 1000,
): void {
  const run = codeCacheOfThisHost();
  if (!run || run.status === 'used' || run.status === 'off') return;
  over.then(
    () => {
      setTimeout(() => {
        run.save().then(report, (error: unknown) => report(`not written (${String(error)})`));
      }, delayMs).unref();
    },
    () => undefined,
  );
}
