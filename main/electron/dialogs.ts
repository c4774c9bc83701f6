import { dialog, shell, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { maxDocumentBytes } from '../../preload/contract';
import type { FileDialogs } from '../core/files/file-handlers';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { AppError } from '../core/rpc/app-error';

/** Native open and save dialogs, parented to the main window. */
export function electronDialogs(getWindow: () => BrowserWindow | null): FileDialogs {
  return {
    async pickPdf() {
      const window = getWindow();
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      const info = await stat(path);
      if (info.size > maxDocumentBytes) throw new AppError('file_too_large', 'File too large');
      try {
        return { name: basename(path), bytes: new Uint8Array(await readFile(path)), path };
      } catch {
        throw new AppError('file_unreadable', 'File unreadable');
      }
    },
    async savePdf(suggestedName, bytes) {
      const window = getWindow();
      const options = {
        defaultPath: suggestedName,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await writeFileAtomic(result.filePath, bytes);
      return result.filePath;
    },
    async saveFile(suggestedName, bytes, filter) {
      const window = getWindow();
      const options = { defaultPath: suggestedName, filters: [filter] };
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await writeFileAtomic(result.filePath, bytes);
      return result.filePath;
    },
    async showInFolder(path) {
      shell.showItemInFolder(path);
    },
  };
}
