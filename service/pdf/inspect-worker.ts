/**
 * The code an inspection worker runs, as CommonJS source for `new Worker(source, { eval: true })`.
 *
 * It is a string, not a file, because the service also runs bundled inside the desktop app
 * (electron-vite inlines `service/` into one main bundle), under tsx and under vitest: a worker
 * file would need its own build step in each. pdf-lib is loaded from the path the parent
 * resolves (`workerData.pdfLib`), so the worker finds the same copy in every setting.
 *
 * Protocol: the parent posts `{ id, bytes, limits, reader }`, or `{ id, path, limits, reader }`
 * for a document in a file (read here, so its bytes never cross from the parent's heap); the
 * worker answers `{ id, verdict, by }` with one of the `WorkerVerdict` shapes below and who
 * reached it (`quick`: the inflate check or the bounded reader; `pdf-lib`). Budgets the worker
 * cannot enforce on itself (time, heap) are enforced by the parent (`inspector.ts`) by
 * terminating it.
 *
 * Each document is first checked for streams that inflate too much, then read by the bounded
 * reader (`quick-inspect.ts`, a few hundred µs for a fax), and only what that reader is unsure
 * of is parsed by pdf-lib (several ms and a copy of every stream for a 300 kB fax).
 */

import { quickInspect } from './quick-inspect';

/** What the worker concludes about one document. */
export type WorkerVerdict =
  | { kind: 'ok'; pages: number }
  | { kind: 'encrypted' }
  | { kind: 'unreadable' }
  | { kind: 'no_pages' }
  | { kind: 'too_many_pages'; pages: number }
  | { kind: 'page_too_large'; page: number; width: number; height: number }
  | { kind: 'too_complex'; reason: string };

/** The limits the worker checks, sent with each job. */
export interface WorkerLimits {
  maxPages: number;
  /** Longest side of a page, in points. */
  maxPageLong: number;
  /** Shortest side of a page, in points. */
  maxPageShort: number;
  /** Total bytes that the document's non-image Flate streams may inflate to. */
  maxInflatedBytes: number;
}

/**
 * Who reads a document: `auto` tries the bounded reader (`quick-inspect.ts`) and gives what it
 * is unsure of to pdf-lib; `pdf-lib` always parses fully (the reference the fuzz test compares
 * against).
 */
export type InspectionReader = 'auto' | 'pdf-lib';

/** The worker's source (CommonJS, run with `eval: true`). */
export const inspectWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { dirname, join } = require('node:path');
// Loaded before the worker says it is ready, so that a budget never pays for it.
const pdfLib = require(workerData.pdfLib);
// pdf-lib's own Flate decoder: what pdf-lib itself reads an object stream with, and, without
// zlib's per-call set-up, ~6× cheaper than inflateSync on the few kB of a fax's object stream.
// (Should another build of pdf-lib lack these files, zlib decodes every stream.)
let decodeWhole = null;
try {
  const { default: FlateStream } = require(join(dirname(workerData.pdfLib), 'core/streams/FlateStream.js'));
  const { default: BytesStream } = require(join(dirname(workerData.pdfLib), 'core/streams/Stream.js'));
  decodeWhole = (data) => new FlateStream(new BytesStream(data)).decode();
} catch {}
// tsx and esbuild's keepNames wrap functions in __name(): harmless here. (A bundle both
// minified and keeping names calls that helper by another name: the bounded reader then
// throws, and every document goes to pdf-lib, as before it; the verdicts are the same.)
var __name = (target) => target;
const quickInspect = ${quickInspect.toString()};
// Deflate expands at most 1032:1, so a stream that cannot exceed the budget is decoded whole by
// pdf-lib's decoder; a larger one by zlib with the budget as its cap.
const inflateAtMost = (data, max) =>
  decodeWhole && data.length * 1032 <= max
    ? decodeWhole(data)
    : zlib.inflateSync(data, { maxOutputLength: Math.max(1, max) });

