import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DocumentCache, openDocument, sealDocument } from '../../../main/core/inbox/document-cache';
import { InboxStore } from '../../../main/core/inbox/inbox-store';

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);

describe('sealed documents', () => {
  const key = randomBytes(32);

  it('round-trips and never stores plaintext', () => {
    const plain = pdf(1000);
    const sealed = sealDocument(key, 'fax-1', plain);
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    expect(openDocument(key, 'fax-1', sealed)?.equals(plain)).toBe(true);
  });

  it('detects a flipped bit, truncation, another key and another fax id', () => {
    const sealed = sealDocument(key, 'fax-1', pdf(100));
    const flipped = Buffer.from(sealed);
    flipped[40]! ^= 1;
    expect(openDocument(key, 'fax-1', flipped)).toBeNull();
    expect(openDocument(key, 'fax-1', sealed.subarray(0, sealed.length - 1))).toBeNull();
    expect(openDocument(randomBytes(32), 'fax-1', sealed)).toBeNull();
    expect(openDocument(key, 'fax-2', sealed)).toBeNull();
    expect(openDocument(key, 'fax-1', Buffer.alloc(3))).toBeNull();
  });
});

describe('DocumentCache', () => {
  let folder: string;
  let store: InboxStore;
  let clock: number;
  let cache: DocumentCache;

  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'kamifax-cache-'));
    folder = join(root, 'documents');
    store = new InboxStore(join(root, 'inbox.sqlite'));
    clock = 1;
    cache = new DocumentCache({
      folder,
      key: randomBytes(32),
      store,
      limitBytes: 25_000,
      now: () => clock++,
    });
  });

  it('treats a tampered file as a miss and removes it', async () => {
    await cache.put('a', pdf(1000));
    const [file] = readdirSync(folder);
    const bytes = readFileSync(join(folder, file!));
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(join(folder, file!), bytes);
    expect(await cache.get('a')).toBeNull();
    expect(await cache.has('a')).toBe(false);
  });

  it('evicts the least recently used documents to keep within the limit', async () => {
    await cache.put('a', pdf(10_000));
    await cache.put('b', pdf(10_000));
    await cache.get('a'); // a is now more recent than b
    await cache.put('c', pdf(10_000));
    expect(await cache.has('a')).toBe(true);
    expect(await cache.has('b')).toBe(false);
    expect(await cache.has('c')).toBe(true);
    const total = store.cachedDocuments().reduce((sum, d) => sum + d.size, 0);
    expect(total).toBeLessThanOrEqual(25_000);
  });

  it('leaves no plaintext PDF anywhere in its folder', async () => {
    for (const id of ['a', 'b']) await cache.put(id, pdf(500));
    for (const file of readdirSync(folder)) {
      expect(readFileSync(join(folder, file)).includes(Buffer.from('%PDF'))).toBe(false);
    }
  });
});
