import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MacRegistration,
  PdfServicesItem,
  pdfServiceScript,
} from '../../../main/core/printer/pdf-services';
import type {
  PrinterRegistration,
  RegistrationState,
} from '../../../main/core/printer/registration';

const bundleId = 'org.kamifax.desktop';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kamifax-pdfservices-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// macOS cannot run here: the script is checked as generated, parsed by sh, and its copy and
// naming run with `/usr/bin/open` swapped for a recorder (the only macOS-only command in it).
describe('the "Send with Kamifax" PDF Services script (as generated)', () => {
  const script = pdfServiceScript(bundleId);

  it('is a POSIX shell script that opens a copy of the PDF with the app by bundle id', () => {
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain(`exec /usr/bin/open -b ${bundleId} "$dir/$name.pdf"`);
    expect(script).not.toMatch(/sudo|osascript|lpadmin/);
    const file = join(dir, 'tool');
    writeFileSync(file, script);
    execFileSync('sh', ['-n', file]);
  });

  function runWithRecorder(args: string[]): { opened: string[]; copied: string } {
    const log = join(dir, 'open.log');
    const file = join(dir, 'tool');
    writeFileSync(
      file,
      script.replace('exec /usr/bin/open', `printf '%s\\n' >${JSON.stringify(log)}`),
    );
    execFileSync('sh', [file, ...args], { env: { ...process.env, TMPDIR: dir } });
    const opened = readFileSync(log, 'utf8').trim().split('\n');
    return { opened, copied: opened.at(-1)! };
  }

  it('takes the last argument as the PDF and the first as the title (title, options, file)', () => {
    const pdf = join(dir, 'job.pdf');
    writeFileSync(pdf, '%PDF-1.4 test');
    const { opened, copied } = runWithRecorder(['見積書 4/2', 'copies=1', pdf]);
    expect(opened.slice(0, 2)).toEqual(['-b', bundleId]);
    expect(copied.startsWith(join(dir, 'kamifax-print.'))).toBe(true);
    expect(copied.endsWith('/見積書 4_2.pdf')).toBe(true);
    expect(readFileSync(copied, 'utf8')).toBe('%PDF-1.4 test');
  });

  it('accepts the path alone and names the copy after the file', () => {
    const pdf = join(dir, 'Invoice.pdf');
    writeFileSync(pdf, '%PDF');
    expect(runWithRecorder([pdf]).copied.endsWith('/Invoice.pdf')).toBe(true);
  });

  it('fails without opening anything when the PDF is not there', () => {
    const file = join(dir, 'tool');
    writeFileSync(file, script);
    expect(() =>
      execFileSync('sh', [file, 't', '', join(dir, 'gone.pdf')], { stdio: 'pipe' }),
    ).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.log'))).toEqual([]);
  });
});

describe('PdfServicesItem (a temporary home folder)', () => {
  it('installs an executable tool in ~/Library/PDF Services, reports it, and removes it', async () => {
    const item = new PdfServicesItem({ home: dir, bundleId });
    expect((await item.state()).state).toBe('missing');
    await item.install();
    expect(item.path).toBe(join(dir, 'Library', 'PDF Services', 'Send with Kamifax'));
    expect(statSync(item.path).mode & 0o777).toBe(0o755);
    expect(readFileSync(item.path, 'utf8')).toBe(pdfServiceScript(bundleId));
    expect((await item.state()).state).toBe('installed');
    writeFileSync(item.path, '#!/bin/sh\n');
    expect((await item.state()).state).toBe('broken');
    await item.install();
    expect((await item.state()).state).toBe('installed');
    await item.remove();
    await item.remove();
    expect((await item.state()).state).toBe('missing');
  });
});

describe('MacRegistration (CUPS queue + PDF menu item)', () => {
  function fake(initial: RegistrationState, refuse = false) {
    const calls: string[] = [];
    let state = initial;
    const part: PrinterRegistration = {
      method: 'cups',
      state: async () => ({ state, detail: null }),
      install: async () => {
        calls.push('install');
        if (refuse) throw new Error('administrator rights were not given');
        state = 'installed';
      },
      remove: async () => {
        calls.push('remove');
        state = 'missing';
      },
    };
    return { part, calls };
  }

  it('puts the item in first, so it stays when the administrator password is refused', async () => {
    const cups = fake('missing', true);
    const item = new PdfServicesItem({ home: dir, bundleId });
    const mac = new MacRegistration(cups.part, item);
    await expect(mac.install()).rejects.toThrow(/administrator/);
    expect((await item.state()).state).toBe('installed');
    expect(await mac.state()).toEqual({
      state: 'missing',
      detail: 'only “Send with Kamifax” in the PDF menu is installed',
    });
  });

  it('is installed only with both parts, and Remove takes both away', async () => {
    const cups = fake('installed');
    const item = new PdfServicesItem({ home: dir, bundleId });
    const mac = new MacRegistration(cups.part, item);
    expect((await mac.state()).state).toBe('broken');
    await mac.install();
    expect(await mac.state()).toEqual({ state: 'installed', detail: null });
    await mac.remove();
    expect(cups.calls).toEqual(['install', 'remove']);
    expect((await item.state()).state).toBe('missing');
    expect((await mac.state()).state).toBe('missing');
  });

  it('without CUPS, reports the item alone', async () => {
    const mac = new MacRegistration(
      fake('unsupported').part,
      new PdfServicesItem({ home: dir, bundleId }),
    );
    expect((await mac.state()).state).toBe('missing');
  });
});
