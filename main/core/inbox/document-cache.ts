import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { InboxStore } from './inbox-store';
import { pageImageInfo, type PageImageInfo } from './page-image';

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

/** Page 1 of a fax rendered ahead by the renderer: the image and what shaped it. */
export interface PageAhead<Meta = unknown> extends PageImageInfo {
  /** What shaped the image (width of the pane, pixel ratio, renderer version); compared on use. */
  key: string;
  meta: Meta;
  image: Buffer;
}

/** A page image is sealed with its own associated data, so it never opens as a document. */
const pageAad = (faxId: string) => `${faxId}\u0000page-1`;
/** Longest header (key and meta as JSON) stored before a page image. */
const maxPageHeader = 4096;

/** Reads a decrypted page record: header length, {key, meta} as JSON, then the image. */
function unpackPage(plain: Buffer): PageAhead | null {
  if (plain.length < 4) return null;
  const headerLength = plain.readUInt32BE(0);
  if (headerLength > maxPageHeader || plain.length <= 4 + headerLength) return null;
  let header: { key?: unknown; meta?: unknown };
  try {
    header = JSON.parse(plain.toString('utf8', 4, 4 + headerLength)) as typeof header;
  } catch {
    return null;
  }
  const image = Buffer.from(plain.subarray(4 + headerLength));
  const info = pageImageInfo(image);
  if (typeof header.key !== 'string' || !info) return null;
  return { ...info, key: header.key, meta: header.meta, image };
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
  /** The key of each page rendered ahead that this process has read or written. */
  private readonly pageKeys = new Map<string, string>();

  constructor(private readonly options: DocumentCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  private path(faxId: string): string {
    return join(this.options.folder, `${Buffer.from(faxId).toString('base64url')}.kfx`);
  }

  private pagePath(faxId: string): string {
    return join(this.options.folder, `${Buffer.from(faxId).toString('base64url')}.p1.kfx`);
  }

  /**
   * Stores page 1 rendered ahead beside a cached document (replacing the one there), sealed
   * like the document. Refused (false) when the document is not cached, or the bytes are not
   * a PNG/WebP of bounded size. Its size counts toward the cache's limit.
   */
  async putPage(faxId: string, key: string, meta: unknown, image: Uint8Array): Promise<boolean> {
    const info = pageImageInfo(image);
    const header = Buffer.from(JSON.stringify({ key, meta }));
    if (!info || header.length > maxPageHeader) return false;
    const documentSize = await stat(this.path(faxId)).then(
      (s) => s.size,
      () => null,
    );
    if (documentSize === null) return false;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    const plain = Buffer.concat([length, header, image]);
    const sealed = sealDocument(this.options.key, pageAad(faxId), plain);
    await writeFileAtomic(this.pagePath(faxId), sealed);
    this.pageKeys.set(faxId, key);
    this.options.store.touchDocument(faxId, documentSize + sealed.length, this.now());
    await this.evict(faxId);
    return true;
  }

  /** Bytes on disk of page 1 rendered ahead (0 when there is none). */
  private async pageSize(faxId: string): Promise<number> {
    return stat(this.pagePath(faxId)).then(
      (s) => s.size,
      () => 0,
    );
  }

  /** Page 1 rendered ahead, or null when absent, damaged (then removed) or not an image. */
  async getPage(faxId: string): Promise<PageAhead | null> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.pagePath(faxId));
    } catch {
      return null;
    }
    const plain = openDocument(this.options.key, pageAad(faxId), sealed);
    const page = plain ? unpackPage(plain) : null;
    if (!page) {
      await this.removePage(faxId);
      return null;
    }
    this.pageKeys.set(faxId, page.key);
    return page;
  }

  /** Whether page 1 is stored for this fax with this key (decrypted once, then remembered). */
  async hasPage(faxId: string, key: string): Promise<boolean> {
    if (!this.pageKeys.has(faxId)) await this.getPage(faxId);
    return this.pageKeys.get(faxId) === key;
  }

  /** Removes page 1 rendered ahead (the document stays). */
  async removePage(faxId: string): Promise<void> {
    this.pageKeys.delete(faxId);
    await rm(this.pagePath(faxId), { force: true });
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
    this.options.store.touchDocument(
      faxId,
      sealed.length + (await this.pageSize(faxId)),
      this.now(),
    );
    return plain;
  }

  /** Stores a document, then evicts the least recently used until under the limit. */
  async put(faxId: string, plain: Uint8Array): Promise<void> {
    await mkdir(this.options.folder, { recursive: true });
    const sealed = sealDocument(this.options.key, faxId, plain);
    await writeFileAtomic(this.path(faxId), sealed);
    this.options.store.touchDocument(
      faxId,
      sealed.length + (await this.pageSize(faxId)),
      this.now(),
    );
    await this.evict(faxId);
  }

  /** Whether a document is cached (without reading it). */
  async has(faxId: string): Promise<boolean> {
    return stat(this.path(faxId)).then(
      () => true,
      () => false,
    );
  }

  /** Removes one document, and page 1 rendered ahead with it. */
  async remove(faxId: string): Promise<void> {
    await rm(this.path(faxId), { force: true });
    await this.removePage(faxId);
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
