import type { WorkerLimits, WorkerVerdict } from './inspect-worker';

/** Inflates `data` (zlib), throwing if it is damaged or would exceed `max` bytes. */
export type Inflate = (data: Uint8Array, max: number) => Uint8Array;

/**
 * A bounded, allocation-light reading of the document that reaches pdf-lib's verdict without
 * pdf-lib's full parse, or `null` ("read it with pdf-lib") for anything it is not sure of.
 *
 * It walks the file the way pdf-lib's `PDFParser` does (objects one after another from the
 * header, stream bodies skipped by a direct `/Length`, object streams opened, xref sections,
 * trailers), but builds only numbers, names, arrays, dictionaries and references, and then
 * follows the page tree and each page's MediaBox exactly as `PDFDocument.getPages()` and
 * `getMediaBox()` do. It is stricter than pdf-lib everywhere: every construct where pdf-lib
 * would recover, warn, skip junk or take a different path (comments inside objects, a missing
 * `endobj` or `endstream`, an indirect `/Length`, an object defined twice, a generation other
 * than 0, more than one catalog, an `/Encrypt` entry, escapes in names, numbers past 2^53, a
 * page-tree node seen twice, unusual node types, too many tokens or too much inflated object
 * data) answers `null`. So for a document it does answer, pdf-lib reads the same objects and
 * reaches the same verdict; everything odd, hostile or over a budget still goes to pdf-lib in
 * the worker under its time and heap budgets.
 *
 * The function is self-contained (no imports, no outer variables): the inspection worker runs
 * its source text (`inspect-worker.ts`).
 */
