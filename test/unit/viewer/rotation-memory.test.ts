import { describe, expect, it } from 'vitest';
import {
  loadRotation,
  noRotation,
  pageRotation,
  rotateDocument,
  rotatePage,
  saveRotation,
  type KeyValueStore,
} from '../../../renderer/src/viewer/rotation-memory';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('rotation memory', () => {
  it('turns the document and single pages, and combines them per page', () => {
    let rotation = rotateDocument(noRotation, 90);
    rotation = rotatePage(rotation, 3, 90);
    expect(pageRotation(rotation, 1)).toBe(90);
    expect(pageRotation(rotation, 3)).toBe(180);
    rotation = rotateDocument(rotation, -90);
    expect(pageRotation(rotation, 3)).toBe(90);
  });

  it('forgets a page turned back upright', () => {
    let rotation = rotatePage(noRotation, 2, 90);
    for (let i = 0; i < 3; i += 1) rotation = rotatePage(rotation, 2, 90);
    expect(rotation.pages).toEqual({});
  });

  it('remembers per document key', () => {
    const store = memoryStore();
    saveRotation(store, 'fax-1', { document: 270, pages: { 5: 90 } });
    expect(loadRotation(store, 'fax-1')).toEqual({ document: 270, pages: { 5: 90 } });
    expect(loadRotation(store, 'fax-2')).toEqual(noRotation);
  });

  it('treats anything unreadable as no rotation', () => {
    const store = memoryStore();
    for (const junk of ['{', 'null', '"x"', '{"document":"a","pages":{"x":90,"2":"y","3":45}}']) {
      store.data.set('kamifax.viewer.rotation.k', junk);
      const loaded = loadRotation(store, 'k');
      expect(loaded.document).toBe(0);
      expect(Object.keys(loaded.pages).every((key) => /^\d+$/.test(key))).toBe(true);
    }
    store.data.set('kamifax.viewer.rotation.k', '{"document":-90,"pages":{"3":450}}');
    expect(loadRotation(store, 'k')).toEqual({ document: 270, pages: { 3: 90 } });
  });

  it('never throws when the store does', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadRotation(broken, 'k')).toEqual(noRotation);
    expect(() => saveRotation(broken, 'k', noRotation)).not.toThrow();
  });
});
