import { extname, isAbsolute, resolve } from 'node:path';

/** File types Kamifax offers to fax from "Open with" and `kamifax send` (Compose accepts them). */
export const faxableExtensions = [
  'pdf',
  'tif',
  'tiff',
  'png',
  'jpg',
  'jpeg',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'odt',
  'ods',
  'rtf',
  'txt',
] as const;

/** What a launch asks for. */
export type LaunchAction =
  | { kind: 'show'; hidden: boolean }
  | { kind: 'compose'; origin: 'openWith' | 'cli'; files: string[]; subject: string | null };

/**
 * Reads a launch's command line: `kamifax send [--subject S] <file>…` (the CLI), files given
 * by the desktop's "Open with", or nothing (just show the window; `--hidden` at login).
 * `argv` is Electron's: the executable, in a checkout the app folder, then our arguments;
 * Chromium's own switches (`--foo`) are skipped. Paths are resolved against the launch's
 * own working folder, not the running app's.
 */
export function parseLaunch(
  argv: readonly string[],
  cwd: string,
  fromCheckout: boolean,
): LaunchAction {
  const args = argv.slice(fromCheckout ? 2 : 1);
  const hidden = args.includes('--hidden');
  const toPath = (arg: string) => (isAbsolute(arg) ? arg : resolve(cwd, arg));
  if (args[0] === 'send') {
    let subject: string | null = null;
    const files: string[] = [];
    for (let i = 1; i < args.length; i += 1) {
      const arg = args[i]!;
      if (arg === '--subject') subject = args[++i] ?? '';
      else if (arg.startsWith('--subject=')) subject = arg.slice('--subject='.length);
      // `kamifax send --to <number>` (main/core/cli): the number is typed in Compose, not a file.
      else if (arg === '--to' || arg === '--data') i += 1;
      else if (!arg.startsWith('--')) files.push(toPath(arg));
    }
    return { kind: 'compose', origin: 'cli', files, subject: subject?.slice(0, 200) ?? null };
  }
  const files = args
    .filter((arg) => !arg.startsWith('-'))
    .filter((arg) =>
      (faxableExtensions as readonly string[]).includes(extname(arg).slice(1).toLowerCase()),
    )
    .map(toPath);
  if (files.length > 0) return { kind: 'compose', origin: 'openWith', files, subject: null };
  return { kind: 'show', hidden };
}
