import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { events } from '../../../preload/contract';
import { DraftService, type DraftProgress } from '../../../main/core/compose/draft-service';
import { FontSource } from '../../../main/core/compose/fonts';
import { createLogger } from '../../../main/core/log/logger';
import type { Outbox } from '../../../main/core/outbox/outbox';
import { SealedFiles } from '../../../main/core/outbox/sealed-files';
import { openSendDatabase } from '../../../main/core/outbox/send-database';

const work = mkdtempSync(join(tmpdir(), 'kamifax-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('drafts:progress', { timeout: 60_000 }, () => {
  it('tells Compose about each file (Office conversion with its fraction) and the merge', async () => {
    const told: DraftProgress[] = [];
    const all: DraftProgress[] = [];
    const drafts = new DraftService({
      db: openSendDatabase(join(work, 'a.sqlite')),
      files: new SealedFiles(join(work, 'files'), Buffer.alloc(32, 7)),
      fonts: new FontSource(),
      outbox: {} as Outbox,
      context: async () => ({
        country: 'JP',
        paper: 'a4',
        language: 'en',
        ownNumbers: [],
        blockedNumbers: [],
        sentPages: { used: 0, limit: null },
      }),
      listener: {
        changed: () => undefined,
        open: () => undefined,
        progress: (p) => told.push(p) && all.push(p),
      },
      log: createLogger(() => undefined, 'test'),
      // A converter standing in for LibreOffice: reports half way, then gives a page.
      convertOffice: async (_file, _signal, onProgress) => {
        onProgress(0.5);
        const pdf = await PDFDocument.create();
        pdf.addPage([595, 842]).drawText('converted', { x: 50, y: 700 });
        onProgress(1.2);
        return pdf.save();
      },
    });
    const draft = await drafts.create({});
    await drafts.addFiles(draft.id, [
      { name: 'memo.txt', bytes: new TextEncoder().encode('Hello') },
      { name: 'report.docx', bytes: new TextEncoder().encode('PK\u0003\u0004 fake docx') },
    ]);
    const brief = (p: DraftProgress) => [p.stage, p.name, p.index, p.of, p.fraction];
    expect(told.map(brief)).toEqual([
      ['normalising', 'memo.txt', 0, 2, null],
      ['converting', 'report.docx', 1, 2, null],
      ['converting', 'report.docx', 1, 2, 0.5],
      ['converting', 'report.docx', 1, 2, 1],
      ['done', null, 2, 2, 1],
    ]);
    told.length = 0;
    await drafts.preview(draft.id);
    expect(told.map(brief)).toEqual([
      ['merging', null, 0, 2, 0],
      ['merging', null, 1, 2, 1 / 3],
      ['merging', null, 2, 2, 2 / 3],
      ['done', null, 2, 2, 1],
    ]);
    // The same preview again is cached: no work, no progress.
    told.length = 0;
    await drafts.preview(draft.id);
    expect(told).toEqual([]);
    expect(new Set(all.map((p) => p.draftId))).toEqual(new Set([draft.id]));
    for (const p of all) expect(events['drafts:progress'].parse(p)).toEqual(p);
  });
});
