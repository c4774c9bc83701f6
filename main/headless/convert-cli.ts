/**
 * `npx tsx main/headless/convert-cli.ts <file> <out.pdf>` — `kamifax convert` from a source
 * checkout (the send engineer's `kamifax` entry dispatches `convert` to the same
 * runConvertCommand). Uses a LibreOffice profile under KAMIFAX_DATA or a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConvertCommand } from '../core/convert/convert-command';
import { createLogger } from '../core/log/logger';
import { defaultWorkerScript } from '../core/printer/printing';

const scratch = process.env.KAMIFAX_DATA
  ? null
  : mkdtempSync(join(tmpdir(), 'kamifax-convert-cli-'));
const code = await runConvertCommand(process.argv.slice(2), {
  dataDir: process.env.KAMIFAX_DATA ?? scratch!,
  locale: process.env.LC_ALL || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale,
  log: createLogger((line) => {
    if (process.env.KAMIFAX_DEBUG) process.stderr.write(`${line}\n`);
  }, 'convert'),
  workerScript: defaultWorkerScript(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
if (scratch) rmSync(scratch, { recursive: true, force: true });
process.exit(code);
