import { printFormats } from './print-documents';
import {
  bool,
  C,
  collection,
  dateTime,
  enumValue,
  integer,
  keyword,
  member,
  memberCollection,
  mime,
  nameValue,
  range,
  resolution,
  text,
  uri,
  type IppAttribute,
} from './ipp-values';

/** What the printer attributes depend on. */
export interface PrinterFacts {
  url: string;
  uuid: string;
  paper: 'a4' | 'letter';
  accepting: boolean;
  queued: number;
  upSince: number;
  stateChangedAt: number;
}

/** Operations ipp-encoder has no constant for (PWG 5100.11 and 5100.13). */
export const CANCEL_MY_JOBS = 0x39;
export const CLOSE_JOB = 0x3b;
export const IDENTIFY_PRINTER = 0x3c;

/** The operations the endpoint answers (IPP Everywhere's required set for a print-only printer). */
export const supportedOperations = [
  C.PRINT_JOB,
  C.VALIDATE_JOB,
  C.CREATE_JOB,
  C.SEND_DOCUMENT,
  C.CANCEL_JOB,
  C.GET_JOB_ATTRIBUTES,
  C.GET_JOBS,
  C.GET_PRINTER_ATTRIBUTES,
  CANCEL_MY_JOBS,
  CLOSE_JOB,
  IDENTIFY_PRINTER,
];

const MEDIA = {
  a4: { keyword: 'iso_a4_210x297mm', x: 21000, y: 29700 },
  letter: { keyword: 'na_letter_8.5x11in', x: 21590, y: 27940 },
};

function mediaCol(paper: 'a4' | 'letter', withMargins = true): IppAttribute[] {
  const m = MEDIA[paper];
  return [
    ...memberCollection('media-size', [
      ...member(integer('x-dimension', m.x)),
      ...member(integer('y-dimension', m.y)),
    ]),
    ...(withMargins
      ? [
          ...member(integer('media-bottom-margin', 0)),
          ...member(integer('media-left-margin', 0)),
          ...member(integer('media-right-margin', 0)),
          ...member(integer('media-top-margin', 0)),
          ...member(keyword('media-source', 'auto')),
          ...member(keyword('media-type', 'stationery')),
        ]
      : []),
  ];
}

