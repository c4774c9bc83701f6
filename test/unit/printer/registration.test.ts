import { describe, expect, it } from 'vitest';
import {
  CupsRegistration,
  elevated,
  lpadminInstallArgs,
  type CommandResult,
} from '../../../main/core/printer/registration';
import {
  elevatedPowerShell,
  windowsInstallScript,
  windowsJobNameScript,
  windowsRemoveScript,
  WindowsRegistration,
} from '../../../main/core/printer/windows-registration';

const url = 'ipp://127.0.0.1:18631/ipp/print';

function recorder(answers: Record<string, CommandResult>) {
  const calls: string[] = [];
  return {
    calls,
    run: async (command: string, args: string[]) => {
      const line = [command, ...args].join(' ');
      calls.push(line);
      const key = Object.keys(answers).find((k) => line.startsWith(k));
      return key ? answers[key]! : { code: 0, stdout: '', stderr: '' };
    },
  };
}

describe('CUPS registration commands', () => {
  it('adds a driverless, unshared queue at the endpoint', () => {
    expect(lpadminInstallArgs(url)).toEqual([
      '-p',
      'Kamifax',
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
    ]);
  });

  it('asks for administrator rights the platform way', () => {
    expect(elevated('linux', true, ['-x', 'Kamifax'])).toEqual(['lpadmin', ['-x', 'Kamifax']]);
    expect(elevated('linux', false, ['-x', 'Kamifax'])).toEqual([
      'pkexec',
      ['lpadmin', '-x', 'Kamifax'],
    ]);
    const [command, args] = elevated('darwin', false, lpadminInstallArgs(url));
    expect(command).toBe('osascript');
    expect(args[1]).toBe(
      `do shell script "/usr/sbin/lpadmin -p Kamifax -E -v ${url} -m everywhere -D 'Kamifax (print to fax)' -L 'This computer' -o printer-is-shared=false" with administrator privileges`,
    );
  });

  it('tries lpadmin as the user first, then pkexec, and reports a dismissed prompt as refused', async () => {
    const rec = recorder({
      'lpadmin ': { code: 1, stdout: '', stderr: 'Forbidden' },
      pkexec: { code: 126, stdout: '', stderr: '' },
    });
    const reg = new CupsRegistration({
      url: () => url,
      platform: 'linux',
      isRoot: false,
      run: rec.run,
    });
    await expect(reg.install()).rejects.toMatchObject({ reason: 'admin_refused' });
    expect(rec.calls.map((c) => c.split(' ')[0])).toEqual(['lpadmin', 'pkexec']);
  });

  it('reads the state from lpstat', async () => {
    const state = (stdout: string) =>
      new CupsRegistration({
        url: () => url,
        platform: 'linux',
        isRoot: true,
        run: recorder({ 'lpstat -v': { code: 0, stdout, stderr: '' } }).run,
      }).state();
    expect((await state(`device for Kamifax: ${url}\n`)).state).toBe('installed');
    expect((await state('device for Kamifax: ipp://127.0.0.1:9/ipp/print\n')).state).toBe('broken');
    expect((await state('')).state).toBe('missing');
    const missingCups = new CupsRegistration({
      url: () => url,
      platform: 'linux',
      isRoot: true,
      run: async () => ({ code: 127, stdout: '', stderr: '' }),
    });
    expect((await missingCups.state()).state).toBe('unsupported');
  });
});

