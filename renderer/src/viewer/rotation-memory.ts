import { normaliseRotation } from './layout';

/**
 * The user's rotation of one document: a turn for the whole document plus extra turns for
 * single pages (keyed by page number), in degrees.
 */
export interface DocumentRotation {
  document: number;
  pages: Readonly<Record<number, number>>;
}

/** The part of `Storage` rotation memory needs, so tests can pass a plain map. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** No rotation at all. */
export const noRotation: DocumentRotation = { document: 0, pages: {} };

const prefix = 'kamifax.viewer.rotation.';

/** The effective extra rotation of a page (not counting the page's own /Rotate). */
export function pageRotation(rotation: DocumentRotation, pageNumber: number): number {
  return normaliseRotation(rotation.document + (rotation.pages[pageNumber] ?? 0));
}

/** Turns the whole document by a quarter (+90 clockwise, −90 anticlockwise). */
export function rotateDocument(rotation: DocumentRotation, delta: 90 | -90): DocumentRotation {
  return { ...rotation, document: normaliseRotation(rotation.document + delta) };
}

/** Turns one page by a quarter, dropping the entry when it comes back to upright. */
export function rotatePage(
  rotation: DocumentRotation,
  pageNumber: number,
  delta: 90 | -90,
): DocumentRotation {
  const turned = normaliseRotation((rotation.pages[pageNumber] ?? 0) + delta);
  const pages = { ...rotation.pages };
  if (turned === 0) delete pages[pageNumber];
  else pages[pageNumber] = turned;
  return { ...rotation, pages };
}

/** Reads what was remembered for a document; anything unreadable counts as no rotation. */
export function loadRotation(store: KeyValueStore, documentKey: string): DocumentRotation {
  let raw: string | null;
  try {
    raw = store.getItem(prefix + documentKey);
  } catch {
    return noRotation;
  }
  if (!raw) return noRotation;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return noRotation;
    const { document, pages } = parsed as { document?: unknown; pages?: unknown };
    const clean: Record<number, number> = {};
    if (typeof pages === 'object' && pages !== null)
      for (const [key, value] of Object.entries(pages))
        if (/^\d+$/.test(key) && typeof value === 'number' && Number.isFinite(value)) {
          const turned = normaliseRotation(value);
          if (turned !== 0) clean[Number(key)] = turned;
        }
    return {
      document:
        typeof document === 'number' && Number.isFinite(document) ? normaliseRotation(document) : 0,
      pages: clean,
    };
  } catch {
    return noRotation;
  }
}

/** Remembers a document's rotation; a full store or a private window only loses the memory. */
export function saveRotation(
  store: KeyValueStore,
  documentKey: string,
  rotation: DocumentRotation,
): void {
  try {
    store.setItem(prefix + documentKey, JSON.stringify(rotation));
  } catch {
    // Remembering rotation is a convenience; never fail the viewer over it.
  }
}
