/**
 * Office conversion cold (`soffice --convert-to pdf`, one process per file) against warm (one
 * LibreOffice kept running, driven through our UNO worker): median per file over ROUNDS,
 * and the ratio (goal: warm ≥ 3× faster). Then the printer: time from `lp` to the PDF handed
 * to the draft, beside the time CUPS takes to hand the same file to a plain `file:` backend,
 * both through one private cupsd (needs root, as CI runs).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OfficeConverter } from '../main/core/convert/office-converter';
import { createLogger } from '../main/core/log/logger';
import { createEventBus } from '../main/core/rpc/event-bus';
import { PrinterService } from '../main/core/printer/printer-service';
import { canRunCupsd, startPrivateCups } from '../test/integration/printer/private-cupsd';
import { fixed, median, printTable } from './inbox-helpers';

const here = fileURLToPath(new URL('.', import.meta.url));
const corpus = resolve(here, '../../shared/corpus/office');
const files = ['tables.docx', 'pages_12.docx', 'plain.xls', 'sample.rtf', 'cht-charts.pptx'];
const rounds = Number(process.env.ROUNDS ?? 3);
const log = createLogger(() => undefined, 'bench');
const dir = mkdtempSync(join(tmpdir(), 'kamifax-bench-convert-'));
chmodSync(dir, 0o755);
const workerScript = resolve(here, '../main/core/convert/uno-worker.py');

async function timeAll(converter: OfficeConverter): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(files.map((f) => [f, []]));
  for (let round = 0; round < rounds; round++)
    for (const name of files) {
      const bytes = new Uint8Array(readFileSync(join(corpus, name)));
      const started = performance.now();
      await converter.convert({ name, bytes });
      times.get(name)!.push(performance.now() - started);
    }
  return times;
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

try {
  const profileRoot = join(dir, 'profiles');
  const warm = new OfficeConverter({ log, locale: 'ja-JP', profileRoot, workerScript });
  const warmup = performance.now();
  await warm.convert({ name: 'tables.docx', bytes: readFileSync(join(corpus, 'tables.docx')) });
  const startMs = performance.now() - warmup;
  const warmTimes = await timeAll(warm);
  await warm.dispose();
  const cold = new OfficeConverter({
    log,
    locale: 'ja-JP',
    profileRoot,
    workerScript,
    warm: false,
  });
  await cold.convert({ name: 'tables.docx', bytes: readFileSync(join(corpus, 'tables.docx')) }); // builds its profile
  const coldTimes = await timeAll(cold);
  const rows = files.map((name) => {
    const c = median(coldTimes.get(name)!);
    const w = median(warmTimes.get(name)!);
    return [name, fixed(c), fixed(w), fixed(c / w, 1)];
  });
  const allCold = median([...coldTimes.values()].flat());
  const allWarm = median([...warmTimes.values()].flat());
  rows.push(['all files (median)', fixed(allCold), fixed(allWarm), fixed(allCold / allWarm, 1)]);
  printTable(
    `Office → PDF, median of ${rounds} per file (warm start-up, not counted: ${fixed(startMs)} ms)`,
    ['file', 'cold ms', 'warm ms', 'cold/warm'],
    rows,
  );

  if (!canRunCupsd) {
    console.log('\nlp → draft: skipped (needs cupsd and root)');
  } else {
    const cups = await startPrivateCups(join(dir, 'cups'), await freePort());
    const port = await freePort();
    let arrived: (() => void) | null = null;
    const printer = new PrinterService({
      log,
      events: createEventBus(),
      port,
      paper: 'a4',
      sink: () => ({ createDraft: async () => arrived?.() }),
      registration: null,
    });
    await printer.start();
    execFileSync('lpadmin', ['-p', 'Kamifax', '-E', '-v', printer.server.url, '-m', 'everywhere'], {
      env: cups.env,
    });
    execFileSync(
      'lpadmin',
      ['-p', 'Reference', '-E', '-v', printer.server.url, '-m', 'everywhere'],
      { env: cups.env },
    );
    execFileSync('lpadmin', ['-p', 'Reference', '-v', `file://${join(dir, 'reference-out')}`], {
      env: cups.env,
    });
    const pdf = join(dir, 'job.pdf');
    writeFileSync(pdf, await warmPdf());
    const toDraft: number[] = [];
    const toFile: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const done = new Promise<void>((r) => (arrived = r));
      execFileSync('lp', ['-d', 'Kamifax', '-t', `bench ${i}`, pdf], { env: cups.env });
      await done;
      toDraft.push(performance.now() - started);
      const began = performance.now();
      const id = /request id is (\S+)/.exec(
        execFileSync('lp', ['-d', 'Reference', pdf], { env: cups.env, encoding: 'utf8' }),
      )![1]!;
      while (
        execFileSync('lpstat', ['-o', 'Reference'], { env: cups.env, encoding: 'utf8' }).includes(
          id,
        )
      )
        await new Promise((r) => setTimeout(r, 10));
      toFile.push(performance.now() - began);
    }
    printTable(
      'Printing a 3-page PDF through CUPS, median of 5',
      ['path', 'ms'],
      [
        ['lp → PDF handed to a new draft (Kamifax printer)', fixed(median(toDraft))],
        ['lp → job done on a file: backend (reference)', fixed(median(toFile))],
      ],
    );
    await printer.stop();
    await cups.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function warmPdf(): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage([595, 842]);
  return doc.save();
}
