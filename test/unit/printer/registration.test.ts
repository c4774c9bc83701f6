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
  it('uses the IPP class driver where Add-Printer has -IppURL, else Print to PDF on a watched file port', () => {
    const script = windowsInstallScript(
      url,
      'C:\\Users\\a\\AppData\\Roaming\\Kamifax\\print-inbox\\job.pdf',
    );
    expect(script).toContain(
      "Add-Printer -Name 'Kamifax' -IppURL 'http://127.0.0.1:18631/ipp/print'",
    );
    expect(script).toContain(
      "-DriverName 'Microsoft Print To PDF' -PortName 'C:\\Users\\a\\AppData\\Roaming\\Kamifax\\print-inbox\\job.pdf'",
    );
    expect(windowsRemoveScript('C:\\x.pdf')).toContain("Remove-Printer -Name 'Kamifax'");
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
      (await reg('http://127.0.0.1:18631/ipp/print\r\nMicrosoft IPP Class Driver\r\n')).state,
    ).toBe('installed');
    expect((await reg('C:\\x.pdf\r\nMicrosoft Print To PDF\r\n')).state).toBe('installed');
    expect((await reg('USB001\r\nSome driver\r\n')).state).toBe('broken');
    expect((await reg('')).state).toBe('missing');
  });
});
