import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Findings above informational that were reviewed and are explained in SECURITY.md
 * ("Electronegativity"), by check and file. Anything else fails the audit.
 */
const reviewed: Record<string, RegExp> = {
  // Our CSP is a response header of the app:// protocol handler, which the tool cannot see.
  CSP_GLOBAL_CHECK: /^N\/A$/,
  // Every openExternal receives a URL parsed and vetted as https by parseExternalUrl. In the
  // build, main's code is `main/app.js` (`main/index.js` only turns the compile cache on) and
  // the core's (core/app.ts, imported after the window is made) `main/chunks/app-<hash>.js`.
  OPEN_EXTERNAL_JS_CHECK:
    /(^|\/)(core\/app\.ts|electron\/index\.ts|electron\/window\.ts|main\/app\.js|main\/chunks\/app-[\w-]+\.js)$/,
  // The one preload is ours: it exposes only the contract's channels, checked in main.
  PRELOAD_JS_CHECK: /(^|\/)(electron\/window\.ts|main\/app\.js)$/,
};

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}

const csvHeader = 'issue, severity, confidence, filename, location, sample, description, url';

/**
 * Runs Electronegativity over one folder; returns its findings (CSV output, parsed).
 * The tool writes the CSV's header and its rows with two unawaited `fs.writeFile` calls, so
 * now and then the header lands over the first row (a garbled "finding" that is really the
 * tail of the CSP row). A report that is empty or whose every row is not whole is run again, up to 5 times.
 */
function audit(input: string): Finding[] {
  for (let attempt = 1; ; attempt += 1) {
    const output = join(mkdtempSync(join(tmpdir(), 'kamifax-eneg-')), 'findings.csv');
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
        '-i',
        input,
        '-r',
        '-e',
        '45.5.0',
        '-o',
        output,
      ],
      { cwd: root, stdio: 'ignore' },
    );
    const text = readFileSync(output, 'utf8');
    // A real CSV parser: a finding's code sample may hold commas, quotes and line breaks.
    const rows = parse(text, {
      columns: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as Array<Record<string, string>>;
    // Never empty: the CSP check always reports (our CSP is a response header it cannot see).
    const whole =
      text.startsWith(csvHeader) &&
      rows.length > 0 &&
      rows.every(
        (row) => /^[A-Z_]+$/.test(row.issue ?? '') && row.url?.endsWith(`/wiki/${row.issue ?? ''}`),
      );
    if (!whole) {
      if (attempt < 5) continue;
      throw new Error(`Electronegativity wrote a garbled report 5 times; the last:\n${text}`);
    }
    return rows.map((row) => ({
      check: row.issue ?? '',
      severity: row.severity ?? '',
      file: row.filename ?? '',
      location: row.location ?? '',
    }));
  }
}

const unexplained = (findings: Finding[]) =>
  findings.filter((f) => f.severity !== 'INFORMATIONAL' && !reviewed[f.check]?.test(f.file));

describe('Electronegativity over our Electron code', () => {
  let sources: Finding[];
  let bundles: Finding[];
  beforeAll(() => {
    // One input holding main, preload and renderer, so its global checks (navigation limits,
    // permission handler, CSP) see the whole app as Electron runs it.
    const tree = mkdtempSync(join(tmpdir(), 'kamifax-eneg-src-'));
    for (const folder of ['main', 'preload', 'renderer/src']) {
      cpSync(join(root, folder), join(tree, folder), { recursive: true });
    }
    sources = audit(tree);
    // Built into a folder of its own: the packaging test builds into out/ at the same time,
    // and auditing a bundle it is half-way through writing gave a garbled finding.
    const built = mkdtempSync(join(tmpdir(), 'kamifax-eneg-build-'));
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--logLevel',
        'warn',
        '--outDir',
        built,
      ],
      { cwd: root, stdio: 'ignore' },
    );
    const out = mkdtempSync(join(tmpdir(), 'kamifax-eneg-out-'));
    cpSync(join(built, 'main'), join(out, 'main'), { recursive: true });
    cpSync(join(built, 'preload'), join(out, 'preload'), { recursive: true });
    bundles = audit(out);
  }, 600_000);

  it('finds nothing above informational in the sources that SECURITY.md does not explain', () => {
    expect(sources.length).toBeGreaterThan(0); // the tool ran and reported something
    expect(unexplained(sources)).toEqual([]);
  });

  it('finds nothing above informational in the built bundles that SECURITY.md does not explain', () => {
    expect(unexplained(bundles)).toEqual([]);
  });

  it('the audit can fail: a window without sandbox is reported', () => {
    const tree = mkdtempSync(join(tmpdir(), 'kamifax-eneg-bad-'));
    cpSync(join(root, 'main/electron'), join(tree, 'electron'), { recursive: true });
    const window = join(tree, 'electron', 'window.ts');
    writeFileSync(window, readFileSync(window, 'utf8').replace('sandbox: true', 'sandbox: false'));
    expect(unexplained(audit(tree)).map((f) => f.check)).toContain('SANDBOX_JS_CHECK');
  });
});
