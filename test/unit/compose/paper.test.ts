import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { paperForRecipients } from '../../../preload/fax-numbers';
import { DraftService, type SendContext } from '../../../main/core/compose/draft-service';
import { FontSource } from '../../../main/core/compose/fonts';
import { createLogger } from '../../../main/core/log/logger';
import type { Outbox } from '../../../main/core/outbox/outbox';
import { SealedFiles } from '../../../main/core/outbox/sealed-files';
import { openSendDatabase } from '../../../main/core/outbox/send-database';

const work = mkdtempSync(join(tmpdir(), 'kamifax-paper-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the paper follows the recipients’ country', { timeout: 60_000 }, () => {
  it('is Letter for North American numbers, A4 elsewhere, the locale’s when they disagree', () => {
    expect(paperForRecipients(['+12125550100'], 'a4')).toBe('letter');
    expect(paperForRecipients(['+12125550100', '+14165550100', '+525512345678'], 'a4')).toBe(
      'letter',
    );
    expect(paperForRecipients(['+81312345678'], 'letter')).toBe('a4');
    expect(paperForRecipients(['+81312345678', '+442071234567'], 'letter')).toBe('a4');
    // Mixed, none yet, or a number not understood yet: the locale's paper.
    expect(paperForRecipients(['+81312345678', '+12125550100'], 'letter')).toBe('letter');
    expect(paperForRecipients(['+81312345678', '+12125550100'], 'a4')).toBe('a4');
    expect(paperForRecipients([], 'letter')).toBe('letter');
    expect(paperForRecipients(['+12125550100', null], 'a4')).toBe('a4');
  });

  it('lays the fax (documents and cover) on the recipients’ paper, whatever it was added on', async () => {
    const context: SendContext = {
      country: 'JP',
      paper: 'a4',
      language: 'en',
      ownNumbers: [],
      blockedNumbers: [],
      sentPages: { used: 0, limit: null },
    };
    const drafts = new DraftService({
      db: openSendDatabase(join(work, 'a.sqlite')),
      files: new SealedFiles(join(work, 'files'), Buffer.alloc(32, 7)),
      fonts: new FontSource(),
      outbox: {} as Outbox,
      context: async () => context,
      listener: { changed: () => undefined, open: () => undefined },
      log: createLogger(() => undefined, 'test'),
    });
    const draft = await drafts.create({});
    const added = await drafts.addFiles(draft.id, [
      { name: 'memo.txt', bytes: new TextEncoder().encode('Hello') },
    ]);
    expect(added.results[0]?.ok).toBe(true);
    drafts.update({ id: draft.id, cover: { template: 'classic', to: 'Bob' } });
    const sizes = async () => {
      const preview = await drafts.preview(draft.id);
      const pdf = await PDFDocument.load(preview.bytes);
      return {
        paper: preview.paper,
        pages: pdf.getPages().map((p) => Object.values(p.getSize()).map(Math.round)),
      };
    };
    expect(await sizes()).toEqual({
      paper: 'a4',
      pages: [
        [595, 842],
        [595, 842],
      ],
    });
    drafts.update({
      id: draft.id,
      recipients: [{ input: '(212) 555-0100', e164: '+12125550100', contactName: null }],
    });
    expect(await sizes()).toEqual({
      paper: 'letter',
      pages: [
        [612, 792],
        [612, 792],
      ],
    });
    // A typed national number is understood in the account's country (JP here): A4.
    drafts.update({
      id: draft.id,
      recipients: [{ input: '03-1234-5678', e164: null, contactName: null }],
    });
    expect((await sizes()).paper).toBe('a4');
    drafts.update({
      id: draft.id,
      recipients: [
        { input: '+1 212 555 0100', e164: '+12125550100', contactName: null },
        { input: '03-1234-5678', e164: '+81312345678', contactName: null },
      ],
    });
    expect((await sizes()).paper).toBe('a4');
  });
});
