import { mkdir, writeFile } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { existsSync } from 'node:fs';
import type { FileDialogs } from '../core/files/file-handlers';
import { AppError } from '../core/rpc/app-error';

/**
 * Dialogs for the headless host, which has no desktop to show them on. Opening is left to
 * the browser's own file picker in the page (the error code tells the page to use it);
 * saving writes into `<data>/Saved faxes/` under a name that never overwrites.
 */
export function headlessDialogs(dataDir: string): FileDialogs & { shownPaths: string[] } {
  const shownPaths: string[] = [];
  return {
    shownPaths,
    async pickPdf() {
      throw new AppError('unsupported_on_host', 'Use the browser file picker on the headless host');
    },
    async savePdf(suggestedName, bytes) {
      const folder = join(dataDir, 'Saved faxes');
      await mkdir(folder, { recursive: true });
      const { name, ext } = parse(suggestedName);
      let path = join(folder, suggestedName);
      for (let n = 2; existsSync(path); n += 1) path = join(folder, `${name} (${n})${ext}`);
      await writeFile(path, bytes, { flag: 'wx' });
      return path;
    },
    async showInFolder(path) {
      shownPaths.push(path);
    },
  };
}
