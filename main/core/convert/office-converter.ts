import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log/logger';
import { coldConvert } from './cold-office';
import { ConvertError, type ConvertFailure } from './convert-error';
import { locateOffice, type OfficeInstall } from './locate-office';
import { isEncryptedOoxml, officeExtension, paperForLocale, type Paper } from './office-formats';
import { WarmOffice, WarmStartError, type WarmResult } from './warm-office';
import { officeAppFor, officeExportScript, psExit } from './windows-office';

/** A file as Compose, the printer and the CLI hand it over. */
export interface OfficeFile {
  name: string;
  bytes: Uint8Array;
}

/** Conversion progress, 0 to 1 (coarse: queued, converting, done). */
export type ConvertProgress = (fraction: number) => void;

/** What the converter needs; everything has a default but the logger and where files go. */
export interface OfficeConverterOptions {
  log: Logger;
  /** The OS locale, for the paper plain text and CSV are laid out on. */
  locale: string;
  /** Where Kamifax's own LibreOffice profiles live (kept between runs: a first start is slow). */
  profileRoot: string;
  /** Path of uno-worker.py (it ships beside this file, and as an extra resource in the app). */
  workerScript: string;
  /** LibreOffice; `undefined` searches the standard places, `null` means none. */
  install?: OfficeInstall | null;
  platform?: NodeJS.Platform;
  /** Per file. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Keep one LibreOffice running between jobs (default); false runs `soffice --convert-to` per file. */
  warm?: boolean;
  restartEvery?: number;
  idleMs?: number;
  tempRoot?: string;
}

const HOW_TO_GET_OFFICE =
  'Install LibreOffice (libreoffice.org, free), or print the file from Word or Excel to the Kamifax printer.';

/**
 * Office files to PDF for Compose, the printer and `kamifax convert`: Microsoft Office on
 * Windows when it is installed, else a warm LibreOffice, else a cold `soffice --convert-to`.
 * Works on a copy in a private temporary folder that is always removed; the original is
 * never opened for writing.
 */
export class OfficeConverter {
  private readonly install: OfficeInstall | null;
  private readonly warm: WarmOffice | null;
  private readonly paper: Paper;
  private warmBroken = false;

  constructor(private readonly options: OfficeConverterOptions) {
    this.install = options.install === undefined ? locateOffice() : options.install;
    this.paper = paperForLocale(options.locale);
    this.warm =
      this.install && options.warm !== false && this.install.pythons.length > 0
        ? new WarmOffice({
            install: this.install,
            profileDir: join(options.profileRoot, 'warm'),
            workerScript: options.workerScript,
            log: options.log.child('office'),
            restartEvery: options.restartEvery,
            idleMs: options.idleMs,
          })
        : null;
  }

  /** The warm instance, for tests that kill LibreOffice mid-job and for the benchmark. */
  get warmInstance(): WarmOffice | null {
    return this.warm;
  }

  /** Which engine converts here, or null when nothing can (the UI says how to get one). */
  engine(): 'libreoffice' | 'microsoft-office' | null {
    if (this.platform === 'win32') return 'microsoft-office';
    return this.install ? 'libreoffice' : null;
  }

  private get platform(): NodeJS.Platform {
    return this.options.platform ?? process.platform;
  }

  /** Converts one file to PDF bytes, or throws a ConvertError saying why not. */
  async convert(
    file: OfficeFile,
    signal?: AbortSignal,
    onProgress?: ConvertProgress,
  ): Promise<Uint8Array> {
    const ext = officeExtension(file.name);
    if (!ext)
      throw new ConvertError('unsupported', `${file.name}: not a file type Kamifax converts`);
    if (file.bytes.length === 0) throw new ConvertError('empty', `${file.name} is empty`);
    if (file.bytes.length > (this.options.maxBytes ?? 64 * 1024 * 1024))
      throw new ConvertError('too_large', `${file.name} is too large to convert`);
    if (isEncryptedOoxml(ext, file.bytes))
      throw new ConvertError('password', `${file.name} is protected with a password`);
    onProgress?.(0.05);
    const root = this.options.tempRoot ?? tmpdir();
    await mkdir(root, { recursive: true });
    const dir = await mkdtemp(join(root, 'kamifax-convert-'));
    try {
      // A plain ASCII name: LibreOffice and Office both choke on some names; the title is unused.
      const input = join(dir, `document${ext}`);
      const output = join(dir, 'document.pdf');
      await writeFile(input, file.bytes, { mode: 0o600 });
      onProgress?.(0.1);
      await this.run(ext, input, output, dir, signal, file.name);
      const pdf = await readFile(output).catch(() => null);
      if (!pdf || pdf.length < 5 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new ConvertError('failed', `${file.name}: the converter gave no PDF`);
      onProgress?.(1);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Stops the warm LibreOffice (at quit). */
  async dispose(): Promise<void> {
    await this.warm?.stop();
  }

  private async run(
    ext: NonNullable<ReturnType<typeof officeExtension>>,
    input: string,
    output: string,
    dir: string,
    signal: AbortSignal | undefined,
    name: string,
  ): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? 120_000;
    if (this.platform === 'win32') {
      const app = officeAppFor(ext);
      const code = app
        ? await runPowerShell(officeExportScript(app, input, output), timeoutMs)
        : psExit.notInstalled;
      if (code === psExit.ok) return;
      if (code === psExit.password)
        throw new ConvertError('password', `${name} is protected with a password`);
      if (code !== psExit.notInstalled)
        this.options.log.warn('Office could not convert; trying LibreOffice', { code });
    }
    if (!this.install)
      throw new ConvertError(
        'unavailable',
        `No LibreOffice or Microsoft Office was found. ${HOW_TO_GET_OFFICE}`,
      );
    let result: WarmResult | null = null;
    if (this.warm && !this.warmBroken) {
      try {
        result = await this.warm.convert({ input, output, paper: this.paper, timeoutMs, signal });
        // LibreOffice died under this file: one more try on a fresh instance tells a crash
        // that happened to hit this job from a file that crashes LibreOffice every time.
        if (!result.ok && result.kind === 'crashed')
          result = await this.warm.convert({ input, output, paper: this.paper, timeoutMs, signal });
      } catch (error) {
        if (!(error instanceof WarmStartError)) throw error;
        this.warmBroken = true;
        this.options.log.warn('warm LibreOffice unavailable; converting cold', {
          error: error.message,
        });
      }
    }
    const cold = result === null;
    result ??= await coldConvert({
      soffice: this.install.soffice,
      profileDir: join(this.options.profileRoot, 'cold'),
      input,
      outDir: dir,
      timeoutMs,
      signal,
    });
    if (result.ok) return;
    const failure: ConvertFailure =
      result.kind === 'crashed' || (result.kind === 'failed' && cold) ? 'corrupt' : result.kind;
    throw new ConvertError(failure, `${name}: ${MESSAGES[failure]} (${result.detail})`);
  }
}

const MESSAGES: Record<ConvertFailure, string> = {
  unavailable: 'no converter',
  password: 'protected with a password',
  corrupt: 'damaged or not what its name says',
  empty: 'empty',
  unsupported: 'not a supported type',
  too_large: 'too large',
  timeout: 'LibreOffice took too long and was stopped',
  cancelled: 'cancelled',
  failed: 'conversion failed',
};

function runPowerShell(script: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
        windowsHide: true,
      },
    );
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', () => resolve(psExit.notInstalled));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? psExit.failed);
    });
    child.stdin.end(script);
  });
}
