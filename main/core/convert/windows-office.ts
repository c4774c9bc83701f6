import type { OfficeExtension } from './office-formats';

/** Which Microsoft Office program converts a file type, if any. */
export type OfficeApp = 'word' | 'excel' | 'powerpoint';

const APP_OF: Partial<Record<OfficeExtension, OfficeApp>> = {
  '.docx': 'word',
  '.doc': 'word',
  '.rtf': 'word',
  '.odt': 'word',
  '.txt': 'word',
  '.xlsx': 'excel',
  '.xls': 'excel',
  '.ods': 'excel',
  '.csv': 'excel',
  '.pptx': 'powerpoint',
  '.ppt': 'powerpoint',
  '.odp': 'powerpoint',
};

/** The Office program for a file type on Windows. */
export function officeAppFor(ext: OfficeExtension): OfficeApp | undefined {
  return APP_OF[ext];
}

/** Exit codes of the generated scripts, read by the converter. */
export const psExit = { ok: 0, failed: 1, password: 2, notInstalled: 3 } as const;

/** A PowerShell single-quoted string: only the quote itself needs doubling. */
export function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const PROG_ID: Record<OfficeApp, string> = {
  word: 'Word.Application',
  excel: 'Excel.Application',
  powerpoint: 'PowerPoint.Application',
};

// A wrong password makes Office fail on a protected file instead of showing a prompt nobody
// can answer; 0x800A1520 (Word) and 0x800A03EC (Excel) are what it answers then.
const WRONG_PASSWORD = 'kamifax-no-password';

const BODY: Record<OfficeApp, string> = {
  word: [
    '$app.Visible = $false; $app.DisplayAlerts = 0',
    `$doc = $app.Documents.Open($in, $false, $true, $false, '${WRONG_PASSWORD}', '${WRONG_PASSWORD}')`,
    'try { $doc.ExportAsFixedFormat($out, 17) } finally { $doc.Close(0) }',
  ].join('\n'),
  excel: [
    '$app.Visible = $false; $app.DisplayAlerts = $false',
    `$book = $app.Workbooks.Open($in, 0, $true, 5, '${WRONG_PASSWORD}')`,
    'try { $book.ExportAsFixedFormat(0, $out) } finally { $book.Close($false) }',
  ].join('\n'),
  powerpoint: [
    '$deck = $app.Presentations.Open($in, -1, 0, 0)',
    'try { $deck.SaveAs($out, 32) } finally { $deck.Close() }',
  ].join('\n'),
};

/**
 * The PowerShell that asks Word, Excel or PowerPoint (COM automation, no window, no prompt)
 * to save `input` as PDF at `output`. Run with `powershell -NoProfile -NonInteractive
 * -ExecutionPolicy Bypass -Command -` and the script on stdin; the exit code says how it went.
 */
export function officeExportScript(app: OfficeApp, input: string, output: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    `$in = ${psQuote(input)}`,
    `$out = ${psQuote(output)}`,
    `if (-not (Test-Path 'Registry::HKEY_CLASSES_ROOT\\${PROG_ID[app]}')) { exit ${psExit.notInstalled} }`,
    `$app = New-Object -ComObject ${PROG_ID[app]}`,
    'try {',
    BODY[app],
    `} catch { if ($_.Exception.Message -match 'password|0x800A1520|0x800A03EC') { exit ${psExit.password} } else { [Console]::Error.WriteLine($_.Exception.Message); exit ${psExit.failed} } }`,
    'finally { $app.Quit(); [void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($app) }',
    `exit ${psExit.ok}`,
  ].join('\n');
}

/** A quick check for which Office programs are installed (one line per program found). */
export function officeProbeScript(): string {
  return (Object.entries(PROG_ID) as [OfficeApp, string][])
    .map(([app, progId]) => `if (Test-Path 'Registry::HKEY_CLASSES_ROOT\\${progId}') { '${app}' }`)
    .join('\n');
}
