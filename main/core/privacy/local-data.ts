import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { LocalData } from '../../../preload/privacy-contract';

/** One kind of thing Kamifax keeps on this computer (the page has a sentence for each). */
export type LocalKind = LocalData['items'][number]['kind'];

/**
 * What Electron's built-in Chromium keeps in the same folder (userData) for the app's own page:
 * caches, storage, its preferences and locks. The headless host has none of these.
 */
const chromiumFiles =
  /^(Cache|Code Cache|GPUCache|DawnCache|DawnGraphiteCache|DawnWebGPUCache|Local Storage|Session Storage|IndexedDB|WebStorage|Service Worker|blob_storage|databases|Shared Dictionary|SharedStorage(-wal)?|Trust Tokens(-journal)?|Cookies(-journal)?|DIPS(-wal|-journal)?|Preferences|Local State|Network Persistent State|TransportSecurity|Crashpad|Dictionaries|shared_proto_db|VideoDecodeStats|Partitions|lockfile|Singleton(Lock|Cookie|Socket))$/;

/**
 * What a file in the data folder is, by its path relative to that folder; null when Kamifax
 * cannot say. The "On this computer" page describes exactly these kinds, and a test fails when
 * a session of use leaves a file this does not recognise, so the page stays truthful.
 */
export function classifyLocalPath(relativePath: string): LocalKind | null {
  const parts = relativePath.split(/[\\/]/);
  const [top, second, third] = parts;
  if (parts.length === 1) {
    if (top === 'settings.json') return 'settings';
    if (top === 'session.json') return 'session';
    if (/\.log(\.\d+)?$/.test(top ?? '')) return 'logs';
  }
  if (top === 'logs') return 'logs';
  if (top && chromiumFiles.test(top)) return 'browserEngine';
  if (top === 'local-service') return 'demoService';
  if (top === 'Saved faxes' || top === 'Saved files') return 'saved';
  if (top === 'accounts' && second && /^[0-9a-f]{20}$/.test(second) && third) {
    if (/^inbox\.sqlite(-wal|-shm|-journal)?$/.test(third)) return 'inbox';
    if (third === 'documents') return 'documents';
    if (third === 'privacy.json') return 'privacy';
    if (/^(drafts|outbox)$/.test(third)) return 'drafts';
    if (/^contacts/.test(third)) return 'contacts';
  }
  // A temporary file of an atomic write, beside the file it replaces.
  const base = parts.at(-1) ?? '';
  if (/\.[0-9a-f]{12}\.tmp$/.test(base))
    return classifyLocalPath(relativePath.replace(/\.[0-9a-f]{12}\.tmp$/, ''));
  return null;
}

/** Every file under a folder, as paths relative to it. */
export async function listFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** What Kamifax keeps on this computer now, by kind, with sizes (unrecognised files too). */
export async function describeLocalData(dataDir: string): Promise<LocalData> {
  const totals = new Map<LocalKind, { bytes: number; files: number; path: string }>();
  const folderOf = (file: string, kind: LocalKind): string => {
    const parts = file.split('/');
    if (kind === 'documents' || kind === 'drafts') return join(dataDir, ...parts.slice(0, 3));
    if (kind === 'demoService' || kind === 'saved' || kind === 'logs' || kind === 'browserEngine')
      return join(dataDir, parts[0]!);
    return join(dataDir, ...parts);
  };
  for (const file of await listFiles(dataDir)) {
    const kind = classifyLocalPath(file);
    if (!kind) continue;
    const size = await stat(join(dataDir, file)).then(
      (info) => info.size,
      () => null,
    );
    // Gone since the listing (a temporary file renamed): nothing to count.
    if (size === null) continue;
    const entry = totals.get(kind) ?? { bytes: 0, files: 0, path: folderOf(file, kind) };
    entry.bytes += size;
    entry.files += 1;
    totals.set(kind, entry);
  }
  return {
    dataDir,
    items: [...totals].map(([kind, entry]) => ({ kind, ...entry })),
  };
}
