import { spawn } from 'node:child_process';

/** Whether the system's print system has a Kamifax printer pointing at our endpoint. */
export type RegistrationState = 'installed' | 'missing' | 'broken' | 'unsupported';

/** The result of one command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (the real one spawns; tests record). */
export type RunCommand = (
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
) => Promise<CommandResult>;

/**
 * Which way the printer was added: a driverless CUPS queue (`-m everywhere`), the Windows IPP
 * class driver, or the Windows fallback (Microsoft Print to PDF on a port Kamifax watches).
 */
export type RegistrationWay = 'cups-everywhere' | 'ipp-class-driver' | 'print-to-pdf-port';

/** The registration's state, with a note when something is wrong and the way in use. */
export interface RegistrationStatus {
  state: RegistrationState;
  detail: string | null;
  way?: RegistrationWay | null;
}

/** Registration of the printer with the platform's print system. */
export interface PrinterRegistration {
  readonly method: 'cups' | 'windows' | 'none';
  state(): Promise<RegistrationStatus>;
  install(): Promise<void>;
  remove(): Promise<void>;
}

/** Why a registration command failed: the user said no to administrator rights, or it failed. */
export class RegistrationError extends Error {
  constructor(
    readonly reason: 'admin_refused' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** The printer's name in every print dialog. */
export const printerName = 'Kamifax';

/** Spawns a program and collects its output (never throws; a missing program is code 127). */
export const runCommand: RunCommand = (command, args, env) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error) => resolve({ code: 127, stdout, stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

/** The `lpadmin` arguments that add the printer, driverless (`-m everywhere`), not shared. */
export function lpadminInstallArgs(url: string): string[] {
  return [
    '-p',
    printerName,
    '-E',
    '-v',
    url,
    '-m',
    'everywhere',
    '-D',
    'Kamifax (print to fax)',
    '-L',
    'This computer',
    '-o',
    'printer-is-shared=false',
  ];
}

/** A POSIX shell word. */
export function shQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to run `lpadmin` with administrator rights: directly as root (CI), through pkexec on
 * Linux (the desktop's own password prompt), through osascript on macOS.
 */
export function elevated(
  platform: NodeJS.Platform,
  isRoot: boolean,
  args: string[],
): [string, string[]] {
  if (isRoot) return ['lpadmin', args];
  if (platform === 'darwin') {
    const line = ['/usr/sbin/lpadmin', ...args].map(shQuote).join(' ');
    const script = `do shell script "${line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" with administrator privileges`;
    return ['osascript', ['-e', script]];
  }
  return ['pkexec', ['lpadmin', ...args]];
}

/** Linux and macOS: a CUPS queue named Kamifax, driverless, pointing at the endpoint. */
export class CupsRegistration implements PrinterRegistration {
  readonly method = 'cups' as const;

  constructor(
    private readonly options: {
      url: () => string;
      platform: NodeJS.Platform;
      isRoot: boolean;
      run?: RunCommand;
      /** `CUPS_SERVER` for a private cupsd (tests). */
      env?: NodeJS.ProcessEnv;
    },
  ) {}

  private run(command: string, args: string[]): Promise<CommandResult> {
    return (this.options.run ?? runCommand)(command, args, this.options.env);
  }

  async state(): Promise<RegistrationStatus> {
    const device = await this.run('lpstat', ['-v', printerName]);
    if (device.code === 127)
      return { state: 'unsupported', detail: 'CUPS (lpstat) is not installed' };
    const uri = /device for [^:]+:\s*(\S+)/.exec(device.stdout)?.[1];
    if (!uri) return { state: 'missing', detail: null };
    if (uri !== this.options.url()) return { state: 'broken', detail: `points at ${uri}` };
    const printer = await this.run('lpstat', ['-p', printerName]);
    if (/disabled/i.test(printer.stdout))
      return { state: 'broken', detail: 'the queue is stopped' };
    const accepting = await this.run('lpstat', ['-a', printerName]);
    if (/not accepting/i.test(accepting.stdout))
      return { state: 'broken', detail: 'the queue refuses jobs' };
    return { state: 'installed', detail: null, way: 'cups-everywhere' };
  }

  async install(): Promise<void> {
    await this.admin(lpadminInstallArgs(this.options.url()));
  }

  async remove(): Promise<void> {
    const { state } = await this.state();
    if (state === 'missing') return;
    await this.admin(['-x', printerName]);
  }

  private async admin(args: string[]): Promise<void> {
    // lpadmin as the user first: CUPS lets members of its admin group (lpadmin, _lpadmin) do
    // it without a prompt. Only when CUPS says no do we ask for a password.
    const direct = this.options.isRoot ? null : await this.run('lpadmin', args);
    if (direct && direct.code === 0) return;
    const [command, argv] = elevated(this.options.platform, this.options.isRoot, args);
    const result = await this.run(command, argv);
    if (result.code === 0) return;
    // pkexec: 126 dismissed, 127 not authorised; osascript: "User canceled" (-128).
    if (
      result.code === 126 ||
      (command === 'pkexec' && result.code === 127) ||
      /-128|canceled/i.test(result.stderr)
    )
      throw new RegistrationError('admin_refused', 'administrator rights were not given');
    throw new RegistrationError(
      'failed',
      (result.stderr || result.stdout).trim().slice(0, 300) || `exit ${result.code}`,
    );
  }
}
