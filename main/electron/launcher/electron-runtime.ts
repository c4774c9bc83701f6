import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable's path inside `node_modules/electron/dist`, as Electron's installer names it. */
export function electronPlatformPath(platform: string): string {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The same test as Electron's own `install.js`: the right version unpacked, `path.txt`
 * written, the executable there. electron-vite reads `path.txt` itself and throws
 * "Electron uninstall" when it is missing, which is the failure `npm start` used to meet.
 */
export function electronInstalled(electronDir: string, version: string, platform: string): boolean {
  try {
    const unpacked = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '');
    const pathTxt = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    const expected = electronPlatformPath(platform);
    return (
      unpacked.trim() === version &&
      pathTxt === expected &&
      existsSync(join(electronDir, 'dist', expected))
    );
  } catch {
    return false;
  }
}

/** One tick of the download. */
export interface DownloadProgress {
  transferred: number;
  total: number | null;
}

/** What `ensureElectronRuntime` needs; `start.ts` passes the real ones, tests fakes. */
export interface RuntimeSteps {
  version: string;
  isInstalled(): boolean;
  /** Fetches the release zip into Electron's download cache (`@electron/get`). */
  download(onProgress: (progress: DownloadProgress) => void): Promise<void>;
  /** Runs Electron's own `install.js`, which unpacks the cached zip and writes `path.txt`. */
  install(): Promise<void>;
  /** A whole line. */
  print(line: string): void;
  /** Rewrites the current progress line (a plain line each 10 % when not a terminal). */
  progress(text: string): void;
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** The reason of a failure in a few words: the first line, without a stack. */
export function shortReason(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  // fetch() says only "fetch failed"; the cause names the network error.
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string }) : null;
  if (cause?.code || cause?.message) text = `${text}: ${cause.code ?? cause.message}`;
  return (text.split('\n').find((line) => line.trim()) ?? 'unknown error').trim().slice(0, 160);
}

/**
 * Makes sure Electron's binary is unpacked before anything asks for it, showing the
 * download's progress; where it cannot be fetched, says so in one line and points to the
 * browser host. Resolves true when Electron is ready.
 */
export async function ensureElectronRuntime(steps: RuntimeSteps): Promise<boolean> {
  if (steps.isInstalled()) return true;
  steps.print(`Kamifax: downloading Electron ${steps.version} (once, about 110 MB)…`);
  let shown = -1;
  try {
    await steps.download(({ transferred, total }) => {
      const percent = total ? Math.floor((transferred / total) * 100) : -1;
      if (percent === shown) return;
      shown = percent;
      steps.progress(percent >= 0 ? `  ${percent}% of ${mb(total!)}` : `  ${mb(transferred)}`);
    });
    await steps.install();
  } catch (error) {
    steps.print(
      `Kamifax: Electron ${steps.version} could not be downloaded (${shortReason(error)}); ` +
        'run `npm run start:web` to use Kamifax in your browser instead.',
    );
    return false;
  }
  if (!steps.isInstalled()) {
    steps.print(
      `Kamifax: Electron ${steps.version} was downloaded but is not in place; ` +
        'delete node_modules/electron/dist and try again, or run `npm run start:web`.',
    );
    return false;
  }
  steps.print(`Kamifax: Electron ${steps.version} is ready.`);
  return true;
}
