/**
 * Reading and writing address-book files: CSV with a header row (as Excel, Outlook and
 * Japanese office tools write them, in UTF-8 with or without BOM, UTF-16 or Shift_JIS) and
 * vCard 3/4. Pure functions over bytes; what to import is decided in `contacts-import.ts`.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ICAL from 'ical.js';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { Contact } from '../../../preload/send-contract';
import { AppError } from '../rpc/app-error';

/** One entry read from a file, before its number is checked; `line` is where it starts. */
export interface RawContact {
  line: number;
  name: string;
  company: string;
  faxNumber: string;
  note: string;
}

/** Decodes a text file: BOMs first, then strict UTF-8, else Shift_JIS (older Japanese Excel). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** Header names → field, compared lower-case without spaces, dots, dashes or underscores. */
const headerWords: Record<'name' | 'first' | 'last' | 'company' | 'note', readonly string[]> = {
  name: [
    'name',
    'fullname',
    'displayname',
    'contact',
    'contactname',
    '名前',
    'お名前',
    '氏名',
    '名称',
    '担当者',
    '担当者名',
    '表示名',
  ],
  first: ['firstname', 'givenname', '名'],
  last: ['lastname', 'surname', 'familyname', '姓'],
  company: [
    'company',
    'companyname',
    'organization',
    'organisation',
    'org',
    '会社',
    '会社名',
    '勤務先',
    '所属',
    '組織',
    '社名',
  ],
  note: ['note', 'notes', 'memo', 'comment', 'comments', 'メモ', '備考', '注記', 'コメント'],
};
const normalise = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-・]/g, '');
const isFaxHeader = (header: string) => /fax|ファックス|ファクス|ﾌｧｯｸｽ/.test(normalise(header));

/** Which column holds what; the first fax column wins (Outlook writes several). */
function mapHeader(header: readonly string[]) {
  const find = (words: readonly string[]) =>
    header.findIndex((cell) => words.includes(normalise(cell)));
  return {
    name: find(headerWords.name),
    first: find(headerWords.first),
    last: find(headerWords.last),
    company: find(headerWords.company),
    note: find(headerWords.note),
    fax: header.findIndex(isFaxHeader),
  };
}

/** The delimiter of a CSV file, guessed from its header line (Excel writes `;` in some locales). */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => [d, first.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Reads a CSV address book with a header row; refuses files without a fax column. */
export function readCsv(bytes: Uint8Array): RawContact[] {
  const text = decodeText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error: unknown) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      'contacts_file_unreadable',
      `Not a CSV file${line ? ` (line ${line})` : ''}: ${(error as Error).message}`,
    );
  }
  const [head, ...rest] = records;
  if (!head) throw new AppError('contacts_file_empty', 'The file has no rows');
  const columns = mapHeader(head.record);
  if (columns.fax < 0)
    throw new AppError(
      'contacts_file_no_fax_column',
      'No column named Fax or FAX番号 in the header',
    );
  const cell = (row: string[], index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
  const out: RawContact[] = [];
  let end = head.info.lines;
  for (const { record, info } of rest) {
    const line = end + 1;
    end = info.lines;
    if (record.every((value) => value.trim() === '')) continue;
    const joined = [cell(record, columns.last), cell(record, columns.first)].filter(Boolean);
    // Japanese order (姓 名) reads naturally in both languages' address books.
    const name = cell(record, columns.name) || joined.join(' ');
    out.push({
      line,
      name,
      company: cell(record, columns.company),
      faxNumber: cell(record, columns.fax),
      note: cell(record, columns.note),
    });
  }
  return out;
}

const textOf = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(textOf).filter(Boolean).join(' ')
    : typeof value === 'string'
      ? value.trim()
      : '';

/** Reads every vCard (3.0 or 4.0) in a file; the number is its first `TEL` typed FAX. */
export function readVcards(bytes: Uint8Array): RawContact[] {
  const text = decodeText(bytes);
  const starts: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (/^BEGIN:VCARD\s*$/i.test(line)) starts.push(index + 1);
  });
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error: unknown) {
    throw new AppError('contacts_file_unreadable', `Not a vCard file: ${(error as Error).message}`);
  }
  const cards = (
    Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]
  ) as unknown[];
  return cards.map((jcard, index) => {
    const card = new ICAL.Component(jcard as unknown[]);
    const fax = card.getAllProperties('tel').find((tel) => {
      const types = tel.getParameter('type');
      return [types ?? []].flat().some((type) => String(type).toLowerCase() === 'fax');
    });
    const number = textOf(fax?.getFirstValue()).replace(/^tel:/i, '');
    const structured = card.getFirstPropertyValue('n');
    return {
      line: starts[index] ?? index + 1,
      name: textOf(card.getFirstPropertyValue('fn')) || textOf(structured),
      company: textOf(card.getFirstPropertyValue('org')),
      faxNumber: number,
      note: textOf(card.getFirstPropertyValue('note')),
    };
  });
}

/** Reads an address-book file by its content (a vCard starts with BEGIN:VCARD), else by name. */
export function readContactsFile(name: string, bytes: Uint8Array): RawContact[] {
  if (bytes.length === 0) throw new AppError('contacts_file_empty', 'The file is empty');
  const start = decodeText(bytes.subarray(0, 64)).trimStart();
  if (/^BEGIN:VCARD/i.test(start) || /\.(vcf|vcard)$/i.test(name)) return readVcards(bytes);
  return readCsv(bytes);
}

/**
 * CSV for Excel: UTF-8 with a BOM (so Excel does not read it as Shift_JIS) and numbers in
 * international form with spaces (so Excel keeps them as text rather than a number).
 */
export function writeCsv(contacts: readonly Contact[]): Uint8Array {
  const text = stringify(
    contacts.map((c) => [c.name, c.company, formatFaxNumber(c.faxNumber, ''), c.note]),
    {
      header: true,
      columns: ['Name', 'Company', 'Fax', 'Note'],
      bom: true,
      record_delimiter: 'windows',
    },
  );
  return new TextEncoder().encode(text);
}

/** vCard 4.0 (RFC 6350), one card per contact, the number as a `tel:` URI typed fax. */
export function writeVcards(contacts: readonly Contact[]): Uint8Array {
  const text = contacts
    .map((contact) => {
      const card = new ICAL.Component('vcard');
      card.addPropertyWithValue('version', '4.0');
      card.addPropertyWithValue('fn', contact.name);
      if (contact.company) card.addPropertyWithValue('org', contact.company);
      const tel = card.addPropertyWithValue('tel', `tel:${contact.faxNumber}`);
      tel.setParameter('type', 'fax');
      tel.setParameter('value', 'uri');
      if (contact.note) card.addPropertyWithValue('note', contact.note);
      return `${card.toString()}\r\n`;
    })
    .join('');
  return new TextEncoder().encode(text);
}
