/**
 * Decides whether the web build (`out/web`) is older than its sources, so `npm run start:web`
 * runs Vite (2 s) only when something it builds from has changed.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The stamp's file name inside the build folder; Vite empties the folder, so it is written after. */
export const stampName = '.kamifax-build-stamp';

/** The newest modification time (ms) of the given files and everything under the given folders; 0 when none exist. */
export async function newestMtime(paths: readonly string[]): Promise<number> {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) continue;
    const entries = await readdir(path, { withFileTypes: true });
    const children = entries
      .filter((entry) => entry.name !== 'node_modules')
      .map((entry) => join(path, entry.name));
    newest = Math.max(newest, await newestMtime(children));
  }
  return newest;
}

/**
 * True when the build must run: no stamp, an unreadable stamp, or a source newer than the
 * source time the stamp recorded (the time taken before the build, so an edit made during a
 * build still counts as newer).
 */
export async function isWebBuildStale(
  outDir: string,
  sources: readonly string[],
): Promise<boolean> {
  const text = await readFile(join(outDir, stampName), 'utf8').catch(() => '');
  const built = Number(text.trim());
  if (!text || !Number.isFinite(built)) return true;
  return (await newestMtime(sources)) > built;
}

/** Records, after a successful build, the newest source time that build saw. */
export async function writeWebBuildStamp(outDir: string, sourcesTime: number): Promise<void> {
  await writeFile(join(outDir, stampName), `${sourcesTime}\n`);
}
