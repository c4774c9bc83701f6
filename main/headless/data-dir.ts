import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The web host's data folder: `--data <dir>`, else `~/.kamifax-web`. Its own small module, as
 * start.ts needs it (for the compile cache) before it loads the host.
 */
export function webDataDir(data: unknown): string {
  return typeof data === 'string' ? data : join(homedir(), '.kamifax-web');
}
