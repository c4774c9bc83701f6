import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** The folder, inside `node_modules`, where `npm start` keeps native builds for Electron's ABI. */
export const electronBuildsFolder = '.kamifax-electron';

/**
 * Where a checkout keeps better-sqlite3 built for one Electron version, beside (never over)
 * the Node build that the tests load: `node_modules/.kamifax-electron/<platform>-<arch>/<version>/`.
 */
export function electronSqliteBuildPath(
  projectRoot: string,
  target: { platform: string; arch: string; electronVersion: string },
): string {
  return join(
    projectRoot,
    'node_modules',
    electronBuildsFolder,
    `${target.platform}-${target.arch}`,
    target.electronVersion,
    'better_sqlite3.node',
  );
}

/** What the choice depends on; `sqliteBindingHere()` fills it from the running process. */
export interface SqliteRuntime {
  /** `process.versions.electron`: set in Electron's main and utility processes. */
  electronVersion?: string;
  platform: string;
  arch: string;
  /** The folder better-sqlite3 resolves to (inside `app.asar` when packaged). */
  packageDir: string;
  /** Electron's `process.resourcesPath`. */
  resourcesPath?: string;
  exists(path: string): boolean;
}

/** Thrown instead of letting a native module of the wrong ABI crash the process. */
export class MissingNativeBuildError extends Error {
  constructor(
    readonly path: string,
    electronVersion: string,
  ) {
    super(
      `better-sqlite3 has no build for Electron ${electronVersion} (looked for ${path}). ` +
        'Start Kamifax with `npm start`, which makes one, or use `npm run start:web`.',
    );
    this.name = 'MissingNativeBuildError';
  }
}

/**
 * Picks better-sqlite3's `nativeBinding`: on Node, its own build (undefined: the default);
 * in Electron, the Electron-ABI build, from the checkout's side folder or, packaged, from
 * `resources/native/<version>/` (electron-builder's `extraResources`). A missing build is a
 * clear error, never a native crash.
 */
export function chooseSqliteBinding(runtime: SqliteRuntime): string | undefined {
  const version = runtime.electronVersion;
  if (!version) return undefined;
  const packaged = runtime.packageDir.split(/[\\/]/).includes('app.asar');
  const path = packaged
    ? join(runtime.resourcesPath ?? '', 'native', version, 'better_sqlite3.node')
    : electronSqliteBuildPath(resolve(runtime.packageDir, '..', '..'), {
        platform: runtime.platform,
        arch: runtime.arch,
        electronVersion: version,
      });
  if (!runtime.exists(path)) throw new MissingNativeBuildError(path, version);
  return path;
}

/** The choice for this process: what every `new Database(…)` passes as `nativeBinding`. */
export function sqliteBindingHere(): string | undefined {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return undefined;
  const require = createRequire(import.meta.url);
  return chooseSqliteBinding({
    electronVersion,
    platform: process.platform,
    arch: process.arch,
    packageDir: dirname(require.resolve('better-sqlite3/package.json')),
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
    exists: existsSync,
  });
}