describe('Windows registration (PowerShell as generated; it cannot run here)', () => {
  it('tries the IPP class driver first, and only when that fails Print to PDF on the watched file port', () => {
    const port = 'C:\\Users\\a\\AppData\\Roaming\\Kamifax\\print-inbox\\job.pdf';
    const script = windowsInstallScript(url, port);
    const lines = script.split('\n');
    const ipp = lines.indexOf(
      "  Add-Printer -Name 'Kamifax' -IppURL 'http://127.0.0.1:18631/ipp/print'",
    );
    const tryAt = lines.indexOf('try {');
    const catchAt = lines.indexOf('} catch {');
    expect(lines[0]).toBe("$ErrorActionPreference = 'Stop'"); // so a failed Add-Printer reaches catch
    expect(tryAt).toBeGreaterThan(0);
    expect(ipp).toBe(tryAt + 1);
    expect(catchAt).toBe(ipp + 1);
    const fallback = lines.slice(catchAt + 1, lines.lastIndexOf('}'));
    expect(fallback).toEqual([
      expect.stringContaining('Write-Warning'),
      "  New-Item -ItemType Directory -Force -Path 'C:\\Users\\a\\AppData\\Roaming\\Kamifax\\print-inbox' | Out-Null",
      `  if (-not (Get-PrinterPort -Name '${port}' -ErrorAction SilentlyContinue)) { Add-PrinterPort -Name '${port}' }`,
      `  Add-Printer -Name 'Kamifax' -DriverName 'Microsoft Print To PDF' -PortName '${port}'`,
    ]);
    // An old printer of that name goes first, so Repair (remove + install) starts clean.
    expect(lines[1]).toContain("Remove-Printer -Name 'Kamifax'");
    expect(windowsRemoveScript(port)).toBe(
      `Remove-Printer -Name 'Kamifax' -ErrorAction SilentlyContinue\nRemove-PrinterPort -Name '${port}' -ErrorAction SilentlyContinue`,
    );
  });

  it("quotes paths for PowerShell (a user called O'Brien)", () => {
    const script = windowsInstallScript(
      url,
      "C:\\Users\\O'Brien\\AppData\\Roaming\\Kamifax\\print-inbox\\job.pdf",
    );
    expect(script).toContain(
      "-PortName 'C:\\Users\\O''Brien\\AppData\\Roaming\\Kamifax\\print-inbox\\job.pdf'",
    );
    expect(script).toContain(
      "-Path 'C:\\Users\\O''Brien\\AppData\\Roaming\\Kamifax\\print-inbox' |",
    );
    expect(script).not.toMatch(/[^']'Brien/);
  });

  it('asks the spooler for the name of the job being written', async () => {
    expect(windowsJobNameScript()).toBe(
      "Get-PrintJob -PrinterName 'Kamifax' -ErrorAction SilentlyContinue | Sort-Object Id | Select-Object -First 1 -ExpandProperty DocumentName",
    );
    const reg = (code: number, stdout: string) =>
      new WindowsRegistration({
        url: () => url,
        spoolFile: 'C:\\x.pdf',
        run: async () => ({ code, stdout, stderr: '' }),
      }).jobName();
    expect(await reg(0, 'Invoice 42.xlsx\r\n')).toBe('Invoice 42.xlsx');
    expect(await reg(0, '')).toBeNull();
    expect(await reg(1, 'Get-PrintJob: oops')).toBeNull();
  });

  it('runs elevated through UAC with the script encoded, and passes the exit code back', () => {
    const args = elevatedPowerShell('Remove-Printer -Name Kamifax');
    const encoded = /'-EncodedCommand','([^']+)'/.exec(args[3]!)![1]!;
    expect(Buffer.from(encoded, 'base64').toString('utf16le')).toBe('Remove-Printer -Name Kamifax');
    expect(args[3]).toContain('-Verb RunAs');
    expect(args[3]).toContain('exit $p.ExitCode');
  });

  it('reads the state from Get-Printer', async () => {
    const reg = (stdout: string) =>
      new WindowsRegistration({
        url: () => url,
        spoolFile: 'C:\\x.pdf',
        run: async () => ({ code: 0, stdout, stderr: '' }),
      }).state();
    expect(
      await reg('http://127.0.0.1:18631/ipp/print\r\nMicrosoft IPP Class Driver\r\n'),
    ).toMatchObject({ state: 'installed', way: 'ipp-class-driver' });
    expect(await reg('C:\\x.pdf\r\nMicrosoft Print To PDF\r\n')).toMatchObject({
      state: 'installed',
      way: 'print-to-pdf-port',
    });
    // Our port with another driver: needs Repair.
    expect(await reg('C:\\x.pdf\r\nSome driver\r\n')).toMatchObject({
      state: 'broken',
      way: 'print-to-pdf-port',
    });
    expect(await reg('USB001\r\nSome driver\r\n')).toMatchObject({ state: 'broken', way: null });
    expect(await reg('')).toMatchObject({ state: 'missing', way: null });
  });
});
