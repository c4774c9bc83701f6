import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { DocumentCache } from '../../../main/core/inbox/document-cache';
import { InboxStore } from '../../../main/core/inbox/inbox-store';
import { pageImageInfo } from '../../../main/core/inbox/page-image';

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  // The CRC is not checked by the header reader; a real one is not needed here.
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

/** A grey PNG of the given size (rows of random bytes, so it does not compress to nothing). */
function png(width: number, height: number, rowBytes = width): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((rowBytes + 1) * Math.min(height, 64));
  randomBytes(rows.length).copy(rows);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A lossless WebP header of the given size (the body is not decoded by main). */
function webp(width: number, height: number): Buffer {
  const body = Buffer.alloc(30);
  body.write('VP8L', 0, 'latin1');
  body.writeUInt32LE(21, 4);
  body[8] = 0x2f;
  body.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 9);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + body.length, 4);
  riff.write('WEBP', 8, 'latin1');
  return Buffer.concat([riff, body]);
}

const meta = { paneWidth: 812, devicePixelRatio: 1 };

describe('page images main accepts', () => {
  it('reads PNG and WebP sizes from their headers', () => {
    expect(pageImageInfo(png(1224, 1584))).toEqual({
      type: 'image/png',
      width: 1224,
      height: 1584,
    });
    expect(pageImageInfo(webp(800, 1000))).toEqual({
      type: 'image/webp',
      width: 800,
      height: 1000,
    });
  });

  it('refuses anything else, and images too large in bytes or pixels', () => {
    expect(pageImageInfo(randomBytes(2000))).toBeNull();
    expect(pageImageInfo(Buffer.from('%PDF-1.7 not an image at all, not at all'))).toBeNull();
    expect(pageImageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(60)]))).toBeNull();
    expect(pageImageInfo(png(16_384, 16_384, 1))).toBeNull(); // 268 Mpx
    expect(pageImageInfo(png(20_000, 10, 1))).toBeNull();
    expect(pageImageInfo(png(0, 10))).toBeNull();
    const huge = Buffer.concat([png(100, 100), Buffer.alloc(8 * 1024 * 1024)]);
    expect(pageImageInfo(huge)).toBeNull();
    expect(pageImageInfo(png(100, 100).subarray(0, 20))).toBeNull();
  });
});

describe('page 1 rendered ahead, in the document cache', () => {
  let folder: string;
  let store: InboxStore;
  let cache: DocumentCache;
  let clock: number;
  const key = randomBytes(32);

  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'kamifax-pages-'));
    folder = join(root, 'documents');
    store = new InboxStore(join(root, 'inbox.sqlite'));
    clock = 1;
    cache = new DocumentCache({ folder, key, store, limitBytes: 200_000, now: () => clock++ });
  });

  it('is stored encrypted beside its document and read back with its key and meta', async () => {
    const image = png(600, 800);
    await cache.put('fax-1', pdf(1000));
    expect(await cache.putPage('fax-1', 'v1:w812:d1', meta, image)).toBe(true);
    const files = readdirSync(folder);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const bytes = readFileSync(join(folder, file));
      expect(bytes.includes(Buffer.from('IHDR'))).toBe(false);
      expect(bytes.includes(Buffer.from('paneWidth'))).toBe(false);
    }
    const page = await cache.getPage('fax-1');
    expect(page).toMatchObject({ key: 'v1:w812:d1', meta, width: 600, height: 800 });
    expect(page?.image.equals(image)).toBe(true);
    expect(await cache.hasPage('fax-1', 'v1:w812:d1')).toBe(true);
    expect(await cache.hasPage('fax-1', 'v1:w900:d1')).toBe(false);
    // Its size counts toward the cache's limit.
    const [row] = store.cachedDocuments();
    expect(row?.size).toBeGreaterThan(image.length);
  });

  it('is refused without a cached document, or when it is not a bounded image', async () => {
    expect(await cache.putPage('fax-1', 'v1:w812:d1', meta, png(10, 10))).toBe(false);
    await cache.put('fax-1', pdf(100));
    expect(await cache.putPage('fax-1', 'k', meta, randomBytes(5000))).toBe(false);
    expect(await cache.putPage('fax-1', 'k', meta, png(16_384, 16_384, 1))).toBe(false);
    expect(await cache.putPage('fax-1', 'k', { big: 'x'.repeat(5000) }, png(10, 10))).toBe(false);
    expect(await cache.getPage('fax-1')).toBeNull();
  });

  it('is a miss when tampered with or swapped for another fax, and the file goes', async () => {
    await cache.put('a', pdf(100));
    await cache.put('b', pdf(100));
    await cache.putPage('a', 'k', meta, png(20, 20));
    await cache.putPage('b', 'k', meta, png(30, 30));
    const name = (id: string) => `${Buffer.from(id).toString('base64url')}.p1.kfx`;
    // A page file copied over another fax's does not open as that fax's page.
    writeFileSync(join(folder, name('b')), readFileSync(join(folder, name('a'))));
    expect(await cache.getPage('b')).toBeNull();
    const bytes = readFileSync(join(folder, name('a')));
    bytes[bytes.length - 3]! ^= 1;
    writeFileSync(join(folder, name('a')), bytes);
    expect(await cache.getPage('a')).toBeNull();
    expect(readdirSync(folder).filter((f) => f.endsWith('.p1.kfx'))).toEqual([]);
    // A page never opens as the document, nor the document as a page.
    expect((await cache.get('a'))?.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('goes with its document: removed, evicted, cleared', async () => {
    await cache.put('a', pdf(1000));
    await cache.putPage('a', 'k', meta, png(50, 50));
    await cache.remove('a');
    expect(await cache.getPage('a')).toBeNull();
    expect(readdirSync(folder)).toEqual([]);

    await cache.put('old', pdf(1000));
    await cache.putPage('old', 'k', meta, png(50, 50));
    // Three large documents push the oldest (and its page) out of the 200 kB cache.
    for (const id of ['n1', 'n2', 'n3']) await cache.put(id, pdf(80_000));
    expect(await cache.has('old')).toBe(false);
    expect(await cache.getPage('old')).toBeNull();
    expect(readdirSync(folder).some((f) => f.endsWith('.p1.kfx'))).toBe(false);

    await cache.putPage('n3', 'k', meta, png(50, 50));
    await cache.clear();
    expect(await cache.getPage('n3')).toBeNull();
    expect(await cache.has('n3')).toBe(false);
  });

  it('can be dropped alone, leaving the document', async () => {
    await cache.put('a', pdf(100));
    await cache.putPage('a', 'k', meta, png(50, 50));
    await cache.removePage('a');
    expect(await cache.getPage('a')).toBeNull();
    expect(await cache.has('a')).toBe(true);
  });
});
