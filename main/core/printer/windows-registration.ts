import {
  printerName,
  RegistrationError,
  runCommand,
  type PrinterRegistration,
  type RegistrationStatus,
  type RunCommand,
} from './registration';

/** A PowerShell single-quoted string. */
function q(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The Windows driver names the two ways use. */
export const ippClassDriver = 'Microsoft IPP Class Driver';
export const printToPdfDriver = 'Microsoft Print To PDF';

/**
 * Adds the printer with the Microsoft IPP Class Driver first (`Add-Printer -IppURL`, Windows
 * 10 21H2 and later; it asks the endpoint for its attributes, so the endpoint is up). When that
 * fails for any reason (an older Windows without -IppURL, the IPP class driver refused), the
 * fallback: "Microsoft Print to PDF" on a local port whose name is a file in the folder Kamifax
 * watches (`PortFolderWatcher`): the driver writes each job's PDF there, with no Save dialog,
 * truncating the file for the next job. Runs elevated (`Start-Process -Verb RunAs`, the UAC
 * prompt). Written here and unit-tested as generated; never run on Windows by our tests.
 */
export function windowsInstallScript(url: string, spoolFile: string): string {
  const httpUrl = url.replace(/^ipp:/, 'http:');
  const folder = spoolFile.replace(/[\\/][^\\/]*$/, '');
  return [
    "$ErrorActionPreference = 'Stop'",
    `if (Get-Printer -Name ${q(printerName)} -ErrorAction SilentlyContinue) { Remove-Printer -Name ${q(printerName)} }`,
    'try {',
    `  Add-Printer -Name ${q(printerName)} -IppURL ${q(httpUrl)}`,
    '} catch {',
    '  Write-Warning ("IPP class driver: " + $_.Exception.Message + "; using Microsoft Print to PDF on a watched file port")',
    `  New-Item -ItemType Directory -Force -Path ${q(folder)} | Out-Null`,
    `  if (-not (Get-PrinterPort -Name ${q(spoolFile)} -ErrorAction SilentlyContinue)) { Add-PrinterPort -Name ${q(spoolFile)} }`,
    `  Add-Printer -Name ${q(printerName)} -DriverName ${q(printToPdfDriver)} -PortName ${q(spoolFile)}`,
    '}',
  ].join('\n');
}

/** The spooler's name for the oldest job on the printer (the one the driver is writing). */
export function windowsJobNameScript(): string {
  return `Get-PrintJob -PrinterName ${q(printerName)} -ErrorAction SilentlyContinue | Sort-Object Id | Select-Object -First 1 -ExpandProperty DocumentName`;
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

  async state(): Promise<RegistrationStatus> {
    const result = await this.run([
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      windowsStateScript(),
    ]);
    if (result.code === 127) return { state: 'unsupported', detail: 'PowerShell is not available' };
    const [port = '', driver = ''] = result.stdout.trim().split(/\r?\n/);
    if (!port) return { state: 'missing', detail: null, way: null };
    const url = this.options.url().replace(/^ipp:/, 'http:');
    if (port.includes(url) || port.includes(this.options.url()))
      return { state: 'installed', detail: driver || null, way: 'ipp-class-driver' };
    if (port.toLowerCase() === this.options.spoolFile.toLowerCase())
      return driver.toLowerCase() === printToPdfDriver.toLowerCase()
        ? { state: 'installed', detail: driver, way: 'print-to-pdf-port' }
        : { state: 'broken', detail: `driver ${driver}`, way: 'print-to-pdf-port' };
    return { state: 'broken', detail: `port ${port}`, way: null };
  }

  /** The name of the job the Print to PDF driver is writing to the port, if Windows says. */
  async jobName(): Promise<string | null> {
    const result = await this.run([
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      windowsJobNameScript(),
    ]);
    return result.code === 0 ? result.stdout.trim().split(/\r?\n/)[0] || null : null;
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
