import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectionLimits } from '../../../service/pdf/inspect';
import { PdfInspector } from '../../../service/pdf/inspector';
import { quickInspect } from '../../../service/pdf/quick-inspect';
import { corpusDir, corpusPresent } from '../../helpers/corpus';
import { makePdf } from './helpers';

/**
 * The bounded reader (`quick-inspect.ts`) must never reach another verdict than pdf-lib's full
 * parse: it answers only what it is sure of and hands the rest to pdf-lib. Every PDF of the
 * shared corpus (read in place) and many truncated and mutated versions of each go through the
 * service's pool (`auto`: bounded reader first) and through a pool that always runs pdf-lib;
 * the verdicts must be equal. The reader is also run alone on each, where it must neither
 * throw nor take long.
 */

/** Deterministic, so a failure names an input that can be made again. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % below;
  };
}

function mutations(name: string, bytes: Buffer): [string, Buffer][] {
  const next = random(bytes.length);
  const out: [string, Buffer][] = [[name, bytes]];
  for (const fraction of [0.1, 0.5, 0.9, 0.99])
    out.push([
      `${name} cut at ${fraction}`,
      bytes.subarray(0, Math.floor(bytes.length * fraction)),
    ]);
  out.push([`${name} without its last 40 bytes`, bytes.subarray(0, bytes.length - 40)]);
  for (let i = 0; i < 8; i += 1) {
    const copy = Buffer.from(bytes);
    const at = next(copy.length);
    copy[at] = next(256);
    out.push([`${name} byte ${at} changed`, copy]);
  }
  // Digits stand for lengths, offsets, references, page sizes and counts.
  const digits: number[] = [];
  for (let i = 0; i < bytes.length && digits.length < 5000; i += 1)
    if (bytes[i]! >= 0x30 && bytes[i]! <= 0x39) digits.push(i);
  for (let i = 0; i < 8 && digits.length > 0; i += 1) {
    const copy = Buffer.from(bytes);
    const at = digits[next(digits.length)]!;
    copy[at] = 0x30 + next(10);
    out.push([`${name} digit ${at} changed`, copy]);
  }
  for (let i = 0; i < 3; i += 1) {
    const from = next(bytes.length);
    const to = Math.min(bytes.length, from + 1 + next(200));
    out.push([
      `${name} bytes ${from}–${to} removed`,
      Buffer.concat([bytes.subarray(0, from), bytes.subarray(to)]),
    ]);
    out.push([
      `${name} bytes ${from}–${to} doubled`,
      Buffer.concat([bytes.subarray(0, to), bytes.subarray(from)]),
    ]);
  }
  for (const [from, to] of [
    ['/Page', '/Pages'],
    ['/Pages', '/Page'],
    ['/MediaBox', '/MediaBax'],
    ['endobj', 'endobx'],
    ['/Kids', '/Kidz'],
    ['/Length', '/Lenght'],
  ] as const) {
    const at = bytes.indexOf(from, 0, 'latin1');
    if (at < 0) continue;
    out.push([
      `${name} first ${from} → ${to}`,
      Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from(to, 'latin1'),
        bytes.subarray(at + from.length),
      ]),
    ]);
  }
  return out;
}

/** An incremental update that redefines page 1 (pdf-lib keeps the last definition). */
async function redefinedPage(): Promise<Buffer> {
  const original = await makePdf(1);
  const doc = await PDFDocument.load(original);
  const page = doc.getPages()[0]!;
  const parent = String(page.node.get(PDFName.of('Parent')));
  const update = `\n${page.ref.objectNumber} 0 obj\n<< /Type /Page /Parent ${parent} /MediaBox [0 0 5000 5000] >>\nendobj\n`;
  return Buffer.concat([Buffer.from(original), Buffer.from(update, 'latin1')]);
}

const inflate = (data: Uint8Array, max: number) =>
  inflateSync(data, { maxOutputLength: Math.max(1, max) });

const present = corpusPresent();

describe.skipIf(!present)('the bounded PDF reader against pdf-lib', () => {
  const auto = new PdfInspector({ limits: inspectionLimits, workers: 1, timeBudgetMs: 20_000 });
  const reference = new PdfInspector({
    limits: inspectionLimits,
    workers: 1,
    reader: 'pdf-lib',
    timeBudgetMs: 60_000,
  });
  afterAll(async () => {
    await Promise.all([auto.close(), reference.close()]);
  });

  it('reaches pdf-lib’s verdict on every corpus PDF and every mutation of it, never throwing or lingering', async () => {
    const inputs: [string, Buffer][] = [];
    for (const folder of readdirSync(corpusDir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of readdirSync(join(corpusDir, folder.name)).sort()) {
        if (!file.endsWith('.pdf')) continue;
        const bytes = readFileSync(join(corpusDir, folder.name, file));
        inputs.push(...mutations(`${folder.name}/${file}`, bytes));
      }
    }
    inputs.push(...mutations('makePdf(3)', Buffer.from(await makePdf(3))));
    inputs.push(['page redefined by an update', await redefinedPage()]);
    expect(inputs.length).toBeGreaterThan(500);

    const differences: string[] = [];
    let slowest = 0;
    let answered = 0;
    for (const [name, bytes] of inputs) {
      const started = performance.now();
      // Throws only on a mistake of its own (the worker then asks pdf-lib).
      const quick = quickInspect(bytes, inspectionLimits, inflate);
      slowest = Math.max(slowest, performance.now() - started);
      if (quick) answered += 1;
      const [ours, theirs] = await Promise.all([auto.inspect(bytes), reference.inspect(bytes)]);
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differences.push(`${name}: ${JSON.stringify(ours)} vs pdf-lib ${JSON.stringify(theirs)}`);
    }
    expect(differences).toEqual([]);
    // The reader is bounded (a few ms on these; a loaded machine gets a wide margin).
    expect(slowest).toBeLessThan(1000);
    // It did the work: not everything was left to pdf-lib.
    expect(answered).toBeGreaterThan(inputs.length / 10);
    expect(auto.readBy.quick).toBeGreaterThan(inputs.length / 10);
  }, 600_000);

  it('leaves a page redefined by an incremental update to pdf-lib, which reads the last one', async () => {
    const bytes = await redefinedPage();
    expect(quickInspect(bytes, inspectionLimits, inflate)).toBeNull();
    expect(await auto.inspect(bytes)).toEqual({
      kind: 'page_too_large',
      page: 1,
      width: 5000,
      height: 5000,
    });
  });

  it('reads an ordinary fax itself', async () => {
    const bytes = await makePdf(2);
    expect(quickInspect(bytes, inspectionLimits, inflate)).toEqual({ kind: 'ok', pages: 2 });
    const before = auto.readBy.quick;
    expect(await auto.inspect(bytes)).toEqual({ kind: 'ok', pages: 2 });
    expect(auto.readBy.quick).toBe(before + 1);
  });
});
