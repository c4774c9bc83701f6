import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKamifaxCommand } from '../../../main/core/cli/kamifax-command';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';
import { startTestClient, startTestService, type TestService } from '../client/harness';

const corpus = join(process.cwd(), '..', 'shared', 'corpus');

describe('kamifax send and status', { timeout: 120_000 }, () => {
  let service: TestService;
  let dataDir: string;
  const credentials = new MemoryCredentialStore();
  let file: string;

  beforeAll(async () => {
    service = await startTestService();
    const app = await startTestClient({ credentials });
    dataDir = app.dataDir;
    await app.core.session.signIn(
      { kind: 'remote', url: service.url },
      'alice@example.com',
      'kamifax-demo',
    );
    await app.close();
    file = join(await mkdtemp(join(tmpdir(), 'kamifax-cli-')), 'memo.txt');
    await writeFile(file, 'CLI から送る FAX です。');
  });

  afterAll(async () => {
    await service.stop();
  });

  async function run(args: string[], options: { dataDir?: string; locale?: string } = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKamifaxCommand(args, {
      dataDir: options.dataDir ?? dataDir,
      credentials,
      localService: { start: () => Promise.reject(new Error('remote only')), stop: async () => {} },
      log: createLogger(() => undefined, 'cli-test'),
      locale: options.locale ?? 'en-US',
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out, err };
  }

  it('says clearly when not signed in (exit 3)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kamifax-cli-empty-'));
    const result = await run(['send', '--to', '03-1234-5678', file], { dataDir: empty });
    expect(result.code).toBe(3);
    expect(result.err.join('\n')).toMatch(/Not signed in\. Open Kamifax and sign in once/);
    const ja = await run(['status'], { dataDir: empty, locale: 'ja-JP' });
    expect(ja.err.join('\n')).toMatch(/サインインしていません/);
  });

  it('refuses bad numbers and files before anything is sent (exit 2)', async () => {
    expect((await run(['send', '--to', '110', file])).code).toBe(2);
    const own = await run(['send', '--to', '050-1111-2222', file]);
    expect(own.err.join('\n')).toContain('A fax cannot be sent to your own number');
    const locked = join(corpus, 'pdf-broken/qpdf-enc-R6-AES256-U-view-O-master.pdf');
    const refused = await run(['send', '--to', '050-3333-4444', locked]);
    expect(refused.code).toBe(2);
    expect(refused.err.join('\n')).toContain('protected with a password');
    expect((await run(['send', file])).code).toBe(2);
  });

  it('sends to Bob, prints the fax id, and with --wait reports delivered (exit 0)', async () => {
    const sent = await run([
      'send',
      '--to',
      '050-3333-4444',
      '--subject',
      'CLI',
      '--cover',
      'よろしく',
      '--wait',
      file,
    ]);
    expect(sent.err).toEqual([]);
    expect(sent.code).toBe(0);
    const [accepted] = sent.out;
    expect(accepted).toMatch(/^[\w-]+\t\+815033334444\taccepted$/);
    expect(sent.out.at(-1)).toMatch(/\tdelivered\t2\/2$/);
    const id = accepted!.split('\t')[0]!;
    const status = await run(['status', id]);
    expect(status).toMatchObject({ code: 0 });
    expect(status.out[0]).toContain('delivered');
  });

  it('exits non-zero with --wait when the line is busy', async () => {
    const busy = await run(['send', '--to', '+81 3 0000 0001', '--wait', file]);
    expect(busy.code).toBe(1);
    expect(busy.out.at(-1)).toContain('failed: busy');
    expect(readFileSync(file, 'utf8')).toContain('CLI');
  });
});
