import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessDialogs } from '../../../main/headless/headless-dialogs';
import {
  startTestClient,
  startTestService,
  type TestClient,
  type TestService,
} from '../client/harness';
import { textPdf } from '../../helpers/fax-pdf';

/**
 * Forward from the viewer's stand-alone "Open a PDF…": the draft holds that PDF. Where main's
 * dialog opened it (Electron), the page passes the id it got and main reads the file it opened;
 * where the page picked it itself (the browser host), it passes the bytes.
 */
describe('Forward of a PDF opened in the viewer', { timeout: 120_000 }, () => {
  let service: TestService;
  let client: TestClient;
  let folder: string;
  let path: string;

  beforeAll(async () => {
    service = await startTestService();
    folder = await mkdtemp(join(tmpdir(), 'kamifax-opened-'));
    path = join(folder, 'quote.pdf');
    await writeFile(path, await textPdf(3));
    const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-client-'));
    client = await startTestClient({
      dataDir,
      // Main's open dialog, as Electron's: the user picks quote.pdf.
      dialogs: {
        ...headlessDialogs(dataDir),
        pickPdf: async () => ({ name: 'quote.pdf', bytes: await textPdf(3), path }),
      },
    });
    await client.core.session.signIn(
      { kind: 'remote', url: service.url },
      'alice@example.com',
      'kamifax-demo',
    );
  });

  afterAll(async () => {
    await client.close();
    await service.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('makes a draft holding the file main opened (read again from its path)', async () => {
    const router = client.core.router;
    const opened = await router.dispatch('files:openPdf', {});
    if (!opened.ok) throw new Error(opened.error.code);
    const file = (opened.value as { file: { name: string; openedId?: string } }).file;
    expect(file.name).toBe('quote.pdf');
    expect(file.openedId).toBeTruthy();
    // The page never learns the path.
    expect(JSON.stringify(Object.keys(file))).not.toContain('path');

    const created = await router.dispatch('drafts:create', { openedFileId: file.openedId });
    if (!created.ok) throw new Error(created.error.code);
    const draft = created.value as { id: string; origin: string; documents: unknown[] };
    expect(draft).toMatchObject({
      origin: 'forward',
      documents: [{ name: 'quote.pdf', kind: 'pdf', pages: 3 }],
    });
    const preview = await router.dispatch('drafts:preview', { id: draft.id });
    expect(preview.ok && (preview.value as { pages: number }).pages).toBe(3);

    // An id this session never gave out, or a file gone since, is refused plainly.
    const unknown = await router.dispatch('drafts:create', { openedFileId: 'made-up' });
    expect(!unknown.ok && unknown.error.code).toBe('file_unreadable');
    await rm(path);
    const gone = await router.dispatch('drafts:create', { openedFileId: file.openedId });
    expect(!gone.ok && gone.error.code).toBe('file_unreadable');
  });

  it('makes a draft from the bytes where the page picked the file itself (browser host)', async () => {
    const created = await client.core.router.dispatch('drafts:create', {
      files: [{ name: 'picked.pdf', bytes: await textPdf(2) }],
    });
    if (!created.ok) throw new Error(created.error.code);
    expect(created.value).toMatchObject({
      origin: 'forward',
      documents: [{ name: 'picked.pdf', pages: 2 }],
    });
  });
});