// Inflates every Flate stream that is not an image (page contents, forms, fonts, object
// streams) with native zlib and a cap on the total, BEFORE pdf-lib parses anything: a small
// file that inflates to gigabytes is refused in a fraction of a second instead of being
// expanded and tokenised. Images are left alone: scans are legitimately large once decoded.
// Streams are always indirect objects in the file body, so a scan of the raw bytes finds them:
// the dictionary is the text between the object's "obj" keyword and "stream".
function inflatesTooMuch(bytes, limit) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const streams = [];
  let at = 0;
  for (;;) {
    const keyword = buffer.indexOf('stream', at, 'latin1');
    if (keyword < 0) break;
    at = keyword + 6;
    // "endstream", or a word that merely ends in "stream".
    const before = keyword > 0 ? buffer[keyword - 1] : 0x20;
    if ((before >= 0x41 && before <= 0x5a) || (before >= 0x61 && before <= 0x7a)) continue;
    let start = at;
    if (buffer[start] === 0x0d) start += 1;
    if (buffer[start] !== 0x0a) continue;
    start += 1;
    const head = buffer.toString('latin1', Math.max(0, keyword - 4096), keyword);
    const objectAt = head.lastIndexOf('obj');
    const dict = objectAt < 0 ? head : head.slice(objectAt);
    if (dict.indexOf('/FlateDecode') < 0 || /\/Subtype\s*\/Image/.test(dict)) continue;
    const end = buffer.indexOf('endstream', start, 'latin1');
    const data = buffer.subarray(start, end < 0 ? buffer.length : end);
    at = start + data.length;
    streams.push(data);
  }
  // Deflate cannot expand more than 1032:1 (258 bytes from 2 bits): when even that stays under
  // the limit, inflating them would only prove it (each inflateSync costs ~0.3 ms of setup).
  let bound = 0;
  for (const data of streams) bound += data.length * 1032;
  if (bound <= limit) return false;
  let total = 0;
  for (const data of streams) {
    try {
      total += zlib.inflateSync(data, { maxOutputLength: limit - total + 1 }).length;
    } catch (error) {
      if (error && error.code === 'ERR_BUFFER_TOO_LARGE') return true;
      // A damaged stream is the viewer's problem, not a budget one.
    }
    if (total > limit) return true;
  }
  return false;
}

async function inspect(bytes, limits, reader) {
  if (inflatesTooMuch(bytes, limits.maxInflatedBytes)) return { verdict: { kind: 'too_complex', reason: 'inflates' }, by: 'quick' };
  if (reader !== 'pdf-lib') {
    let verdict = null;
    try {
      verdict = quickInspect(bytes, limits, inflateAtMost);
    } catch {
      // A mistake of the bounded reader is never a verdict: pdf-lib decides.
    }
    if (verdict) return { verdict, by: 'quick' };
  }
  return { verdict: await fullInspect(bytes, limits), by: 'pdf-lib' };
}

async function fullInspect(bytes, limits) {
  let doc;
  try {
    doc = await pdfLib.PDFDocument.load(bytes, {
      ignoreEncryption: false,
      updateMetadata: false,
      throwOnInvalidObject: false,
      // No yielding every 100 objects: this thread has nothing else to do, and the parent
      // enforces the time budget by terminating it.
      parseSpeed: Infinity,
    });
  } catch (error) {
    return /encrypt/i.test(String(error && error.message)) ? { kind: 'encrypted' } : { kind: 'unreadable' };
  }
  if (doc.isEncrypted) return { kind: 'encrypted' };
  let pages;
  try {
    pages = doc.getPages();
  } catch {
    return { kind: 'unreadable' };
  }
  if (pages.length < 1) return { kind: 'no_pages' };
  if (pages.length > limits.maxPages) return { kind: 'too_many_pages', pages: pages.length };
  for (let index = 0; index < pages.length; index += 1) {
    let box;
    try {
      box = pages[index].getMediaBox();
    } catch {
      // No MediaBox: readers fall back to a standard page.
      continue;
    }
    const width = Math.abs(box.width);
    const height = Math.abs(box.height);
    if (!Number.isFinite(width) || !Number.isFinite(height) || width === 0 || height === 0) {
      return { kind: 'unreadable' };
    }
    if (Math.max(width, height) > limits.maxPageLong || Math.min(width, height) > limits.maxPageShort) {
      return { kind: 'page_too_large', page: index + 1, width, height };
    }
  }
  return { kind: 'ok', pages: pages.length };
}

// An inspection yields the CPU to the service's event loop (the requests of every other user)
// whenever both want it: this thread's nice value is raised (Linux sets it per thread).
if (workerData.nice) {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) require('node:os').setPriority(tid, workerData.nice);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

// pdf-lib is loaded: the parent may hand out work now.
parentPort.postMessage({ ready: true });

// Documents are read into one buffer kept for the next (a fax is read in a few hundred µs; a
// fresh 300 kB buffer for each was as much again in garbage collection). Only one document is
// inspected at a time, and nothing keeps a view of it: pdf-lib copies what it keeps. Larger
// documents get a buffer of their own, so the one kept stays small.
const keptBytes = 4 * 1024 * 1024;
let kept = Buffer.allocUnsafe(512 * 1024);
function readDocument(path) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > kept.length && size <= keptBytes) kept = Buffer.allocUnsafe(size);
    const into = size <= kept.length ? kept : Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const count = readSync(fd, into, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return into.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

parentPort.on('message', (job) => {
  // Read at once: this thread has nothing else to do meanwhile, and a synchronous read spares
  // the four thread-pool round trips (open, stat, read, close) of a promised one.
  new Promise((resolve) => resolve(job.path ? readDocument(job.path) : job.bytes))
    .then((bytes) => inspect(bytes, job.limits, job.reader))
    .then(
      ({ verdict, by }) => parentPort.postMessage({ id: job.id, verdict, by }),
      () => parentPort.postMessage({ id: job.id, verdict: { kind: 'unreadable' }, by: 'pdf-lib' }),
    );
});
`;
