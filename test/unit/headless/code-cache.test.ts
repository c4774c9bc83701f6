import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  codeCacheOfThisHost,
  runWithCodeCache,
  saveCodeCacheAfterStartup,
} from '../../../main/headless/code-cache';

/** What the test's "host" leaves behind when its top level runs. */
type Ran = { answer: number; filename: string; dirname: string; sep: string; exports: boolean };
const ranKey = 'kamifaxCodeCacheTestRan';
const ran = () => (globalThis as Record<string, unknown>)[ranKey] as Ran | undefined;

// A CommonJS "host": it needs require, module, __filename and __dirname, as the built one does.
const host = (variant = '') => `${variant}
const { sep } = require('node:path');
function sum(values) { return values.reduce((a, b) => a + b, 0); }
module.exports.ready = true;
globalThis.${ranKey} = {
  answer: sum([1, 2, 3].map((n) => n * 7)),
  filename: __filename,
  dirname: __dirname,
  sep,
  exports: module.exports.ready === true,
};
`;

describe("the built host's V8 code cache (vm.Script cachedData in the data folder)", () => {
  let work = '';
  let file = '';
  let cacheDir = '';
  let cacheFile = '';
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'kamifax-code-cache-'));
    file = join(work, 'host.cjs');
    cacheDir = join(work, 'data', 'code-cache');
    cacheFile = join(cacheDir, 'host.cjs.v8-cache');
    await writeFile(file, host());
    delete (globalThis as Record<string, unknown>)[ranKey];
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** Runs the host as a start does; says what the cache did and checks the host ran whole. */
  const start = (dir: string | null = cacheDir) => {
    delete (globalThis as Record<string, unknown>)[ranKey];
    const run = runWithCodeCache(file, dir);
    expect(ran()).toEqual({ answer: 42, filename: file, dirname: work, sep, exports: true });
    expect(codeCacheOfThisHost()).toBe(run);
    return run;
  };

  it('is written after a first start, used by the next, and not written again', async () => {
    const first = start();
    expect(first.status).toBe('none yet');
    expect(await first.save()).toBe('written');
    const bytes = await readFile(cacheFile);
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString()) as Record<
      string,
      string
    >;
    expect(header).toMatchObject({
      node: process.version,
      v8: process.versions.v8,
      arch: process.arch,
      source: createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    });
    const second = start();
    expect(second.status).toBe('used');
    const written = (await stat(cacheFile)).mtimeMs;
    expect(await second.save()).toBe('kept (this start used it)');
    expect((await stat(cacheFile)).mtimeMs).toBe(written);
  });

  it('is taken by V8 in a new process (a restart), not refused', { timeout: 60_000 }, async () => {
    await start().save();
    const helper = pathToFileURL(join(process.cwd(), 'main/headless/code-cache.ts')).href;
    const restart = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { runWithCodeCache } = await import(${JSON.stringify(helper)});\n` +
          `console.log(runWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)}).status, globalThis.${ranKey}.answer);`,
      ],
      { encoding: 'utf8' },
    );
    expect(restart.stderr).toBe('');
    expect(restart.stdout.trim()).toBe('used 42');
  });

  it('ignores a damaged cache (the start runs without it) and writes a whole one after', async () => {
    await start().save();
    const bytes = await readFile(cacheFile);
    // One byte of V8's data changed: its hash in the header no longer matches.
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    await writeFile(cacheFile, bytes);
    const damaged = start();
    expect(damaged.status).toBe('ignored: damaged');
    expect(await damaged.save()).toBe('written');
    expect(start().status).toBe('used');
    // Not a cache at all, or cut short.
    await writeFile(cacheFile, 'not a cache');
    expect(start().status).toBe('ignored: damaged');
    await writeFile(cacheFile, bytes.subarray(0, 100));
    expect(start().status).toBe('ignored: damaged');
  });

  it('ignores a cache made for another build of the host or another Node', async () => {
    await start().save();
    // The host rebuilt (same length, other code): V8's own check would not see it.
    await writeFile(file, host('// B'));
    const rebuilt = start();
    expect(rebuilt.status).toBe('ignored: another build or Node');
    expect(await rebuilt.save()).toBe('written');
    expect(start().status).toBe('used');
    const bytes = await readFile(cacheFile);
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, end).toString()) as Record<string, string>;
    await writeFile(
      cacheFile,
      Buffer.concat([
        Buffer.from(`${JSON.stringify({ ...header, node: 'v18.0.0' })}\n`),
        bytes.subarray(end + 1),
      ]),
    );
    expect(start().status).toBe('ignored: another build or Node');
  });

  it('never stops a start: data V8 refuses, a folder that cannot be read or written, no folder', async () => {
    // Whole by our header (its hash matches) but not V8's data: V8 refuses it, the host runs.
    // (A source this process never compiled: V8 would take a compiled one from its memory.)
    await writeFile(file, host('// never compiled here'));
    const junk = Buffer.from('x'.repeat(4096));
    const header = {
      magic: 'kamifax-code-cache 1',
      node: process.version,
      v8: process.versions.v8,
      arch: process.arch,
      source: createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
      data: createHash('sha256').update(junk).digest('hex'),
    };
    await mkdir(cacheDir, { recursive: true });
    await writeFile(cacheFile, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), junk]));
    const refused = start();
    expect(refused.status).toBe('rejected by V8');
    expect(await refused.save()).toBe('written');
    expect(start().status).toBe('used');
    // A file where the folder would go.
    await writeFile(join(work, 'not-a-folder'), '');
    const blocked = start(join(work, 'not-a-folder'));
    expect(blocked.status).toBe('ignored: unreadable');
    expect(await blocked.save()).toMatch(/^not written \(/);
    // No folder at all (the cold case): nothing read, nothing written.
    const off = start(null);
    expect(off.status).toBe('off');
    expect(await off.save()).toBe('off');
  });

  it('is written once start-up is over, not before, and only by a start that had none', async () => {
    const run = start();
    let over: () => void = () => undefined;
    const reports: string[] = [];
    saveCodeCacheAfterStartup(
      new Promise<void>((resolve) => (over = resolve)),
      (what) => reports.push(what),
      10,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports).toEqual([]);
    over();
    await expect.poll(() => reports).toEqual(['written']);
    expect(run.status).toBe('none yet');
    // A start that used it writes nothing.
    start();
    const again: string[] = [];
    saveCodeCacheAfterStartup(Promise.resolve(), (what) => again.push(what), 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again).toEqual([]);
  });
});
