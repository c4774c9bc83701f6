import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type Fault } from '../../helpers/fault-proxy';
import { startTestService, type TestService } from '../client/harness';

const child = join(process.cwd(), 'test/integration/outbox/outbox-child.ts');
const bob = '+815033334444';

/** Starts the outbox process; resolves when it says `ready`. */
function startChild(
  env: Record<string, string>,
): Promise<{ process: ChildProcess; done: Promise<number | null> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const done = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve({ process: proc, done });
    });
    proc.on('exit', (code) =>
      reject(new Error(`outbox process exited (${code}) before ready: ${output}`)),
    );
  });
}

/** Counts this account's outbound faxes per subject, at the service (its change feed). */
async function countAtService(
  url: string,
  token: string,
  prefix: string,
): Promise<Map<string, number>> {
  const seen = new Map<string, string>();
  let since = 0;
  for (;;) {
    const response = await fetch(`${url}/v1/changes?since=${since}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as {
      changes: { faxId: string; fax: { direction: string; subject: string | null } | null }[];
      nextSince: number;
      hasMore: boolean;
    };
    for (const change of page.changes)
      if (change.fax?.direction === 'outbound' && change.fax.subject?.startsWith(prefix))
        seen.set(change.faxId, change.fax.subject);
    since = page.nextSince;
    if (!page.hasMore) break;
  }
  const counts = new Map<string, number>();
  for (const subject of seen.values()) counts.set(subject, (counts.get(subject) ?? 0) + 1);
  return counts;
}

describe('the outbox under SIGKILL', { timeout: 180_000 }, () => {
  let service: TestService;
  let token: string;
  let pdfPath: string;
  let work: string;

  beforeAll(async () => {
    service = await startTestService();
    work = await mkdtemp(join(tmpdir(), 'kamifax-kill-'));
    const login = await fetch(`${service.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: 'kamifax-demo' }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    // 200 one-page sends need more than the trial's 50 sent pages.
    expect((await service.admin('plan', { email: 'alice@example.com', plan: 'paid' })).ok).toBe(
      true,
    );
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('kill test', { x: 50, y: 700, size: 30 });
    pdfPath = join(work, 'one.pdf');
    await writeFile(pdfPath, await doc.save());
  });

  afterAll(async () => {
    await service.stop();
    await rm(work, { recursive: true, force: true });
  });

  async function run(
    label: string,
    url: string,
    folder: string,
    kills: number,
    prefix: string,
  ): Promise<void> {
    const total = 100;
    const env = {
      KILL_FOLDER: folder,
      KILL_URL: url,
      KILL_TOKEN: token,
      KILL_TOTAL: String(total),
      KILL_TO: bob,
      KILL_PDF: pdfPath,
      KILL_PREFIX: prefix,
    };
    for (let i = 0; i < kills; i += 1) {
      const running = await startChild(env);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400));
      running.process.kill('SIGKILL');
      await running.done;
    }
    const last = await startChild(env);
    expect(await last.done).toBe(0);
    const mine = [...(await countAtService(service.url, token, prefix)).entries()];
    const duplicated = mine.filter(([, n]) => n > 1).length;
    const missing = total - mine.length;
    console.log(
      `${label}: ${total} sends, ${kills} SIGKILLs: ${mine.length} distinct faxes at the service, ${duplicated} duplicated, ${missing} missing`,
    );
    expect({ distinct: mine.length, duplicated }).toEqual({ distinct: total, duplicated: 0 });
  }

  it('100 sends with the outbox process killed at random moments: each reaches the service once', async () => {
    await run('SIGKILL', service.url, join(work, 'direct'), 10, 'kill-a-');
  });

  it('the same through a proxy that drops connections and answers 503', async () => {
    const proxy = await startFaultProxy(service.url);
    const faults: Fault[] = [];
    const kinds: Fault[] = ['pass', 'pass', 'status503', 'reset', 'resetAfterForward', 'status502'];
    for (let i = 0; i < 600; i += 1) faults.push(kinds[Math.floor(Math.random() * kinds.length)]!);
    proxy.script(faults);
    try {
      await run('SIGKILL + faults', proxy.url, join(work, 'proxied'), 6, 'kill-b-');
    } finally {
      await proxy.close();
    }
  });
});
