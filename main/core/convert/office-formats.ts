/** The file types Kamifax turns into PDF before a fax (issue 12). */
export const officeExtensions = [
  '.docx',
  '.doc',
  '.xlsx',
  '.xls',
  '.pptx',
  '.ppt',
  '.odt',
  '.ods',
  '.odp',
  '.rtf',
  '.txt',
  '.csv',
] as const;

/** One of the convertible extensions, with its dot. */
export type OfficeExtension = (typeof officeExtensions)[number];

/** The paper a conversion lays plain text and CSV out on. */
export type Paper = 'a4' | 'letter';

/** The lower-cased extension of a file name when Kamifax can convert it, else null. */
export function officeExtension(name: string): OfficeExtension | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = name.slice(dot).toLowerCase();
  return (officeExtensions as readonly string[]).includes(ext) ? (ext as OfficeExtension) : null;
}

/** True for a file name Kamifax converts (Compose and `kamifax send` accept these like PDFs). */
export function isOfficeFile(name: string): boolean {
  return officeExtension(name) !== null;
}

// Countries where Letter is the usual office paper; everywhere else uses A4.
const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PH',
  'CL',
  'CO',
  'VE',
  'GT',
  'CR',
  'PA',
  'DO',
  'PR',
  'SV',
  'NI',
  'HN',
  'BZ',
]);

/** The locale's paper: Letter in North America and the countries that follow it, else A4. */
export function paperForLocale(locale: string): Paper {
  const region = /[-_]([A-Za-z]{2})(?:[-_.@]|$)/.exec(locale)?.[1]?.toUpperCase();
  return region && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}

const OOXML = new Set<string>(['.docx', '.xlsx', '.pptx']);
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * An encrypted .docx/.xlsx/.pptx is not a zip but an OLE compound file holding the encrypted
 * package: telling it up front gives the "password" answer without asking LibreOffice.
 */
export function isEncryptedOoxml(ext: OfficeExtension, head: Uint8Array): boolean {
  return OOXML.has(ext) && CFB_MAGIC.every((byte, i) => head[i] === byte);
}
