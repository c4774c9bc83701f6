import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendAccount } from '../../../main/core/outbox/send-features';
import {
  startTestClient,
  startTestService,
  until,
  type TestClient,
  type TestService,
} from '../client/harness';

const corpus = join(process.cwd(), '..', 'shared', 'corpus');
const demo = { password: 'kamifax-demo' };

describe('sending through the real service', { timeout: 120_000 }, () => {
  let service: TestService;
  let alice: TestClient;
  let send: SendAccount;

  beforeEach(async () => {
    service = await startTestService();
    alice = await startTestClient({ pollMs: 500 });
    await alice.core.session.signIn(
      { kind: 'remote', url: service.url },
      'alice@example.com',
      demo.password,
    );
    send = alice.core.send.current()!;
  });

  afterEach(async () => {
    await alice.close();
    await service.stop();
  });

  const rowsOf = (view: 'outbox' | 'sent') => send.outbox.store.query(view, '', 0, 100).rows;

  it('sends a PDF and an image with a Japanese cover page to Bob, who receives it', async () => {
    const router = alice.core.router;
    const created = await router.dispatch('drafts:create', {});
    if (!created.ok) throw new Error(created.error.code);
    const draft = created.value as { id: string };
    const added = await router.dispatch('drafts:addFiles', {
      id: draft.id,
      files: [
        { name: 'rotation.pdf', bytes: readFileSync(join(corpus, 'pdf-misc/rotation.pdf')) },
        { name: 'hopper.png', bytes: readFileSync(join(corpus, 'images/hopper.png')) },
        {
          name: 'secret.pdf',
          bytes: readFileSync(join(corpus, 'pdf-broken/qpdf-enc-R6-AES256-U-view-O-master.pdf')),
        },
      ],
    });
    expect(added.ok).toBe(true);
    const results = (added as { value: { results: { ok: boolean; code?: string }[] } }).value
      .results;
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'ok', 'file_encrypted']);
    await router.dispatch('drafts:update', {
      id: draft.id,
      recipients: [{ input: '050-3333-4444', e164: '+815033334444' }],
      subject: '見積書',
      cover: {
        template: 'classic',
        to: 'ボブ様',
        from: 'アリス',
        message: 'よろしくお願いいたします。',
      },
    });
    const preview = await router.dispatch('drafts:preview', { id: draft.id });
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value).toMatchObject({ pages: 4, quota: { needed: 4, limit: 50 } });

    const sent = await router.dispatch('drafts:send', { id: draft.id });
    if (!sent.ok) throw new Error(sent.error.code);
    const [id] = (sent.value as { ids: string[] }).ids;
    expect(send.drafts.list()).toHaveLength(0);
    await until(() => send.outbox.store.row(id!)?.status === 'delivered', 40_000, 'delivered');
    expect(rowsOf('sent').map((r) => [r.to, r.pages, r.pagesSent])).toEqual([
      ['+815033334444', 4, 4],
    ]);
    await until(
      () => alice.notifications.shown.some((n) => n.notice.title === 'Fax delivered'),
      5000,
      'the delivered notification',
    );
    const report = await router.dispatch('outbox:report', { id: id! });
    expect(report.ok).toBe(true);

    const bob = await startTestClient({ pollMs: 3_600_000 });
    try {
      await bob.core.session.signIn(
        { kind: 'remote', url: service.url },
        'bob@example.com',
        demo.password,
      );
      const inbox = bob.core.features.inbox()!;
      await inbox.syncNow();
      const got = inbox.query({
        search: '見積書',
        filter: 'all',
        sort: 'newest',
        offset: 0,
        limit: 10,
      });
      expect(got.rows.map((r) => r.pages)).toEqual([4]);
    } finally {
      await bob.close();
    }
  });

  it('refuses the own number and blocked numbers before upload; a busy number fails and Resend works', async () => {
    const draft = await send.drafts.create({});
    await send.drafts.addFiles(draft.id, [
      { name: 'a.txt', bytes: new TextEncoder().encode('hello') },
    ]);
    send.drafts.update({
      id: draft.id,
      recipients: [{ input: '050-1111-2222', e164: null, contactName: null }],
    });
    await expect(send.drafts.send(draft.id)).rejects.toMatchObject({ code: 'number_own' });

    send.drafts.update({
      id: draft.id,
      recipients: [{ input: '03-0000-0001', e164: null, contactName: null }],
    });
    const { ids } = await send.drafts.send(draft.id);
    await until(() => send.outbox.store.row(ids[0]!)?.status === 'failed', 40_000, 'busy failure');
    expect(send.outbox.store.row(ids[0]!)).toMatchObject({
      failureReason: 'busy',
      canResend: true,
    });
    const again = await send.outbox.resend(ids[0]!);
    await until(
      () => send.outbox.store.row(again.ids[0]!)?.status === 'failed',
      15_000,
      'resend ran',
    );
    expect(send.outbox.store.counts().failed).toBe(2);
  });

  it('Forward attaches the received fax to a new draft', async () => {
    const inbox = alice.core.features.inbox()!;
    await inbox.syncNow();
    const [received] = inbox.query({
      search: '',
      filter: 'all',
      sort: 'newest',
      offset: 0,
      limit: 1,
    }).rows;
    const created = await alice.core.router.dispatch('drafts:create', {
      forwardFaxId: received!.id,
    });
    if (!created.ok) throw new Error(created.error.code);
    const draft = created.value as { origin: string; documents: { kind: string; pages: number }[] };
    expect(draft.origin).toBe('forward');
    expect(draft.documents.map((d) => [d.kind, d.pages])).toEqual([['pdf', received!.pages]]);
  });

  it('keeps a draft across a restart of the core', async () => {
    const draft = await send.drafts.create({});
    await send.drafts.addFiles(draft.id, [
      { name: 'memo.txt', bytes: new TextEncoder().encode('メモ') },
    ]);
    send.drafts.update({ id: draft.id, subject: 'kept' });
    await alice.close();
    alice = await startTestClient({
      dataDir: alice.dataDir,
      credentials: alice.credentials,
      pollMs: 500,
    });
    send = alice.core.send.current()!;
    const back = send.drafts.get(draft.id);
    expect(back).toMatchObject({ subject: 'kept', pages: 1 });
    expect((await send.drafts.documentPdf(draft.id, back.documents[0]!.id)).pages).toBe(1);
  });
});