export function quickInspect(
  bytes: Uint8Array,
  limits: WorkerLimits,
  inflate: Inflate,
): WorkerVerdict | null {
  /** Thrown to give up; caught below and answered `null`. */
  const unsure = { unsure: true };
  const maxTokens = 200_000;
  const maxDepth = 64;
  /** Bytes that object streams may inflate to on this path (a fax's are a few kB). */
  const maxObjectStreamBytes = 2 * 1024 * 1024;

  type Ref = { ref: number };
  type Stream = { dict: Map<string, Value>; start: number; end: number };
  type Value = number | boolean | null | string | Ref | Value[] | Map<string, Value> | Stream;
  // Names are kept as "/Name"; strings (whose content never matters here) as "(" or "<".

  const objects = new Map<number, Value>();
  let trailerRoot: Value | undefined;
  let tokens = 0;
  let inflated = 0;

  const isWhite = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
  const isDelim = (c: number) =>
    c === 40 ||
    c === 41 ||
    c === 60 ||
    c === 62 ||
    c === 91 ||
    c === 93 ||
    c === 123 ||
    c === 125 ||
    c === 47 ||
    c === 37;
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const give = (): never => {
    throw unsure;
  };

  /** A parser over one buffer: the file, or an object stream's inflated bytes. */
  function reader(buf: Uint8Array) {
    let at = 0;
    const len = buf.length;
    const ended = (i: number) => i >= len || isWhite(buf[i]!) || isDelim(buf[i]!);
    const white = () => {
      while (at < len && isWhite(buf[at]!)) at += 1;
    };
    /** Whitespace and comments (between top-level sections only). */
    const whiteAndComments = () => {
      white();
      while (at < len && buf[at] === 37) {
        while (at < len && buf[at] !== 10 && buf[at] !== 13) at += 1;
        white();
      }
    };
    /** Whitespace inside an object: a comment there makes us unsure. */
    const whiteStrict = () => {
      white();
      if (at < len && buf[at] === 37) give();
    };
    const keyword = (word: string, delimited: boolean) => {
      if (at + word.length > len) return false;
      for (let i = 0; i < word.length; i += 1) if (buf[at + i] !== word.charCodeAt(i)) return false;
      if (delimited && !ended(at + word.length)) return false;
      at += word.length;
      return true;
    };
    const rawInt = () => {
      const start = at;
      while (at < len && isDigit(buf[at]!)) at += 1;
      if (at === start || at - start > 15) give();
      let value = 0;
      for (let i = start; i < at; i += 1) value = value * 10 + buf[i]! - 48;
      return value;
    };
    /** pdf-lib's `parseRawNumber`, on the strict forms only; returns the text and its value. */
    const rawNumber = () => {
      const start = at;
      let period = false;
      while (at < len) {
        const c = buf[at]!;
        if (!(isDigit(c) || c === 43 || c === 45 || c === 46)) break;
        at += 1;
        if (c === 46) {
          period = true;
          break;
        }
      }
      if (period) while (at < len && isDigit(buf[at]!)) at += 1;
      if (!ended(at) || at - start > 20) give();
      let text = '';
      for (let i = start; i < at; i += 1) text += String.fromCharCode(buf[i]!);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) give();
      const value = Number(text);
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) give();
      return { text, value };
    };
    const name = () => {
      at += 1;
      const start = at;
      while (at < len && !isWhite(buf[at]!) && !isDelim(buf[at]!)) {
        const c = buf[at]!;
        // Escapes (#xx) and bytes outside printable ASCII: leave them to pdf-lib.
        if (c === 35 || c < 33 || c > 126) give();
        at += 1;
      }
      if (at === start || at - start > 127) give();
      let text = '/';
      for (let i = start; i < at; i += 1) text += String.fromCharCode(buf[i]!);
      return text;
    };
    const value = (depth: number, inObjectStream: boolean): Value => {
      tokens += 1;
      if (tokens > maxTokens || depth > maxDepth) give();
      whiteStrict();
      if (at >= len) give();
      const c = buf[at]!;
      if (c === 60 && buf[at + 1] === 60) {
        at += 2;
        const dict = new Map<string, Value>();
        for (;;) {
          whiteStrict();
          if (at >= len) give();
          if (buf[at] === 62) {
            if (buf[at + 1] !== 62) give();
            at += 2;
            break;
          }
          if (buf[at] !== 47) give();
          const key = name();
          dict.set(key, value(depth + 1, inObjectStream));
        }
        // pdf-lib resolves /Type through references in places (an object stream, a catalog):
        // only a direct name is ours.
        const type = dict.get('/Type');
        if (type !== undefined && typeof type !== 'string') give();
        // pdf-lib looks for "stream" after every dictionary, past comments too (and its
        // keyword test is a prefix).
        const afterDict = at;
        white();
        if (at < len && buf[at] === 37) give();
        if (keyword('stream', false)) {
          if (inObjectStream) give();
          // pdf-lib's order: "stream \r\n", "stream\r\n", "stream\r", "stream\n", "stream".
          if (buf[at] === 32 && buf[at + 1] === 13 && buf[at + 2] === 10) at += 3;
          else if (buf[at] === 13 && buf[at + 1] === 10) at += 2;
          else if (buf[at] === 13 || buf[at] === 10) at += 1;
          const length = dict.get('/Length');
          if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) give();
          const start = at;
          const end = start + (length as number);
          if (end > len) give();
          at = end;
          white();
          if (!keyword('endstream', false)) give();
          return { dict, start, end };
        }
        at = afterDict;
        return dict;
      }
      if (c === 60) {
        at += 1;
        while (at < len && buf[at] !== 62) at += 1;
        if (at >= len) give();
        at += 1;
        return '<';
      }
      if (c === 40) {
        // pdf-lib's parseString: nesting counted on unescaped parentheses.
        let nesting = 0;
        let escaped = false;
        while (at < len) {
          const b = buf[at]!;
          at += 1;
          if (!escaped) {
            if (b === 40) nesting += 1;
            if (b === 41) nesting -= 1;
          }
          if (b === 92) escaped = !escaped;
          else if (escaped) escaped = false;
          if (nesting === 0) return '(';
        }
        return give();
      }
      if (c === 47) return name();
      if (c === 91) {
        at += 1;
        const array: Value[] = [];
        for (;;) {
          whiteStrict();
          if (at >= len) give();
          if (buf[at] === 93) {
            at += 1;
            return array;
          }
          array.push(value(depth + 1, inObjectStream));
        }
      }
      if (isDigit(c) || c === 43 || c === 45 || c === 46) {
        const first = rawNumber();
        const back = at;
        whiteStrict();
        if (at < len && isDigit(buf[at]!)) {
          const second = rawNumber();
          whiteStrict();
          if (buf[at] === 82) {
            // A reference: only the plain "N 0 R" form.
            if (!/^\d+$/.test(first.text) || second.text !== '0' || !ended(at + 1)) give();
            at += 1;
            return { ref: first.value };
          }
        }
        at = back;
        return first.value;
      }
      if (keyword('true', true)) return true;
      if (keyword('false', true)) return false;
      if (keyword('null', true)) return null;
      return give();
    };
    return {
      get at() {
        return at;
      },
      set at(to: number) {
        at = to;
      },
      len,
      white,
      whiteAndComments,
      keyword,
      rawInt,
      value,
    };
  }

  const define = (num: number, object: Value) => {
    // Object 0 (which pdf-lib deletes) or a second definition (pdf-lib keeps the last one
    // it meets, a viewer the one the xref names): pdf-lib decides.
    if (num < 1 || objects.has(num)) give();
    objects.set(num, object);
  };
  const isStream = (v: Value | undefined): v is Stream =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && 'dict' in v;
  const isRef = (v: Value | undefined): v is Ref =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && 'ref' in v;
  const flate = (stream: Stream, max: number) => {
    const filter = stream.dict.get('/Filter');
    if (filter !== '/FlateDecode') give();
    try {
      return inflate(bytes.subarray(stream.start, stream.end), max);
    } catch {
      return give();
    }
  };
  const nonNegativeInt = (v: Value | undefined) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : give();

  function objectStream(stream: Stream): void {
    const count = nonNegativeInt(stream.dict.get('/N'));
    const first = nonNegativeInt(stream.dict.get('/First'));
    const data = flate(stream, maxObjectStreamBytes - inflated);
    inflated += data.length;
    const inner = reader(data);
    const entries: [number, number][] = [];
    for (let i = 0; i < count; i += 1) {
      inner.white();
      const num = inner.rawInt();
      inner.white();
      entries.push([num, inner.rawInt()]);
    }
    for (const [num, offset] of entries) {
      if (first + offset >= data.length) give();
      inner.at = first + offset;
      define(num, inner.value(0, true));
    }
  }

  function xrefStream(stream: Stream): void {
    const { dict } = stream;
    const size = nonNegativeInt(dict.get('/Size'));
    const widths = dict.get('/W');
    if (!Array.isArray(widths) || widths.length !== 3) return give();
    const rowBytes = widths.reduce<number>((sum, w) => sum + nonNegativeInt(w), 0);
    const index = dict.get('/Index') ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 !== 0) return give();
    let rows = 0;
    for (let i = 1; i < index.length; i += 2) {
      nonNegativeInt(index[i - 1]);
      rows += nonNegativeInt(index[i]);
    }
    if (stream.dict.get('/Filter') !== '/FlateDecode' || rows * rowBytes > 8 * 1024 * 1024) give();
    // pdf-lib decodes it and reads its rows, which we need not. Should that throw, pdf-lib
    // keeps its earlier trailer (no matter: there is one catalog and no /Encrypt anywhere)
    // and reads the object again as an invalid one, up to the next "endobj": past this
    // stream's end, as here, unless the stream's bytes hold one.
    for (let i = stream.start; i + 6 <= stream.end; i += 1) {
      if (
        bytes[i] === 101 &&
        bytes[i + 1] === 110 &&
        bytes[i + 2] === 100 &&
        bytes[i + 3] === 111
      ) {
        if (bytes[i + 4] === 98 && bytes[i + 5] === 106) give();
      }
    }
    // pdf-lib takes the trailer from it as a whole.
    trailerRoot = dict.get('/Root');
  }

  function walkFile(): void {
    const file = reader(bytes);
    if (!file.keyword('%PDF-', false)) give();
    file.rawInt();
    if (!file.keyword('.', false)) give();
    file.rawInt();
    file.whiteAndComments();
    let sections = 0;
    while (file.at < file.len) {
      sections += 1;
      if (sections > 10_000) give();
      const startedAt = file.at;
      // Indirect objects, one after another.
      while (file.at < file.len && isDigit(bytes[file.at]!)) {
        const num = file.rawInt();
        file.white();
        if (file.rawInt() !== 0) give();
        file.white();
        if (!file.keyword('obj', true)) give();
        const object = file.value(0, false);
        file.white();
        if (!file.keyword('endobj', true)) give();
        if (isStream(object)) {
          if (object.dict.has('/Encrypt')) give();
          const type = object.dict.get('/Type');
          if (type === '/ObjStm') objectStream(object);
          else if (type === '/XRef') xrefStream(object);
          else define(num, object);
        } else define(num, object);
        file.whiteAndComments();
      }
      // A classic xref section, read as pdf-lib reads it.
      if (file.keyword('xref', true)) {
        file.whiteAndComments();
        while (file.at < file.len && isDigit(bytes[file.at]!)) {
          file.rawInt();
          file.white();
          file.rawInt();
          file.white();
          const c = bytes[file.at];
          if (c === 110 || c === 102) file.at += 1;
          file.whiteAndComments();
        }
      }
      if (file.keyword('trailer', true)) {
        file.whiteAndComments();
        const dict = file.value(0, false);
        if (!(dict instanceof Map) || dict.has('/Encrypt')) give();
        trailerRoot = (dict as Map<string, Value>).get('/Root') ?? trailerRoot;
        file.whiteAndComments();
      }
      if (file.keyword('startxref', true)) {
        file.whiteAndComments();
        file.rawInt();
        file.whiteAndComments();
      }
      // Anything else here is junk pdf-lib would skip over: not ours to judge.
      if (file.at === startedAt) give();
    }
  }

  const lookup = (v: Value | undefined): Value | undefined => (isRef(v) ? objects.get(v.ref) : v);
  const typeOf = (v: Value | undefined) => (v instanceof Map ? v.get('/Type') : undefined);

  function pagesOf(): Map<string, Value>[] {
    // Exactly one catalog, and the trailer names it: then pdf-lib's choice (the trailer's
    // Root, or its search for a catalog) is that one.
    const catalogs = [...objects.values()].filter(
      (o) => typeOf(o) === '/Catalog' || (isStream(o) && o.dict.get('/Type') === '/Catalog'),
    );
    const catalog = lookup(trailerRoot);
    if (catalogs.length !== 1 || catalogs[0] !== catalog || !(catalog instanceof Map)) give();
    const root = (catalog as Map<string, Value>).get('/Pages');
    const tree = lookup(root);
    if (!isRef(root) || !(tree instanceof Map) || tree.get('/Type') !== '/Pages') give();
    const pages: Map<string, Value>[] = [];
    const seen = new Set<Value>();
    const visit = (node: Map<string, Value>, depth: number) => {
      if (depth > maxDepth || seen.has(node)) give();
      seen.add(node);
      const kids = lookup(node.get('/Kids'));
      if (!Array.isArray(kids)) return give();
      for (const kid of kids) {
        const child = lookup(kid);
        if (!isRef(kid) || !(child instanceof Map) || seen.has(child)) give();
        const type = (child as Map<string, Value>).get('/Type');
        if (type === '/Pages') visit(child as Map<string, Value>, depth + 1);
        else if (type === '/Page') {
          seen.add(child as Map<string, Value>);
          pages.push(child as Map<string, Value>);
        } else give();
      }
    };
    visit(tree as Map<string, Value>, 0);
    return pages;
  }

  /** `getMediaBox()`'s width and height, or null where it throws (the worker skips the page). */
  function mediaBox(page: Map<string, Value>): { width: number; height: number } | null {
    let node: Map<string, Value> = page;
    let box: Value | undefined;
    // pdf-lib ascends the whole chain of parents (a bad one throws) and keeps the first box.
    for (let depth = 0; ; depth += 1) {
      if (depth > maxDepth) give();
      box ??= node.get('/MediaBox');
      const parent = node.get('/Parent');
      if (parent === undefined) break;
      const up = lookup(parent);
      if (!isRef(parent) || !(up instanceof Map) || up.get('/Type') !== '/Pages') give();
      node = up as Map<string, Value>;
    }
    const array = lookup(box);
    if (!Array.isArray(array) || array.length !== 4) return null;
    // pdf-lib resolves references to numbers in it: not ours.
    if (array.some(isRef)) give();
    if (array.some((n) => typeof n !== 'number')) return null;
    const [llx, lly, urx, ury] = array as number[];
    return { width: urx! - llx!, height: ury! - lly! };
  }

  try {
    walkFile();
    if (trailerRoot === undefined) give();
    const pages = pagesOf();
    if (pages.length < 1) return { kind: 'no_pages' };
    if (pages.length > limits.maxPages) return { kind: 'too_many_pages', pages: pages.length };
    for (let index = 0; index < pages.length; index += 1) {
      const box = mediaBox(pages[index]!);
      if (!box) continue;
      const width = Math.abs(box.width);
      const height = Math.abs(box.height);
      if (!Number.isFinite(width) || !Number.isFinite(height) || width === 0 || height === 0) {
        return { kind: 'unreadable' };
      }
      if (
        Math.max(width, height) > limits.maxPageLong ||
        Math.min(width, height) > limits.maxPageShort
      ) {
        return { kind: 'page_too_large', page: index + 1, width, height };
      }
    }
    return { kind: 'ok', pages: pages.length };
  } catch (error) {
    if (error === unsure) return null;
    // Our own mistake: the worker gives the document to pdf-lib; the fuzz test fails on it.
    throw error;
  }
}
