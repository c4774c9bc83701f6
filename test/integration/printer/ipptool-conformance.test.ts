import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/core/log/logger';
import { IppServer } from '../../../main/core/printer/ipp-server';
import { findExecutable, systemComponent } from '../../helpers/system';
import {
  canRunCupsd,
  freePort,
  ipptool,
  startPrivateCups,
  type PrivateCups,
} from './private-cupsd';

const gs = findExecutable('gs', ['/usr/bin/gs']);
const present = systemComponent(
  'ipptool, ghostscript and a cupsd run as root',
  ipptool !== null && gs !== null && canRunCupsd,
  'apt-get install cups cups-ipp-utils ghostscript, and run as root (CI does)',
);
const suites = ['ipp-1.1.test', 'ipp-2.0.test', 'ipp-everywhere.test'];

/**
 * Runs one suite (asynchronously: the endpoint answers from this same process); counts the
 * [PASS], [FAIL] and [SKIP] lines and names the failures.
 */
async function run(dir: string, uri: string, suite: string) {
  const args = [
    '-tI',
    '-V',
    '2.0',
    '-T',
    '30',
    '-f',
    join(dir, 'document-a4.pdf'),
    uri,
    join(dir, suite),
  ];
  const out = await new Promise<string>((done) =>
    execFile(
      ipptool!,
      args,
      { cwd: dir, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (_e, stdout) => done(stdout),
    ),
  );
  const lines = out.split('\n');
  const count = (tag: string) => lines.filter((l) => l.includes(`[${tag}]`)).length;
  const failed = lines
    .filter((l) => l.includes('[FAIL]'))
    .map((l) => l.replace(/\s*\[FAIL\]\s*$/, '').trim());
  return { pass: count('PASS'), fail: count('FAIL'), skip: count('SKIP'), failed, out };
}

describe.skipIf(!present)(
  "CUPS's own conformance tests (ipptool) against the endpoint and a CUPS queue",
  () => {
    let dir: string;
    let cups: PrivateCups;
    let server: IppServer;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kamifax-ipptool-'));
      chmodSync(dir, 0o755);
      for (const suite of suites)
        copyFileSync(join('/usr/share/cups/ipptool', suite), join(dir, suite));
      // The sample documents the suites ask for: two PDFs, two JPEGs and PWG Raster at 300 dpi.
      for (const [name, size] of [
        ['document-a4.pdf', [595.28, 841.89]],
        ['document-letter.pdf', [612, 792]],
        ['onepage-a4.pdf', [595.28, 841.89]],
        ['onepage-letter.pdf', [612, 792]],
      ] as const) {
        const doc = await PDFDocument.create();
        const font = await doc.embedFont(StandardFonts.Helvetica);
        const pages = name.startsWith('onepage') ? 1 : 3;
        for (let i = 1; i <= pages; i++)
          doc
            .addPage([...size])
            .drawText(`${name} page ${i}`, { x: 72, y: size[1] - 100, size: 24, font });
        writeFileSync(join(dir, name), await doc.save());
      }
      const gsRun = (args: string[]) => execFileSync(gs!, ['-q', '-dNOPAUSE', '-dBATCH', ...args]);
      gsRun([
        '-sDEVICE=jpeg',
        '-r100',
        '-dLastPage=1',
        '-o',
        join(dir, 'color.jpg'),
        join(dir, 'onepage-a4.pdf'),
      ]);
      gsRun([
        '-sDEVICE=jpeggray',
        '-r100',
        '-dLastPage=1',
        '-o',
        join(dir, 'gray.jpg'),
        join(dir, 'onepage-a4.pdf'),
      ]);
      const types = { 'black-1': [3, 1], 'sgray-8': [18, 8], 'srgb-8': [19, 8] } as const;
      for (const [type, [space, bits]] of Object.entries(types)) {
        const folder = join(dir, 'pwg-raster-samples-300dpi', type);
        mkdirSync(folder, { recursive: true });
        for (const source of [
          'document-a4',
          'document-letter',
          'onepage-a4',
          'onepage-letter',
          'color.jpg-4x6',
          'gray.jpg-4x6',
        ]) {
          const input = join(dir, source.includes('jpg') ? 'onepage-a4.pdf' : `${source}.pdf`);
          gsRun([
            '-sDEVICE=pwgraster',
            '-r300',
            `-dcupsColorSpace=${space}`,
            `-dcupsBitsPerColor=${bits}`,
            '-o',
            join(folder, `${source}-${type}-300dpi.pwg`),
            input,
          ]);
        }
      }
      server = new IppServer({
        log: createLogger(() => undefined, 'test'),
        port: await freePort(),
        paper: 'a4',
        onJob: async () => undefined,
      });
      await server.start();
      cups = await startPrivateCups(join(dir, 'cups'), await freePort());
      // The CUPS queue for comparison: the same driverless PPD (made from our endpoint's
      // attributes by -m everywhere), then pointed at a plain file: backend.
      execFileSync('lpadmin', ['-p', 'Reference', '-E', '-v', server.url, '-m', 'everywhere'], {
        env: cups.env,
      });
      execFileSync('lpadmin', ['-p', 'Reference', '-v', 'file:///dev/null'], { env: cups.env });
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
      await cups?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it.each(suites)('%s', { timeout: 600_000 }, async (suite) => {
      const ours = await run(dir, server.url, suite);
      const reference = await run(dir, `ipp://127.0.0.1:${cups.port}/printers/Reference`, suite);
      console.info(
        `${suite}: Kamifax endpoint ${ours.pass} passed, ${ours.fail} failed, ${ours.skip} skipped; ` +
          `CUPS queue ${reference.pass} passed, ${reference.fail} failed, ${reference.skip} skipped` +
          (ours.failed.length ? `\n  Kamifax failures: ${ours.failed.join(' | ')}` : '') +
          (reference.failed.length ? `\n  CUPS failures: ${reference.failed.join(' | ')}` : ''),
      );
      writeFileSync(
        join(tmpdir(), `kamifax-${suite}.log`),
        `${ours.out}\n\n=== CUPS queue ===\n${reference.out}`,
      );
      expect(ours.pass).toBeGreaterThan(0);
      // The endpoint answered every request (a crash would fail every test after it).
      expect(ours.pass + ours.skip).toBeGreaterThanOrEqual(ours.fail);
    });
  },
);
