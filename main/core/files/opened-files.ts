import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { maxDocumentBytes } from '../../../preload/contract';
import { AppError } from '../rpc/app-error';

/** A file the host opened for the viewer: where it is, or its bytes where it has no path. */
export interface OpenedFile {
  name: string;
  path?: string;
  bytes?: Uint8Array;
}

/**
 * The PDFs this session opened through main's "Open a PDF…" dialog, each under an opaque id
 * the page gets with the file. Forward from the viewer names the id, and main makes the draft
 * from the file it opened (read again from its path), so the page never hands a path to main
 * and cannot name one it was not given. The last few are kept, for this session only.
 */
export class OpenedFiles {
  private readonly files = new Map<string, OpenedFile>();

  constructor(private readonly keep = 8) {}

  /** Remembers an opened file; returns its id. */
  remember(file: OpenedFile): string {
    const id = randomUUID();
    this.files.set(id, file);
    while (this.files.size > this.keep) this.files.delete(this.files.keys().next().value!);
    return id;
  }

  /** The file as it is now (`file_unreadable` when gone or never opened here). */
  async read(id: string): Promise<{ name: string; bytes: Uint8Array }> {
    const file = this.files.get(id);
    if (!file) throw new AppError('file_unreadable', 'That file was not opened in this session');
    if (!file.path) {
      if (!file.bytes) throw new AppError('file_unreadable', 'The opened file is gone');
      return { name: file.name, bytes: file.bytes };
    }
    try {
      if ((await stat(file.path)).size > maxDocumentBytes)
        throw new AppError('file_too_large', 'File too large');
      return { name: file.name, bytes: new Uint8Array(await readFile(file.path)) };
    } catch (error: unknown) {
      if (error instanceof AppError) throw error;
      throw new AppError('file_unreadable', 'The opened file can no longer be read');
    }
  }
}
