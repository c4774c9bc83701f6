import type { Handlers } from '../rpc/router';
import { AppError } from '../rpc/app-error';
import { OpenedFiles } from './opened-files';

/** A file the user picked to open. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
  /** Where it is, when the host read it from disk (kept in main, never sent to the page). */
  path?: string;
}

/** The host's file dialogs. On the headless host there is no native dialog: see its adapter. */
export interface FileDialogs {
  /** Asks the user for a PDF; null when they cancel. */
  pickPdf(): Promise<PickedFile | null>;
  /** Asks where to save (or, headless, chooses a folder of its own); returns the path or null. */
  savePdf(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  /** Reveals a saved file in the OS file manager. */
  showInFolder(path: string): Promise<void>;
  /** Asks where to save any file (the privacy export); absent where the page downloads instead. */
  saveFile?(
    suggestedName: string,
    bytes: Uint8Array,
    filter: { name: string; extensions: string[] },
  ): Promise<string | null>;
}

type FileChannels = 'files:openPdf' | 'files:savePdf' | 'files:showInFolder';

/**
 * Open and save through main's dialogs. Only paths this session saved can be revealed, so a
 * compromised page cannot probe the file system through `showInFolder`.
 */
export function fileHandlers(
  dialogs: FileDialogs,
  opened: OpenedFiles = new OpenedFiles(),
): Pick<Handlers, FileChannels> {
  const savedPaths = new Set<string>();
  return {
    'files:openPdf': async () => {
      const file = await dialogs.pickPdf();
      if (!file) return { file: null };
      // Forward names this id; main makes the draft from the file it opened.
      const openedId = opened.remember(
        file.path ? { name: file.name, path: file.path } : { name: file.name, bytes: file.bytes },
      );
      return { file: { name: file.name, bytes: file.bytes, openedId } };
    },
    'files:savePdf': async ({ suggestedName, bytes }) => {
      // Control characters and path separators never reach a file name.
      // eslint-disable-next-line no-control-regex
      const safeName = suggestedName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
      const path = await dialogs.savePdf(
        safeName.endsWith('.pdf') ? safeName : `${safeName}.pdf`,
        bytes,
      );
      if (path) savedPaths.add(path);
      return { path };
    },
    'files:showInFolder': async ({ path }) => {
      if (!savedPaths.has(path))
        throw new AppError('not_saved_here', 'Only files saved by Kamifax can be shown');
      await dialogs.showInFolder(path);
      return { shown: true };
    },
  };
}
