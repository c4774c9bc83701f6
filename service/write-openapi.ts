/**
 * `npm run service:openapi`: writes `service/openapi.json` from the route schemas, so the
 * committed document is the one the running service serves (a test checks they never drift).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { DemoCarrier } from './delivery/carrier';
import { openSqliteStorage } from './storage/sqlite-storage';

/** Where the committed document lives. */
export const openapiPath = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** The OpenAPI document as the service generates it, built on a throwaway data folder. */
export async function generateOpenapi(): Promise<unknown> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-openapi-'));
  const storage = openSqliteStorage(dataDir);
  try {
    const { app } = await buildApp({ storage, carrier: new DemoCarrier() });
    const document = app.swagger();
    await app.close();
    return document;
  } finally {
    storage.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The document as committed: two-space JSON with a final newline. */
export function formatOpenapi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(openapiPath, formatOpenapi(await generateOpenapi()));
  process.stdout.write(`Wrote ${openapiPath}\n`);
}
