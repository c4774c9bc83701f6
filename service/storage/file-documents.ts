import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentStore } from './storage';

/**
 * Documents as files: written to a temporary name, fsynced, then renamed into place (an
 * upload is written there by the upload worker, `upload-reader.ts`). A temporary file left by
 * a crash is never renamed, so each start removes them.
 */
export class FileDocuments implements DocumentStore {
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    for (const name of readdirSync(folder))
      if (/^\.[0-9a-f-]{36}\.tmp$/.test(name)) rmSync(join(folder, name), { force: true });
  }

  async put(bytes: Uint8Array): Promise<string> {
    const id = randomUUID();
    const temporary = this.temporaryPath(id);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path(id));
    return id;
  }

  temporaryPath(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad document id');
    return join(this.folder, `.${id}.tmp`);
  }

  path(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad document id');
    return join(this.folder, `${id}.pdf`);
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.path(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}
