import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The demo service is one SQLite database in `<data>/local-service/`: two services on it (the
 * app's and one `kamifax send` would start) would both deliver its queued faxes. So the host
 * that starts it says where it listens, and the command line uses that one while it runs.
 */
const fileName = 'running.json';

interface Published {
  url: string;
  pid: number;
}

/** Writes where this process's service listens (atomically). */
export async function publishService(folder: string, url: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, fileName);
  const published: Published = { url, pid: process.pid };
  await writeFile(`${path}.tmp`, JSON.stringify(published));
  await rename(`${path}.tmp`, path);
}

/** Removes the note when this process's service stops (not another's). */
export async function unpublishService(folder: string): Promise<void> {
  const published = await readPublished(folder);
  if (published?.pid === process.pid) await rm(join(folder, fileName), { force: true });
}

/**
 * The URL of the service a running app started on this data folder, or null: the note must
 * name a live process and the address must answer like our service (a 401 with our error body
 * to an anonymous `GET /v1/account`), so a stale note after a crash is ignored.
 */
export async function publishedService(folder: string, timeoutMs = 2000): Promise<string | null> {
  const published = await readPublished(folder);
  if (!published || !alive(published.pid)) return null;
  try {
    const url = new URL(published.url);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return null;
    const response = await fetch(`${url.href.replace(/\/+$/, '')}/v1/account`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { error?: { code?: string } };
    return response.status === 401 && typeof body.error?.code === 'string'
      ? url.href.replace(/\/+$/, '')
      : null;
  } catch {
    return null;
  }
}

async function readPublished(folder: string): Promise<Published | null> {
  try {
    const value = JSON.parse(await readFile(join(folder, fileName), 'utf8')) as Partial<Published>;
    return typeof value.url === 'string' && typeof value.pid === 'number'
      ? { url: value.url, pid: value.pid }
      : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
