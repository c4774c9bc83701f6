import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentStore, IncomingDocument } from './storage';

/** How much of the start of an incoming document is kept in memory (to tell a PDF). */
const headBytes = 1024;
/** Bytes of an incoming document gathered before they are written. */
const batchBytes = 256 * 1024;

/**
 * Documents as files: written to a temporary name, fsynced, then renamed into place. A
 * temporary file left by a crash is never renamed, so each start removes them.
 */
export class FileDocuments implements DocumentStore {
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    for (const name of readdirSync(folder))
      if (/^\.[0-9a-f-]{36}\.tmp$/.test(name)) rmSync(join(folder, name), { force: true });
  }

  async put(bytes: Uint8Array): Promise<string> {
    const id = randomUUID();
    const temporary = join(this.folder, `.${id}.tmp`);
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

  async receive(
    chunks: AsyncIterable<Uint8Array>,
    onChunk?: (chunk: Uint8Array) => void,
  ): Promise<IncomingDocument> {
    const id = randomUUID();
    const temporary = join(this.folder, `.${id}.tmp`);
    const final = this.path(id);
    const handle = await open(temporary, 'wx', 0o600);
    let size = 0;
    const head: Buffer[] = [];
    let headSize = 0;
    // Chunks arrive at a few kB each; they are written in batches (one system call each) of
    // about `batchBytes`, which bounds what one upload holds in memory.
    let batch: Uint8Array[] = [];
    let batchSize = 0;
    try {
      for await (const chunk of chunks) {
        onChunk?.(chunk);
        if (headSize < headBytes) {
          const part = Buffer.from(chunk.subarray(0, headBytes - headSize));
          head.push(part);
          headSize += part.length;
        }
        size += chunk.length;
        // A chunk shorter than a multipart boundary may be a view of the parser's look-behind
        // buffer, which it reuses: that one is copied before it is held.
        batch.push(chunk.length < 256 ? Buffer.from(chunk) : chunk);
        batchSize += chunk.length;
        if (batchSize >= batchBytes) {
          await handle.writev(batch);
          batch = [];
          batchSize = 0;
        }
      }
      if (batch.length > 0) await handle.writev(batch);
    } catch (error: unknown) {
      await handle.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
    let flushed: Promise<void> | null = null;
    let kept: Promise<string> | null = null;
    const flush = async () => {
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    };
    return {
      path: temporary,
      size,
      head: Buffer.concat(head),
      flush: () => (flushed ??= flush()),
      keep: () =>
        (kept ??= (flushed ??= flush()).then(async () => {
          await rename(temporary, final);
          return id;
        })),
      discard: async () => {
        // Wait for a flush or keep under way, so nothing brings the file back afterwards.
        await (kept ?? flushed ?? handle.close()).catch(() => undefined);
        await rm(temporary, { force: true });
        await rm(final, { force: true });
      },
    };
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
