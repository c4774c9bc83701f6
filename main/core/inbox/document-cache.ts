import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { InboxStore } from './inbox-store';

const ivLength = 12;
const tagLength = 16;
const magic = Buffer.from('KFX1');

/** Encrypts a document with AES-256-GCM; the fax id is bound in as associated data. */
export function sealDocument(key: Buffer, faxId: string, plain: Uint8Array): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(faxId));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([magic, iv, body, cipher.getAuthTag()]);
}

/**
 * Decrypts and authenticates a sealed document. Returns null when anything was changed:
 * one flipped bit, a truncated file, or a file copied over from another fax.
 */
export function openDocument(key: Buffer, faxId: string, sealed: Buffer): Buffer | null {
  if (sealed.length < magic.length + ivLength + tagLength || !sealed.subarray(0, 4).equals(magic))
    return null;
  const iv = sealed.subarray(4, 4 + ivLength);
  const tag = sealed.subarray(sealed.length - tagLength);
  const body = sealed.subarray(4 + ivLength, sealed.length - tagLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(faxId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

/** Where the cache lives and how big it may grow. */
export interface DocumentCacheOptions {
  folder: string;
  key: Buffer;
  store: InboxStore;
  /** Bytes on disk at most; least recently used documents go first. */
  limitBytes: number;
  now?: () => number;
}

/**
 * Fax documents cached on disk, encrypted at rest with the account's data key (kept in the
 * keychain). A damaged or tampered file reads as a miss, so the caller downloads it again.
 */
export class DocumentCache {
  private readonly now: () => number;

  constructor(private readonly options: DocumentCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  private path(faxId: string): string {
    return join(this.options.folder, `${Buffer.from(faxId).toString('base64url')}.kfx`);
  }

  /** The plaintext document, or null when absent or damaged (the damaged file is removed). */
  async get(faxId: string): Promise<Buffer | null> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.path(faxId));
    } catch {
      return null;
    }
    const plain = openDocument(this.options.key, faxId, sealed);
    if (!plain) {
      await this.remove(faxId);
      return null;
    }
    this.options.store.touchDocument(faxId, sealed.length, this.now());
    return plain;
  }

  /** Stores a document, then evicts the least recently used until under the limit. */
  async put(faxId: string, plain: Uint8Array): Promise<void> {
    await mkdir(this.options.folder, { recursive: true });
    const sealed = sealDocument(this.options.key, faxId, plain);
    await writeFileAtomic(this.path(faxId), sealed);
    this.options.store.touchDocument(faxId, sealed.length, this.now());
    await this.evict(faxId);
  }

  /** Whether a document is cached (without reading it). */
  async has(faxId: string): Promise<boolean> {
    return stat(this.path(faxId)).then(
      () => true,
      () => false,
    );
  }

  /** Removes one document. */
  async remove(faxId: string): Promise<void> {
    await rm(this.path(faxId), { force: true });
    this.options.store.forgetDocument(faxId);
  }

  /** Removes every cached document. */
  async clear(): Promise<void> {
    for (const { faxId } of this.options.store.cachedDocuments()) await this.remove(faxId);
    await rm(this.options.folder, { recursive: true, force: true });
  }

  private async evict(keep: string): Promise<void> {
    const documents = this.options.store.cachedDocuments();
    let total = documents.reduce((sum, d) => sum + d.size, 0);
    for (const document of documents) {
      if (total <= this.options.limitBytes) break;
      if (document.faxId === keep) continue;
      await this.remove(document.faxId);
      total -= document.size;
    }
  }
}
