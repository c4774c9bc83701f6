import { describe, expect, it } from 'vitest';
import { locateOffice, type LocateDeps } from '../../../main/core/convert/locate-office';
import {
  isEncryptedOoxml,
  officeExtension,
  paperForLocale,
} from '../../../main/core/convert/office-formats';
import {
  officeAppFor,
  officeExportScript,
  officeProbeScript,
  psQuote,
} from '../../../main/core/convert/windows-office';

function fakeFs(
  platform: NodeJS.Platform,
  files: string[],
  env: NodeJS.ProcessEnv = {},
): LocateDeps {
  return { platform, env, exists: (p) => files.includes(p), list: () => [] };
}

describe('finding LibreOffice', () => {
  it('finds the Debian install and prefers the system python3 that has uno', () => {
    const found = locateOffice(
      fakeFs('linux', ['/usr/lib/libreoffice/program/soffice', '/usr/bin/python3']),
    );
    expect(found).toEqual({
      soffice: '/usr/lib/libreoffice/program/soffice',
      pythons: ['/usr/bin/python3'],
    });
  });

  it('finds the macOS app and its bundled python', () => {
    const found = locateOffice(
      fakeFs('darwin', [
        '/Applications/LibreOffice.app/Contents/MacOS/soffice',
        '/Applications/LibreOffice.app/Contents/Resources/python',
      ]),
    );
    expect(found?.pythons).toEqual(['/Applications/LibreOffice.app/Contents/Resources/python']);
  });

  it('finds Program Files on Windows, with the python.exe LibreOffice ships', () => {
    const soffice = 'C:\\Program Files\\LibreOffice\\program\\soffice.exe';
    const found = locateOffice(
      fakeFs('win32', [soffice, 'C:\\Program Files\\LibreOffice\\program\\python.exe'], {
        ProgramFiles: 'C:\\Program Files',
      }),
    );
    expect(found?.soffice).toBe(soffice);
    expect(found?.pythons).toHaveLength(1);
  });

  it('falls back to PATH, and says null when there is nothing', () => {
    expect(
      locateOffice(fakeFs('linux', ['/opt/bin/soffice'], { PATH: '/opt/bin:/usr/bin' }))?.soffice,
    ).toBe('/opt/bin/soffice');
    expect(locateOffice(fakeFs('linux', [], { PATH: '/usr/bin' }))).toBeNull();
  });
});

describe('formats and paper', () => {
  it('knows the twelve extensions, case-insensitively', () => {
    expect(officeExtension('Quote.DOCX')).toBe('.docx');
    expect(officeExtension('table.csv')).toBe('.csv');
    expect(officeExtension('scan.pdf')).toBeNull();
    expect(officeExtension('noext')).toBeNull();
  });

  it('uses Letter in North America, A4 elsewhere', () => {
    expect(paperForLocale('en-US')).toBe('letter');
    expect(paperForLocale('en_CA.UTF-8')).toBe('letter');
    expect(paperForLocale('ja-JP')).toBe('a4');
    expect(paperForLocale('en-GB')).toBe('a4');
    expect(paperForLocale('ja')).toBe('a4');
  });

  it('tells an encrypted .docx (an OLE container) from a normal one (a zip)', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(isEncryptedOoxml('.docx', ole)).toBe(true);
    expect(isEncryptedOoxml('.doc', ole)).toBe(false); // an ordinary .doc is OLE too
    expect(isEncryptedOoxml('.docx', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe(false);
  });
});

describe('Microsoft Office on Windows (scripts as generated; they cannot run here)', () => {
  it('quotes paths for PowerShell', () => {
    expect(psQuote("C:\\Users\\O'Brien\\a.docx")).toBe("'C:\\Users\\O''Brien\\a.docx'");
  });

  it('exports Word, Excel and PowerPoint files with the right program and format code', () => {
    expect(officeAppFor('.docx')).toBe('word');
    expect(officeAppFor('.csv')).toBe('excel');
    expect(officeAppFor('.ppt')).toBe('powerpoint');
    const word = officeExportScript('word', 'C:\\t\\in.docx', 'C:\\t\\out.pdf');
    expect(word).toContain("$in = 'C:\\t\\in.docx'");
    expect(word).toContain('New-Object -ComObject Word.Application');
    expect(word).toContain('$doc.ExportAsFixedFormat($out, 17)'); // wdExportFormatPDF
    expect(word).toContain('$app.Quit()');
    expect(officeExportScript('excel', 'a', 'b')).toContain('$book.ExportAsFixedFormat(0, $out)'); // xlTypePDF
    expect(officeExportScript('powerpoint', 'a', 'b')).toContain('$deck.SaveAs($out, 32)'); // ppSaveAsPDF
    // A protected file fails with exit 2 instead of waiting for a password nobody can type.
    expect(word).toMatch(/Documents\.Open\(\$in, \$false, \$true, \$false, 'kamifax-no-password'/);
    expect(word).toContain('exit 2');
    expect(officeProbeScript()).toContain('HKEY_CLASSES_ROOT\\Excel.Application');
  });
});
