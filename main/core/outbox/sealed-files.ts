import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { openDocument, sealDocument } from '../inbox/document-cache';

/**
 * Documents of drafts and sends, each a file in the account folder encrypted with the
 * account's data key (like the inbox's document cache), written atomically so a crash never
 * leaves half a file. The file name is bound into the encryption, so files cannot be swapped.
 */
export class SealedFiles {
  constructor(
    private readonly folder: string,
    private readonly key: Buffer,
  ) {}

  /** Stores bytes under a name (letters, digits, dashes). */
  async put(name: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFileAtomic(join(this.folder, this.file(name)), sealDocument(this.key, name, bytes));
  }

  /** The bytes, or null when missing, damaged or tampered with. */
  async get(name: string): Promise<Buffer | null> {
    try {
      return openDocument(this.key, name, await readFile(join(this.folder, this.file(name))));
    } catch {
      return null;
    }
  }

  /** Removes a file; missing is fine. */
  async remove(name: string): Promise<void> {
    await rm(join(this.folder, this.file(name)), { force: true });
  }

  private file(name: string): string {
    if (!/^[\w-]+$/.test(name)) throw new Error(`Bad document name ${name}`);
    return `${name}.kfx`;
  }
}
