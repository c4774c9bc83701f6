import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKamifaxCommand } from '../../../main/core/cli/kamifax-command';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';
import {
  embeddedService,
  inProcessRunner,
  type ServiceRunner,
} from '../../../main/core/session/embedded-service';
import { publishedService } from '../../../main/core/session/service-sharing';
import { startTestClient } from '../client/harness';

/**
 * With the demo account the app runs the demo service on `<data>/local-service/`. A second
 * service on that database (one `kamifax send` used to start) would deliver its queued faxes
 * too, so the command line uses the app's while it runs, and starts its own only without one.
 */
describe('kamifax send and the demo service of a running app', { timeout: 120_000 }, () => {
  it('uses the running app’s demo service, and its own only when the app is not running', async () => {
    const credentials = new MemoryCredentialStore();
    // The same data folder for the app and the command, as on a desktop.
    const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-demo-share-'));
    const appService = embeddedService(dataDir, { runner: inProcessRunner, lineSpeed: 1000 });
    const desktop = await startTestClient({ credentials, dataDir, localService: appService });
    await desktop.core.session.signIn({ kind: 'local' }, 'alice@example.com', 'kamifax-demo');
    const url = appService.url()!;
    const published = JSON.parse(
      await readFile(join(dataDir, 'local-service', 'running.json'), 'utf8'),
    ) as { url: string; pid: number };
    expect(published).toEqual({ url, pid: process.pid });

    const started: string[] = [];
    const spyRunner: ServiceRunner = async (config) => {
      started.push(config.dataDir);
      return inProcessRunner(config);
    };
    const file = join(dataDir, 'memo.txt');
    await writeFile(file, 'demo');
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runKamifaxCommand(args, {
        dataDir,
        credentials,
        localService: embeddedService(dataDir, { runner: spyRunner, sharing: 'adopt' }),
        log: createLogger(() => undefined, 'cli-test'),
        locale: 'en-US',
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { code, out, err };
    };
    const sent = await run(['send', '--to', '050-3333-4444', '--wait', file]);
    expect(sent.err).toEqual([]);
    expect(sent.code).toBe(0);
    expect(started).toEqual([]);
    // The app's own outbox database saw the CLI's send; the app's service delivered it.
    const faxId = sent.out.join('\n').split('\t')[0]!;
    expect(desktop.core.send.current()!.outbox.store.find(faxId)?.status).toBe('delivered');
    expect(await publishedService(join(dataDir, 'local-service'))).toBe(url);

    // The app quits: its note goes, and the command starts its own service.
    await desktop.close();
    expect(await publishedService(join(dataDir, 'local-service'))).toBeNull();
    const status = await run(['status']);
    expect(status.code).toBe(0);
    expect(started).toHaveLength(1);
  });

  it('ignores a note left by a process that is gone', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kamifax-note-'));
    await writeFile(
      join(folder, 'running.json'),
      JSON.stringify({ url: 'http://127.0.0.1:9', pid: 2 ** 22 + 12345 }),
    );
    expect(await publishedService(folder)).toBeNull();
  });
});
