import * as nodeModule from 'node:module';

/** What became of the request for a compile cache. */
export type CompileCacheStatus = 'enabled' | 'already enabled' | 'unsupported' | 'failed';

/** Node's `module.enableCompileCache` (Node ≥ 22.1), absent from Node 20. */
type EnableCompileCache = (directory: string) => { status: number; message?: string };

/**
 * Keeps V8's compiled code of every module loaded after this call in `directory` (the user's
 * data folder), so a restart deserialises the host's ~1.9 MB instead of compiling it again:
 * Node's own compile cache, `module.enableCompileCache`. Electron 45's main process runs Node 22
 * and has it; Node 20 does not (the headless host there compiles at every start, as before).
 * Node keys each entry by the file's path and content hash and checks it when read, so an
 * entry from another build or a damaged one is ignored and written again. Whatever happens,
 * this never throws: the start goes on without a cache.
 */
export function enableCompileCache(
  directory: string,
  enable: EnableCompileCache | undefined = (
    nodeModule as unknown as { enableCompileCache?: EnableCompileCache }
  ).enableCompileCache,
): { status: CompileCacheStatus; message?: string } {
  if (typeof enable !== 'function') return { status: 'unsupported' };
  try {
    const result = enable(directory);
    const codes = (
      nodeModule as unknown as {
        constants?: { compileCacheStatus?: Record<string, number> };
      }
    ).constants?.compileCacheStatus;
    if (result.status === (codes?.ENABLED ?? 1)) return { status: 'enabled' };
    if (result.status === (codes?.ALREADY_ENABLED ?? 2)) return { status: 'already enabled' };
    return { status: 'failed', message: result.message };
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Where a host keeps its compile cache inside the user's data folder. */
export const compileCacheFolder = 'code-cache';
