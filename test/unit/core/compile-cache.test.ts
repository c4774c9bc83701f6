import { spawnSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableCompileCache } from '../../../main/core/compile-cache';

const nodeHasIt =
  typeof (nodeModule as unknown as { enableCompileCache?: unknown }).enableCompileCache ===
  'function';

describe('the compile cache a host turns on at start', () => {
  it('is nothing on a Node without one (Node 20), and says so', () => {
    expect(enableCompileCache('/nowhere', undefined)).toEqual({ status: 'unsupported' });
  });

  it('never throws: a failure or refusal leaves the start going without a cache', () => {
    const refused = () => {
      throw new Error('EACCES: the data folder is read-only');
    };
    expect(enableCompileCache('/read-only', refused)).toEqual({
      status: 'failed',
      message: 'EACCES: the data folder is read-only',
    });
    expect(enableCompileCache('/x', () => ({ status: 0, message: 'cannot create' }))).toEqual({
      status: 'failed',
      message: 'cannot create',
    });
    expect(enableCompileCache('/x', () => ({ status: 1 })).status).toBe('enabled');
    expect(enableCompileCache('/x', () => ({ status: 2 })).status).toBe('already enabled');
  });

  // Node's own cache: written at the first start, read at the next, and a damaged entry is
  // ignored. Only a Node that has it can show this (Electron 45's main runs Node 22).
  // Node 20 (CI's and the build machine's) has none: this part is skipped there, by name.
  describe.skipIf(!nodeHasIt)(
    `on a Node with a compile cache (≥ 22.1, as Electron 45's main; this is ${process.versions.node})`,
    () => {
      let work = '';
      beforeAll(async () => {
        work = await mkdtemp(join(tmpdir(), 'kamifax-compile-cache-'));
        await writeFile(
          join(work, 'host.mjs'),
          "export const answer = [1, 2, 3].map((n) => n * 2).reduce((a, b) => a + b, 0);\nconsole.log('host ' + answer);\n",
        );
        const helper = pathToFileURL(join(process.cwd(), 'main/core/compile-cache.ts')).href;
        await writeFile(
          join(work, 'boot.mjs'),
          `const { enableCompileCache } = await import(${JSON.stringify(helper)});\n` +
            `console.log('cache ' + enableCompileCache(process.argv[2]).status);\n` +
            `await import('./host.mjs');\n`,
        );
      });
      afterAll(async () => {
        await rm(work, { recursive: true, force: true });
      });
      const start = (cache: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', join(work, 'boot.mjs'), cache], {
          encoding: 'utf8',
        });

      it('is written at the first start, used at the next, and a damaged one is ignored', async () => {
        const cache = join(work, 'code-cache');
        const first = start(cache);
        expect(first.stdout).toContain('cache enabled');
        expect(first.stdout).toContain('host 12');
        const files = await readdir(cache, { recursive: true });
        expect(files.length).toBeGreaterThan(0);
        expect(start(cache).stdout).toContain('host 12');
        // Every entry damaged: the start still runs the host.
        for (const file of await readdir(cache, { recursive: true, withFileTypes: true }))
          if (file.isFile()) await writeFile(join(file.parentPath, file.name), 'not a cache');
        const damaged = start(cache);
        expect(damaged.status).toBe(0);
        expect(damaged.stdout).toContain('host 12');
      });
    },
  );
});
