import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isWebBuildStale,
  newestMtime,
  stampName,
  writeWebBuildStamp,
} from '../../../main/headless/web-build-stamp';

const at = (seconds: number) => new Date(seconds * 1000);

describe('web build staleness', () => {
  let root: string;
  let out: string;
  let sources: string[];
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kamifax-perf-stamp-'));
    out = join(root, 'out/web');
    await mkdir(join(root, 'renderer/src/deep'), { recursive: true });
    await mkdir(out, { recursive: true });
    await writeFile(join(root, 'renderer/src/deep/a.tsx'), 'a');
    await writeFile(join(root, 'vite.web.config.ts'), 'c');
    for (const path of ['renderer/src/deep/a.tsx', 'renderer/src/deep', 'renderer/src', 'renderer'])
      await utimes(join(root, path), at(1000), at(1000));
    await utimes(join(root, 'vite.web.config.ts'), at(900), at(900));
    sources = [join(root, 'renderer'), join(root, 'vite.web.config.ts'), join(root, 'missing')];
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('finds the newest time deep in a folder and ignores missing paths', async () => {
    await utimes(join(root, 'renderer/src/deep/a.tsx'), at(2000), at(2000));
    expect(await newestMtime(sources)).toBe(2000_000);
  });

  it('is stale without a stamp, and after a garbled one', async () => {
    expect(await isWebBuildStale(out, sources)).toBe(true);
    await writeFile(join(out, stampName), 'garbage');
    expect(await isWebBuildStale(out, sources)).toBe(true);
  });

  it('is fresh after a stamp of the sources, stale once any source is newer', async () => {
    await writeWebBuildStamp(out, await newestMtime(sources));
    expect(await isWebBuildStale(out, sources)).toBe(false);
    await utimes(join(root, 'vite.web.config.ts'), at(1001), at(1001));
    expect(await isWebBuildStale(out, sources)).toBe(true);
  });

  it('counts an edit deep in the tree', async () => {
    await writeWebBuildStamp(out, await newestMtime(sources));
    await utimes(join(root, 'renderer/src/deep/a.tsx'), at(1500), at(1500));
    expect(await isWebBuildStale(out, sources)).toBe(true);
  });
});
