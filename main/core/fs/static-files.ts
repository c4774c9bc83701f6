import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

/** A file found under the static root, ready to send. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Resolves a request path inside `root` and reads it. Paths are decoded and resolved, and
 * anything that would leave the root (`..`, encoded slashes) is refused with null.
 */
export async function readStaticFile(root: string, pathname: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, `.${decoded === '/' ? '/index.html' : decoded}`);
  if (target !== base && !target.startsWith(base + sep)) return null;
  try {
    const body = await readFile(target);
    return { body, contentType: types[extname(target)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
