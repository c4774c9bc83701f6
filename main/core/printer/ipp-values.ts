import ipp from 'ipp-encoder';

/** ipp-encoder's constants (tags, operations, status codes). */
export const C = ipp.CONSTANTS;

/** One attribute as ipp-encoder encodes it. */
export interface IppAttribute {
  tag: number;
  name: string;
  value: unknown;
}

const BEG_COLLECTION = 0x34;
const END_COLLECTION = 0x37;
const MEMBER_NAME = 0x4a;

/** A keyword (or several). */
export const keyword = (name: string, value: string | string[]): IppAttribute => ({
  tag: C.KEYWORD,
  name,
  value,
});
/** An integer (or several). */
export const integer = (name: string, value: number | number[]): IppAttribute => ({
  tag: C.INTEGER,
  name,
  value,
});
/** An enum (or several). */
export const enumValue = (name: string, value: number | number[]): IppAttribute => ({
  tag: C.ENUM,
  name,
  value,
});
/** A boolean. */
export const bool = (name: string, value: boolean): IppAttribute => ({
  tag: C.BOOLEAN,
  name,
  value,
});
/** A URI (or several). */
export const uri = (name: string, value: string | string[]): IppAttribute => ({
  tag: C.URI,
  name,
  value,
});
/** Text without language. */
export const text = (name: string, value: string | string[]): IppAttribute => ({
  tag: C.TEXT_WITHOUT_LANG,
  name,
  value,
});
/** A name without language. */
export const nameValue = (name: string, value: string | string[]): IppAttribute => ({
  tag: C.NAME_WITHOUT_LANG,
  name,
  value,
});
/** A MIME media type (or several). */
export const mime = (name: string, value: string | string[]): IppAttribute => ({
  tag: C.MIME_MEDIA_TYPE,
  name,
  value,
});
/** An out-of-band value: `unknown` (0x12) or `no-value` (0x13). */
export const outOfBand = (name: string, tag: 0x12 | 0x13): IppAttribute => ({
  tag,
  name,
  value: '',
});

/**
 * Octet-string values ipp-encoder has no dedicated encoder for (rangeOfInteger, resolution)
 * go through its string path, which writes UTF-8: exact only while every byte is below 0x80.
 * The values we advertise (1–1, 300 and 600 dpi) are; anything else is refused here rather
 * than sent wrong.
 */
function rawOctets(bytes: number[]): string {
  if (bytes.some((b) => b < 0 || b > 0x7f)) throw new Error('value cannot be encoded exactly');
  return String.fromCharCode(...bytes);
}

function be32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** A rangeOfInteger. */
export const range = (name: string, low: number, high: number): IppAttribute => ({
  tag: C.RANGE_OF_INTEGER,
  name,
  value: rawOctets([...be32(low), ...be32(high)]),
});

/** A resolution in dots per inch (one or several). */
export const resolution = (name: string, dpi: number[]): IppAttribute => ({
  tag: C.RESOLUTION,
  name,
  value: dpi.map((d) => rawOctets([...be32(d), ...be32(d), 3])),
});

/** A dateTime in UTC (ipp-encoder writes local time with a sign bug east of UTC; UTC avoids it). */
export function dateTime(name: string, date: Date): IppAttribute {
  const utc = {
    getFullYear: () => date.getUTCFullYear(),
    getMonth: () => date.getUTCMonth(),
    getDate: () => date.getUTCDate(),
    getHours: () => date.getUTCHours(),
    getMinutes: () => date.getUTCMinutes(),
    getSeconds: () => date.getUTCSeconds(),
    getMilliseconds: () => date.getUTCMilliseconds(),
    getTimezoneOffset: () => 0,
  };
  return { tag: C.DATE_TIME, name, value: utc };
}

/** One member of a collection: its memberAttrName, then its value(s). */
export function member(attr: IppAttribute): IppAttribute[] {
  const list = Array.isArray(attr.value) ? (attr.value as unknown[]) : [attr.value];
  return [
    { tag: MEMBER_NAME, name: '', value: attr.name },
    ...list.map((value) => ({ tag: attr.tag, name: '', value })),
  ];
}

/** A member whose value is itself a collection (media-col's media-size). */
export function memberCollection(name: string, items: IppAttribute[]): IppAttribute[] {
  return [
    { tag: MEMBER_NAME, name: '', value: name },
    { tag: BEG_COLLECTION, name: '', value: '' },
    ...items,
    { tag: END_COLLECTION, name: '', value: '' },
  ];
}

/**
 * Collections (RFC 8010 §3.1.6) written as the flat sequence they are on the wire:
 * begCollection, members, endCollection, per value. ipp-encoder writes each item as given
 * (it has no collection type of its own), so the bytes come out exactly as the RFC lays them.
 */
export function collection(name: string, values: IppAttribute[][]): IppAttribute[] {
  return values.flatMap((items, index) => [
    { tag: BEG_COLLECTION, name: index === 0 ? name : '', value: '' },
    ...items,
    { tag: END_COLLECTION, name: '', value: '' },
  ]);
}
