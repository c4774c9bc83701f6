import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../../preload/send-contract';
import { createCore, type Core } from '../../../main/core/app';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';
import { CupsRegistration } from '../../../main/core/printer/registration';
import { headlessDialogs } from '../../../main/headless/headless-dialogs';
import { RecordedNotifications } from '../../../main/headless/headless-notifications';
import { systemComponent } from '../../helpers/system';
import { startTestService, type TestService } from '../client/harness';
import { textPdf } from '../../helpers/fax-pdf';
import { canRunCupsd, freePort, startPrivateCups, type PrivateCups } from './private-cupsd';

// The whole way, with nothing standing in: `lp` → a private cupsd → the app's IPP endpoint →
// PrinterService → the signed-in account's real DraftService (SQLite, sealed files) → a draft
// Compose opens. Then the app is stopped, a job printed, the app started the way a login
// launch starts it, and that job arrives too.

const present = systemComponent(
  'CUPS (cupsd, lpadmin, lp) run as root',
  canRunCupsd,
  'apt-get install cups cups-client cups-bsd cups-filters, and run the tests as root (CI does)',
);

describe.skipIf(!present)('a printed job becomes a real draft of the signed-in account', () => {
  let dir: string;
  let cups: PrivateCups;
  let service: TestService;
  let port: number;
  let core: Core | null = null;
  const credentials = new MemoryCredentialStore(); // the keychain, kept across "app" restarts
  const opened: string[] = [];
  const logLines: string[] = [];

  /** Starts the app's core as the desktop host does (an Electron host starts the printer). */
  const startApp = async (): Promise<Core> => {
    const started = await createCore({
      dataDir: join(dir, 'app-data'),
      log: createLogger((line) => logLines.push(line), 'test', 'debug'),
      credentials,
      localService: {
        start: () => Promise.reject(new Error('the test uses a remote service')),
        stop: async () => {},
      },
      pollMs: 3_600_000,
      // No startPrinter: the desktop host starts the endpoint with the app by default.
      printing: {
        port,
        registration: new CupsRegistration({
          url: () => `ipp://127.0.0.1:${port}/ipp/print`,
          platform: 'linux',
          isRoot: true,
          env: cups.env,
        }),
      },
      host: {
        kind: 'electron',
        version: '0.0.0-test',
        platform: 'linux',
        locale: 'en-GB',
        openExternal: async () => {},
        dialogs: headlessDialogs(dir),
        notifications: new RecordedNotifications(),
      },
    });
    started.events.listen((event, payload) => {
      if (event === 'compose:open') opened.push((payload as { draftId: string }).draftId);
    });
    return started;
  };
  const drafts = (): Draft[] => core?.send.current()?.drafts.list() ?? [];
  /** The draft of that subject once it is complete: Compose is asked to open it after its files. */
  const draftNamed = async (subject: string, ms: number): Promise<Draft> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = drafts().find((d) => d.subject === subject);
      if (found && opened.includes(found.id)) return core!.send.current()!.drafts.get(found.id);
      if (Date.now() > deadline)
        throw new Error(`no draft "${subject}" after ${ms} ms\n${logLines.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const print = (file: string, title: string) =>
    execFileSync('lp', ['-d', 'Kamifax', '-t', title, file], { env: cups.env, encoding: 'utf8' });
  const storedPages = async (draft: Draft) => {
    const document = draft.documents[0]!;
    const pdf = await core!.send.current()!.drafts.documentPdf(draft.id, document.id);
    return (await PDFDocument.load(pdf.bytes)).getPageCount();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kamifax-cups-drafts-'));
    chmodSync(dir, 0o755);
    cups = await startPrivateCups(join(dir, 'cups'), await freePort());
    service = await startTestService();
    port = await freePort();
    core = await startApp();
    await core.restored;
    await core.session.signIn(
      { kind: 'remote', url: service.url },
      'alice@example.com',
      'kamifax-demo',
    );
  }, 60_000);
  afterAll(async () => {
    await core?.printing.printer.remove().catch(() => undefined);
    await core?.dispose();
    await service?.stop();
    await cups?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lp of a PDF arrives as a draft with every page, the job name as subject, and Compose opens it', async () => {
    expect((await core!.printing.printer.status()).endpoint).toBe('listening');
    expect(await core!.printing.printer.install()).toMatchObject({
      ready: true,
      way: 'cups-everywhere',
    });
    const file = join(dir, 'quote.pdf');
    writeFileSync(file, await textPdf(3, 'Quote'));
    const started = Date.now();
    print(file, 'Quote for Tanaka');
    const draft = await draftNamed('Quote for Tanaka', 60_000);
    console.info(`lp → real draft: ${Date.now() - started} ms`);
    expect(draft).toMatchObject({ origin: 'printer', recipients: [] });
    expect(draft.documents).toHaveLength(1);
    expect(draft.documents[0]).toMatchObject({
      name: 'Quote for Tanaka.pdf',
      kind: 'pdf',
      pages: 3,
    });
    expect(await storedPages(draft)).toBe(3);
    // Never sent by itself.
    expect(core!.send.current()!.outbox.store.counts()).toEqual({
      queued: 0,
      sending: 0,
      failed: 0,
    });
  });

  it(
    'stop the app, print, start the app (as a login launch does): the job arrives as a draft',
    { timeout: 180_000 },
    async () => {
      await core!.dispose();
      core = null;
      const file = join(dir, 'late.pdf');
      writeFileSync(file, await textPdf(2, 'Late'));
      print(file, 'Printed while closed');
      // CUPS holds it while nothing answers at the printer's address.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(
        execFileSync('lpstat', ['-o', 'Kamifax'], { env: cups.env, encoding: 'utf8' }),
      ).toMatch(/Kamifax-\d+/);
      const restarted = Date.now();
      core = await startApp();
      // The endpoint is up as soon as the core is, before the session is restored or any
      // window exists (a `--hidden` login launch opens none).
      expect(core.printing.printer.server.listening).toBe(true);
      await core.restored;
      const draft = await draftNamed('Printed while closed', 120_000);
      console.info(`app start → queued job as a real draft: ${Date.now() - restarted} ms`);
      expect(draft.documents[0]!.pages).toBe(2);
      expect(await storedPages(draft)).toBe(2);
      // The draft from before the restart is still there, and nothing else came.
      expect(
        drafts()
          .map((d) => d.subject)
          .sort(),
      ).toEqual(['Printed while closed', 'Quote for Tanaka']);
    },
  );
});
