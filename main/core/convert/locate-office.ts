import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join, posix, win32 } from 'node:path';

/** Where LibreOffice and a Python that can `import uno` were found. */
export interface OfficeInstall {
  /** The `soffice` launcher. */
  soffice: string;
  /** Pythons to try for the UNO worker, best first (LibreOffice's own before the system's). */
  pythons: string[];
}

/** What the search looks at; tests pass fakes for other platforms. */
export interface LocateDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  list(dir: string): string[];
}

/** The real file system and environment. */
export const systemLocateDeps: LocateDeps = {
  platform: process.platform,
  env: process.env,
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

function onPath(names: string[], deps: LocateDeps, sep: string): string | null {
  const dirs = (deps.env.PATH ?? deps.env.Path ?? '').split(sep).filter(Boolean);
  for (const dir of dirs)
    for (const name of names) {
      const candidate = join(dir, name);
      if (deps.exists(candidate)) return candidate;
    }
  return null;
}

function sofficeCandidates(deps: LocateDeps): string[] {
  const { env } = deps;
  switch (deps.platform) {
    case 'win32': {
      const roots = [
        env.ProgramFiles,
        env['ProgramFiles(x86)'],
        env.LOCALAPPDATA && `${env.LOCALAPPDATA}\\Programs`,
      ];
      return roots
        .filter((r): r is string => !!r)
        .map((r) => `${r}\\LibreOffice\\program\\soffice.exe`);
    }
    case 'darwin':
      return [
        '/Applications/LibreOffice.app/Contents/MacOS/soffice',
        `${env.HOME ?? ''}/Applications/LibreOffice.app/Contents/MacOS/soffice`,
      ];
    default: {
      // Debian/Ubuntu packages, then the Document Foundation's own packages in /opt.
      const opt = deps
        .list('/opt')
        .filter((d) => d.toLowerCase().startsWith('libreoffice'))
        .sort()
        .reverse()
        .map((d) => `/opt/${d}/program/soffice`);
      return [
        '/usr/lib/libreoffice/program/soffice',
        '/usr/bin/soffice',
        ...opt,
        '/snap/bin/libreoffice',
      ];
    }
  }
}

function pythonCandidates(soffice: string, deps: LocateDeps): string[] {
  const program = (deps.platform === 'win32' ? win32 : posix).dirname(soffice);
  if (deps.platform === 'win32') return [`${program}\\python.exe`];
  if (deps.platform === 'darwin') return [join(program, '../Resources/python')];
  // Debian's python3-uno installs `uno` for the system python3, not for pyenv or venv ones.
  return [join(program, 'python'), '/usr/bin/python3', onPath(['python3'], deps, ':') ?? ''];
}

/** Finds LibreOffice on Linux, macOS or Windows: standard install paths first, then PATH. */
export function locateOffice(deps: LocateDeps = systemLocateDeps): OfficeInstall | null {
  const sep = deps.platform === 'win32' ? ';' : delimiter === ';' ? ':' : delimiter;
  const soffice =
    sofficeCandidates(deps).find((c) => deps.exists(c)) ??
    onPath(
      deps.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'],
      deps,
      sep,
    );
  if (!soffice) return null;
  const pythons = [...new Set(pythonCandidates(soffice, deps))].filter((p) => p && deps.exists(p));
  return { soffice, pythons };
}