/** Every printer attribute, by name (each name may expand to several wire items: collections). */
export function printerAttributes(facts: PrinterFacts, now: number): Map<string, IppAttribute[]> {
  const other = facts.paper === 'a4' ? 'letter' : 'a4';
  const upSeconds = (at: number) => Math.max(1, Math.round((at - facts.upSince) / 1000) + 1);
  const list: IppAttribute[][] = [
    [uri('printer-uri-supported', facts.url)],
    [keyword('uri-security-supported', 'none')],
    [keyword('uri-authentication-supported', 'none')],
    [nameValue('printer-name', 'Kamifax')],
    [text('printer-info', 'Kamifax: print to fax')],
    [text('printer-location', 'This computer')],
    [text('printer-make-and-model', 'Kamifax Virtual Fax Printer')],
    [uri('printer-more-info', facts.url.replace(/^ipp:/, 'http:').replace(/\/ipp\/print$/, '/'))],
    [text('printer-device-id', 'MFG:Kamifax;MDL:Virtual Fax Printer;CMD:PDF,PWGRaster,JPEG;')],
    [uri('printer-uuid', `urn:uuid:${facts.uuid}`)],
    [enumValue('printer-state', facts.queued > 0 ? C.PRINTER_PROCESSING : C.PRINTER_IDLE)],
    [keyword('printer-state-reasons', 'none')],
    [text('printer-state-message', facts.accepting ? 'Ready' : 'Not accepting jobs')],
    [bool('printer-is-accepting-jobs', facts.accepting)],
    [integer('queued-job-count', facts.queued)],
    [integer('printer-up-time', upSeconds(now))],
    [integer('printer-state-change-time', upSeconds(facts.stateChangedAt))],
    [integer('printer-config-change-time', 1)],
    [dateTime('printer-current-time', new Date(now))],
    [dateTime('printer-state-change-date-time', new Date(facts.stateChangedAt))],
    [dateTime('printer-config-change-date-time', new Date(facts.upSince))],
    [keyword('ipp-versions-supported', ['1.1', '2.0'])],
    [keyword('ipp-features-supported', ['ipp-everywhere'])],
    [enumValue('operations-supported', supportedOperations)],
    [{ tag: C.CHARSET, name: 'charset-configured', value: 'utf-8' }],
    [{ tag: C.CHARSET, name: 'charset-supported', value: 'utf-8' }],
    [{ tag: C.NATURAL_LANG, name: 'natural-language-configured', value: 'en' }],
    [{ tag: C.NATURAL_LANG, name: 'generated-natural-language-supported', value: ['en', 'ja'] }],
    [mime('document-format-default', 'application/pdf')],
    [mime('document-format-supported', [...printFormats])],
    [keyword('compression-supported', 'none')],
    [keyword('pdl-override-supported', 'attempted')],
    [bool('multiple-document-jobs-supported', false)],
    [integer('multiple-operation-time-out', 60)],
    [keyword('which-jobs-supported', ['completed', 'not-completed', 'all'])],
    [
      keyword('job-creation-attributes-supported', [
        'copies',
        'media',
        'media-col',
        'orientation-requested',
        'print-color-mode',
        'print-quality',
        'printer-resolution',
        'sides',
      ]),
    ],
    [integer('copies-default', 1)],
    [range('copies-supported', 1, 1)],
    [keyword('media-default', MEDIA[facts.paper].keyword)],
    [keyword('media-ready', MEDIA[facts.paper].keyword)],
    [keyword('media-supported', [MEDIA[facts.paper].keyword, MEDIA[other].keyword])],
    collection('media-col-default', [mediaCol(facts.paper)]),
    collection('media-col-ready', [mediaCol(facts.paper)]),
    collection('media-col-database', [mediaCol(facts.paper), mediaCol(other)]),
    collection(
      'media-size-supported',
      [mediaCol(facts.paper, false), mediaCol(other, false)].map((m) => m.slice(2, -1)),
    ),
    [
      keyword('media-col-supported', [
        'media-size',
        'media-bottom-margin',
        'media-left-margin',
        'media-right-margin',
        'media-top-margin',
        'media-source',
        'media-type',
      ]),
    ],
    [integer('media-bottom-margin-supported', 0)],
    [integer('media-left-margin-supported', 0)],
    [integer('media-right-margin-supported', 0)],
    [integer('media-top-margin-supported', 0)],
    [keyword('media-source-supported', 'auto')],
    [keyword('media-type-supported', 'stationery')],
    [enumValue('orientation-requested-default', 3)],
    [enumValue('orientation-requested-supported', [3, 4, 5, 6])],
    [keyword('output-bin-default', 'face-up')],
    [keyword('output-bin-supported', 'face-up')],
    [keyword('print-color-mode-default', 'monochrome')],
    [keyword('print-color-mode-supported', ['auto', 'monochrome'])],
    [bool('color-supported', false)],
    [enumValue('print-quality-default', 4)],
    [enumValue('print-quality-supported', [3, 4, 5])],
    [resolution('printer-resolution-default', [300])],
    [resolution('printer-resolution-supported', [300])],
    [resolution('pwg-raster-document-resolution-supported', [300])],
    [keyword('pwg-raster-document-sheet-back', 'normal')],
    [keyword('pwg-raster-document-type-supported', ['black_1', 'sgray_8', 'srgb_8'])],
    [keyword('sides-default', 'one-sided')],
    [keyword('sides-supported', 'one-sided')],
    [enumValue('finishings-default', 3)],
    [enumValue('finishings-supported', 3)],
    [keyword('print-scaling-default', 'auto')],
    [keyword('print-scaling-supported', ['auto', 'fit', 'fill', 'none'])],
    [integer('pages-per-minute', 60)],
    [keyword('identify-actions-default', 'display')],
    [keyword('identify-actions-supported', 'display')],
    [bool('job-ids-supported', true)],
    [bool('preferred-attributes-supported', false)],
    [keyword('multiple-operation-time-out-action', 'abort-job')],
    [keyword('overrides-supported', 'none')],
    [bool('page-ranges-supported', false)],
    [keyword('print-content-optimize-default', 'auto')],
    [keyword('print-content-optimize-supported', 'auto')],
    [keyword('print-rendering-intent-default', 'auto')],
    [keyword('print-rendering-intent-supported', 'auto')],
    [{ tag: C.UNKNOWN, name: 'printer-geo-location', value: '' }],
    [keyword('printer-get-attributes-supported', 'document-format')],
    [text('printer-organization', '')],
    [text('printer-organizational-unit', '')],
    [keyword('printer-kind', 'document')],
  ];
  const map = new Map<string, IppAttribute[]>();
  for (const items of list) if (items.length > 0 && items[0]!.name) map.set(items[0]!.name, items);
  return map;
}

const JOB_TEMPLATE = new Set([
  'copies-default',
  'copies-supported',
  'finishings-default',
  'finishings-supported',
  'media-default',
  'media-supported',
  'media-col-default',
  'media-col-supported',
  'media-col-ready',
  'media-ready',
  'orientation-requested-default',
  'orientation-requested-supported',
  'output-bin-default',
  'output-bin-supported',
  'print-color-mode-default',
  'print-color-mode-supported',
  'print-quality-default',
  'print-quality-supported',
  'printer-resolution-default',
  'printer-resolution-supported',
  'sides-default',
  'sides-supported',
  'print-scaling-default',
  'print-scaling-supported',
  'media-bottom-margin-supported',
  'media-left-margin-supported',
  'media-right-margin-supported',
  'media-top-margin-supported',
  'media-source-supported',
  'media-type-supported',
  'media-size-supported',
]);

/** The attributes a Get-Printer-Attributes asks for (`all` by default, or groups, or names). */
export function selectAttributes(
  all: Map<string, IppAttribute[]>,
  requested: string[] | undefined,
): IppAttribute[] {
  const wanted = requested && requested.length > 0 ? requested : ['all'];
  const out: IppAttribute[] = [];
  for (const [name, items] of all) {
    const pick =
      wanted.includes('all') ||
      wanted.includes(name) ||
      (wanted.includes('job-template') && JOB_TEMPLATE.has(name)) ||
      (wanted.includes('printer-description') &&
        !JOB_TEMPLATE.has(name) &&
        name !== 'media-col-database');
    if (pick && (name !== 'media-col-database' || wanted.includes(name) || wanted.includes('all')))
      out.push(...items);
  }
  return out;
}
