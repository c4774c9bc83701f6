import {
  printerName,
  RegistrationError,
  runCommand,
  type PrinterRegistration,
  type RegistrationState,
  type RunCommand,
} from './registration';

/** A PowerShell single-quoted string. */
function q(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Adds the printer with the Microsoft IPP Class Driver (`Add-Printer -IppURL`, Windows 10
 * 21H2 and later); where that is missing, "Microsoft Print to PDF" on a local port that is a
 * file in `spoolFile`'s folder, which Kamifax watches. Runs elevated through
 * `Start-Process -Verb RunAs` (the UAC prompt). Written here, never run on Windows by our tests.
 */
export function windowsInstallScript(url: string, spoolFile: string): string {
  const httpUrl = url.replace(/^ipp:/, 'http:');
  return [
    "$ErrorActionPreference = 'Stop'",
    `if (Get-Printer -Name ${q(printerName)} -ErrorAction SilentlyContinue) { Remove-Printer -Name ${q(printerName)} }`,
    `if ((Get-Command Add-Printer).Parameters.ContainsKey('IppURL')) {`,
    `  Add-Printer -Name ${q(printerName)} -IppURL ${q(httpUrl)}`,
    '} else {',
    `  if (-not (Get-PrinterPort -Name ${q(spoolFile)} -ErrorAction SilentlyContinue)) { Add-PrinterPort -Name ${q(spoolFile)} }`,
    `  Add-Printer -Name ${q(printerName)} -DriverName 'Microsoft Print To PDF' -PortName ${q(spoolFile)}`,
    '}',
  ].join('\n');
}

/** Removes the printer and the fallback's file port. */
export function windowsRemoveScript(spoolFile: string): string {
  return [
    `Remove-Printer -Name ${q(printerName)} -ErrorAction SilentlyContinue`,
    `Remove-PrinterPort -Name ${q(spoolFile)} -ErrorAction SilentlyContinue`,
  ].join('\n');
}

/** Prints the printer's port name and driver, or nothing when it is not there. */
export function windowsStateScript(): string {
  return `$p = Get-Printer -Name ${q(printerName)} -ErrorAction SilentlyContinue; if ($p) { $p.PortName; $p.DriverName }`;
}

/** Wraps a script so it runs elevated (UAC) and passes its exit code back. */
export function elevatedPowerShell(script: string): string[] {
  const encoded = Buffer.from(script, 'utf16le').toString('base64');
  const inner = `$p = Start-Process powershell.exe -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','${encoded}'; exit $p.ExitCode`;
  return ['-NoProfile', '-NonInteractive', '-Command', inner];
}

/** Windows: the printer through PowerShell's PrintManagement module. */
export class WindowsRegistration implements PrinterRegistration {
  readonly method = 'windows' as const;

  constructor(
    private readonly options: { url: () => string; spoolFile: string; run?: RunCommand },
  ) {}

  private run(args: string[]) {
    return (this.options.run ?? runCommand)('powershell.exe', args);
  }

  async state(): Promise<{ state: RegistrationState; detail: string | null }> {
    const result = await this.run([
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      windowsStateScript(),
    ]);
    if (result.code === 127) return { state: 'unsupported', detail: 'PowerShell is not available' };
    const [port = '', driver = ''] = result.stdout.trim().split(/\r?\n/);
    if (!port) return { state: 'missing', detail: null };
    const url = this.options.url().replace(/^ipp:/, 'http:');
    const ours =
      port.includes(url) || port.includes(this.options.url()) || port === this.options.spoolFile;
    return ours
      ? { state: 'installed', detail: driver || null }
      : { state: 'broken', detail: `port ${port}` };
  }

  async install(): Promise<void> {
    await this.elevated(windowsInstallScript(this.options.url(), this.options.spoolFile));
  }

  async remove(): Promise<void> {
    await this.elevated(windowsRemoveScript(this.options.spoolFile));
  }

  private async elevated(script: string): Promise<void> {
    const result = await this.run(elevatedPowerShell(script));
    if (result.code === 0) return;
    // Start-Process throws "The operation was canceled by the user" when UAC is declined.
    if (/cancel/i.test(result.stderr))
      throw new RegistrationError('admin_refused', 'UAC prompt declined');
    throw new RegistrationError(
      'failed',
      result.stderr.trim().slice(0, 300) || `exit ${result.code}`,
    );
  }
}
