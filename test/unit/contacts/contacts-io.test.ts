import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeText,
  readContactsFile,
  writeCsv,
  writeVcards,
} from '../../../main/core/contacts/contacts-files';
import { ContactImports } from '../../../main/core/contacts/contacts-import';
import { ContactsStore } from '../../../main/core/contacts/contacts-store';
import { openSendDatabase } from '../../../main/core/outbox/send-database';
import { AppError } from '../../../main/core/rpc/app-error';

const work = mkdtempSync(join(tmpdir(), 'kamifax-contacts-io-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Shift_JIS bytes, from the inverse of the platform's own Shift_JIS decoder. */
function shiftJis(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('shift_jis');
  for (const lead of [...Array(0x1f).keys()]
    .map((i) => 0x81 + i)
    .concat([...Array(0x1d).keys()].map((i) => 0xe0 + i)))
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char))
        table.set(char, [lead, trail]);
    }
  const out: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) out.push(char.charCodeAt(0));
    else {
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no Shift_JIS for ${char}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** Writes the file to disk and reads it back, as the app gets it from the picker. */
function file(name: string, bytes: Uint8Array | string): { name: string; bytes: Uint8Array } {
  const path = join(work, name);
  writeFileSync(path, typeof bytes === 'string' ? bytes : Buffer.from(bytes));
  return { name, bytes: new Uint8Array(readFileSync(path)) };
}

let dbCount = 0;
const newStore = () => new ContactsStore(openSendDatabase(join(work, `db${dbCount++}.sqlite`)));

const japaneseCsv =
  '名前,会社名,FAX番号,備考\r\n山田 太郎,山田商事,03-1234-5678,"請求書は月末に"\r\n佐藤 花子,佐藤工業,06-6123-4567,\r\n';

describe('reading address-book files', () => {
  it('reads UTF-8 CSV with Japanese headers, with and without a BOM', () => {
    for (const bom of [false, true]) {
      const bytes = new TextEncoder().encode((bom ? '\ufeff' : '') + japaneseCsv);
      const rows = readContactsFile(`jp${bom}.csv`, file(`jp${bom}.csv`, bytes).bytes);
      expect(rows).toEqual([
        {
          line: 2,
          name: '山田 太郎',
          company: '山田商事',
          faxNumber: '03-1234-5678',
          note: '請求書は月末に',
        },
        { line: 3, name: '佐藤 花子', company: '佐藤工業', faxNumber: '06-6123-4567', note: '' },
      ]);
    }
  });

  it('detects Shift_JIS (older Excel) and reads the same contacts', () => {
    const sjis = file('sjis.csv', shiftJis(japaneseCsv));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(sjis.bytes)).toThrow();
    expect(decodeText(sjis.bytes)).toBe(japaneseCsv);
    expect(readContactsFile(sjis.name, sjis.bytes).map((r) => r.name)).toEqual([
      '山田 太郎',
      '佐藤 花子',
    ]);
  });

  it("reads Outlook's English CSV (first/last name, Business Fax) and semicolon Excel CSV", () => {
    const outlook = file(
      'outlook.csv',
      'First Name,Last Name,Company,Business Phone,Business Fax\r\nJohn,Smith,Acme,(212) 555-0100,(212) 555-0199\r\n',
    );
    expect(readContactsFile(outlook.name, outlook.bytes)).toEqual([
      { line: 2, name: 'Smith John', company: 'Acme', faxNumber: '(212) 555-0199', note: '' },
    ]);
    const semi = file('semi.csv', 'Name;Fax\r\nBob;+1 212 555 0199\r\n');
    expect(readContactsFile(semi.name, semi.bytes)[0]?.faxNumber).toBe('+1 212 555 0199');
  });

  it('counts lines across quoted line breaks and blank lines', () => {
    const csv = file(
      'lines.csv',
      'Name,Fax,Note\n"A",03-1234-5678,"two\nlines"\n\nB,06-6123-4567,\n',
    );
    expect(readContactsFile(csv.name, csv.bytes).map((r) => [r.name, r.line])).toEqual([
      ['A', 2],
      ['B', 5],
    ]);
  });

  it('refuses a CSV without a fax column, and an empty file', () => {
    const noFax = file('nofax.csv', 'Name,Phone\nA,03-1234-5678\n');
    expect(() => readContactsFile(noFax.name, noFax.bytes)).toThrow(
      expect.objectContaining({ code: 'contacts_file_no_fax_column' }),
    );
    expect(() => readContactsFile('e.csv', new Uint8Array())).toThrow(AppError);
  });

  it('reads vCard 3 (TEL;TYPE=FAX) and vCard 4 (tel: URI, TYPE="fax,work")', () => {
    const cards = file(
      'cards.vcf',
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:山田;太郎;;;',
        'FN:山田 太郎',
        'ORG:山田商事;営業部',
        'TEL;TYPE=WORK,VOICE:03-1111-2222',
        'TEL;TYPE=WORK,FAX:03-1234-5678',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:John Smith',
        'TEL;VALUE=uri;TYPE="fax,work":tel:+1-212-555-0199',
        'NOTE:Orders only\\, mornings',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:No Fax',
        'TEL;TYPE=cell:tel:+81-90-1234-5678',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    expect(readContactsFile(cards.name, cards.bytes)).toEqual([
      {
        line: 1,
        name: '山田 太郎',
        company: '山田商事 営業部',
        faxNumber: '03-1234-5678',
        note: '',
      },
      {
        line: 9,
        name: 'John Smith',
        company: '',
        faxNumber: '+1-212-555-0199',
        note: 'Orders only, mornings',
      },
      { line: 15, name: 'No Fax', company: '', faxNumber: '', note: '' },
    ]);
  });
});

describe('importing: preview, then all or nothing', () => {
  it('reports the bad line and duplicates, saves nothing until the commit, then all', async () => {
    const store = newStore();
    store.save({ name: 'Known', company: '', faxNumber: '06-6123-4567', note: '' }, 'JP');
    const csv = file(
      'mixed.csv',
      'Name,Company,Fax\nA,,03-1234-5678\nBad,,12ab\nKnown again,,+81 6-6123-4567\nA twice,,0312345678\nNo number,,\nB,,045-123-4567\n',
    );
    const imports = new ContactImports();
    const preview = await imports.preview(store, csv.name, csv.bytes, 'JP');
    expect(preview.add).toBe(2);
    expect(preview.errors).toEqual([
      { line: 3, reason: 'number_not_a_number', input: '12ab', name: 'Bad' },
      { line: 6, reason: 'no_fax_number', input: '', name: 'No number' },
    ]);
    expect(preview.duplicates).toEqual([
      {
        line: 4,
        name: 'Known again',
        faxNumber: '+81661234567',
        existing: 'Known',
        sameAsLine: null,
      },
      { line: 5, name: 'A twice', faxNumber: '+81312345678', existing: null, sameAsLine: 2 },
    ]);
    expect(store.all()).toHaveLength(1);
    expect(imports.commit(store, preview.token)).toEqual({ added: 2 });
    expect(store.all().map((c) => [c.name, c.faxNumber])).toEqual([
      ['A', '+81312345678'],
      ['B', '+81451234567'],
      ['Known', '+81661234567'],
    ]);
    // A token is used once.
    expect(() => imports.commit(store, preview.token)).toThrow(
      expect.objectContaining({ code: 'contacts_import_expired' }),
    );
  });

  it('commits nothing when the address book gained one of the numbers after the preview', async () => {
    const store = newStore();
    const csv = file('race.csv', 'Name,Fax\nA,03-1234-5678\nB,045-123-4567\n');
    const imports = new ContactImports();
    const preview = await imports.preview(store, csv.name, csv.bytes, 'JP');
    store.save({ name: 'Typed meanwhile', company: '', faxNumber: '045-123-4567', note: '' }, 'JP');
    expect(() => imports.commit(store, preview.token)).toThrow(
      expect.objectContaining({ code: 'contacts_import_changed' }),
    );
    expect(store.all().map((c) => c.name)).toEqual(['Typed meanwhile']);
  });

  it("refuses another account's token and an expired one", async () => {
    let clock = 0;
    const imports = new ContactImports(() => clock);
    const csv = file('one.csv', 'Name,Fax\nA,03-1234-5678\n');
    const mine = newStore();
    const token = (await imports.preview(mine, csv.name, csv.bytes, 'JP')).token;
    expect(() => imports.commit(newStore(), token)).toThrow(AppError);
    const later = (await imports.preview(mine, csv.name, csv.bytes, 'JP')).token;
    clock = 31 * 60_000;
    expect(() => imports.commit(mine, later)).toThrow(AppError);
    expect(mine.all()).toEqual([]);
  });
});

describe('exporting', () => {
  const seed = (store: ContactsStore) => {
    store.save(
      { name: '山田 太郎', company: '山田商事', faxNumber: '03-1234-5678', note: '請求書, 月末' },
      'JP',
    );
    store.save(
      {
        name: 'John "JS" Smith',
        company: 'Acme; Inc',
        faxNumber: '+1 212 555 0199',
        note: 'line1\nline2',
      },
      'JP',
    );
  };
  const shape = (store: ContactsStore) =>
    store.all().map(({ name, company, faxNumber, note }) => ({ name, company, faxNumber, note }));

  it('writes CSV (UTF-8 BOM, text numbers) that re-imports to the same contacts', async () => {
    const source = newStore();
    seed(source);
    const csv = file('export.csv', writeCsv(source.all()));
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeText(csv.bytes)).toContain('+81 3 1234 5678');
    const target = newStore();
    const imports = new ContactImports();
    const preview = await imports.preview(target, csv.name, csv.bytes, 'US');
    expect(preview.errors).toEqual([]);
    imports.commit(target, preview.token);
    expect(shape(target)).toEqual(shape(source));
  });

  it('writes vCard 4 that re-imports to the same contacts', async () => {
    const source = newStore();
    source.save(
      { name: '山田 太郎', company: '山田商事', faxNumber: '03-1234-5678', note: 'a, b' },
      'JP',
    );
    const vcf = file('export.vcf', writeVcards(source.all()));
    const text = decodeText(vcf.bytes);
    expect(text).toContain('VERSION:4.0');
    expect(text).toMatch(/TEL;TYPE=fax;VALUE=uri:tel:\+81312345678/);
    const target = newStore();
    const imports = new ContactImports();
    imports.commit(target, (await imports.preview(target, vcf.name, vcf.bytes, 'JP')).token);
    expect(shape(target)).toEqual(shape(source));
  });
});
