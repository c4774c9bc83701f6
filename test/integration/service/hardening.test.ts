import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { maxSubjectLength } from '../../../service/routes/send';
import { aliceNumber, bobNumber, makePdf, serviceSuite } from './helpers';

const suite = serviceSuite();

describe('service hardening', () => {
  it('delivers an admin inbound fax with a Japanese subject, drawn in an embedded font', async () => {
    const { client } = await suite.start();
    const answer = await client.admin('inbound', {
      to: aliceNumber,
      from: '+81312345678',
      subject: '請求書（11月分）',
      pages: 2,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.fax.subject).toBe('請求書（11月分）');
    const alice = await client.login('alice@example.com');
    const document = await alice.get(`/v1/faxes/${answer.body.fax.id}/document`);
    expect(document.status).toBe(200);
    const pdf = await PDFDocument.load(document.raw);
    expect(pdf.getPageCount()).toBe(2);
    const fonts = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict)
      .map((dict) => dict.get(PDFName.of('BaseFont'))?.toString() ?? '')
      .filter(Boolean);
    expect(fonts).toContain('/Courier');
    expect(fonts.some((name) => name.startsWith('/NotoSansJP'))).toBe(true);
    // Subset to the glyphs drawn, not the whole 5 MB font.
    expect(document.raw.length).toBeLessThan(100_000);
  });

  it('refuses a consent id that exists with 409', async () => {
    const { client } = await suite.start();
    const consent = { id: 'fax-analytics', title: 'Analytics', description: 'Counting pages' };
    const first = await client.admin('policy', {
      text: 'v2',
      effectiveDate: '2026-12-01',
      consent,
    });
    expect(first.status).toBe(200);
    const again = await client.admin('policy', {
      text: 'v3',
      effectiveDate: '2026-12-02',
      consent,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('consent_exists');
    // Nothing of the refused publication was kept.
    const next = await client.admin('policy', { text: 'v3', effectiveDate: '2026-12-02' });
    expect(next.body.version).toBe(first.body.version + 1);
  });

  it('refuses a subject over the limit with 400 instead of cutting it', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const long = await alice.send(await makePdf(1), [bobNumber], { subject: 'x'.repeat(10_000) });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('invalid_request');
    expect(long.body.error.message).toContain(String(maxSubjectLength));
    expect((await alice.get('/v1/faxes?direction=outbound')).body.faxes).toHaveLength(1);
    const fits = await alice.send(await makePdf(1), [bobNumber], {
      subject: 'y'.repeat(maxSubjectLength),
    });
    expect(fits.status).toBe(202);
    expect(fits.body.faxes[0].subject).toHaveLength(maxSubjectLength);
  });

  it('removes partial uploads left by a crash when it starts', async () => {
    const { service } = await suite.start();
    await service.stop();
    const folder = join(service.dataDir, 'documents');
    const before = (await readdir(folder)).filter((name) => name.endsWith('.pdf'));
    const partial = `.${randomUUID()}.tmp`;
    await writeFile(join(folder, partial), 'half a document');
    await writeFile(join(folder, 'notes.txt'), 'not ours to remove');
    await service.restart();
    const after = await readdir(folder);
    expect(after).not.toContain(partial);
    expect(after).toContain('notes.txt');
    expect(after.filter((name) => name.endsWith('.pdf'))).toEqual(before);
  });
});
