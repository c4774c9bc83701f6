import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronSqliteBuildPath } from '../../core/native/sqlite-binding';
import { electronInstalled, type RuntimeSteps } from './electron-runtime';
import type { NativeBuildSteps } from './native-build';

/** Runs a command, resolving on exit 0 and rejecting with its last stderr line otherwise. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; quiet?: boolean } = {},
) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: options.quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit',
    });
    let stderr = '';
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)),
    );
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else {
        const lines = stderr.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line));
        reject(new Error(lines.at(-1) ?? `${command} exited with ${code}`));
      }
    });
  });
}

/**
 * The ABI a native module was built for, read from its `node_register_module_v<abi>` export
 * (present in ELF, PE and Mach-O alike), without loading it. Null for Node-API modules.
 */
export function moduleAbi(binary: Buffer): string | null {
  const match = /node_register_module_v(\d+)/.exec(binary.toString('latin1'));
  return match?.[1] ?? null;
}

/** The installed `electron` package, found without requiring it (that would start a download). */
export function electronPackage(projectRoot: string): { dir: string; version: string } {
  const require = createRequire(join(projectRoot, 'package.json'));
  const manifest = require.resolve('electron/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/** The real download and install through Electron's own `@electron/get` and `install.js`. */
export function realRuntimeSteps(projectRoot: string): RuntimeSteps {
  const electron = electronPackage(projectRoot);
  const tty = process.stdout.isTTY;
  let lastPlain = -10;
  return {
    version: electron.version,
    isInstalled: () => electronInstalled(electron.dir, electron.version, process.platform),
    async download(onProgress) {
      const require = createRequire(join(electron.dir, 'package.json'));
      const get = (await import(pathToFileURL(require.resolve('@electron/get')).href)) as {
        downloadArtifact(options: Record<string, unknown>): Promise<string>;
      };
      // The same artifact, checksums and cache as install.js, so install.js finds it cached.
      await get.downloadArtifact({
        version: electron.version,
        artifactName: 'electron',
        platform: process.env.npm_config_platform ?? process.platform,
        arch: process.env.npm_config_arch ?? process.arch,
        cacheRoot: process.env.electron_config_cache,
        checksums: JSON.parse(readFileSync(join(electron.dir, 'checksums.json'), 'utf8')) as object,
        downloadOptions: { quiet: true, getProgressCallback: onProgress },
      });
    },
    install: () => run(process.execPath, [join(electron.dir, 'install.js')], { quiet: true }),
    print: (line) => {
      if (tty) process.stdout.write('\r\x1b[K');
      console.log(line);
    },
    progress(text) {
      if (tty) {
        process.stdout.write(`\r\x1b[K${text}`);
        return;
      }
      const percent = Number.parseInt(text, 10);
      if (Number.isNaN(percent) || percent - lastPlain >= 10) {
        lastPlain = Number.isNaN(percent) ? lastPlain : percent;
        console.log(text);
      }
    },
  };
}

/**
 * Builds better-sqlite3 for Electron in a scratch copy under `node_modules/.kamifax-electron/`
 * with @electron/rebuild (a prebuilt download first, else node-gyp against Electron's
 * headers), then keeps only the `.node` file. The project's own copy, built for Node, is
 * never touched, so tests and `npm start` do not flip one `node_modules` back and forth.
 */
export function realNativeSteps(projectRoot: string, electronVersion: string): NativeBuildSteps {
  const target = electronSqliteBuildPath(projectRoot, {
    platform: process.platform,
    arch: process.arch,
    electronVersion,
  });
  return {
    electronVersion,
    target,
    exists: existsSync,
    print: (line) => console.log(line),
    async build() {
      const versionsDir = dirname(dirname(target));
      const work = join(dirname(versionsDir), `work-${process.pid}`);
      const source = join(projectRoot, 'node_modules', 'better-sqlite3');
      const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as {
        version: string;
      };
      rmSync(work, { recursive: true, force: true });
      try {
        cpSync(source, join(work, 'node_modules', 'better-sqlite3'), {
          recursive: true,
          filter: (path) => !path.startsWith(join(source, 'build')),
        });
        writeFileSync(
          join(work, 'package.json'),
          JSON.stringify({
            name: 'kamifax-native',
            private: true,
            dependencies: { 'better-sqlite3': version },
          }),
        );
        // npm passes `nodedir` (ours points at Node's headers for the Node build); Electron's
        // headers are what this build needs, so it must not leak into node-gyp.
        delete process.env.npm_config_nodedir;
        delete process.env.NPM_CONFIG_NODEDIR;
        const { rebuild } = await import('@electron/rebuild');
        await rebuild({
          buildPath: work,
          electronVersion,
          arch: process.arch,
          onlyModules: ['better-sqlite3'],
          force: true,
        });
        const built = join(
          work,
          'node_modules',
          'better-sqlite3',
          'build',
          'Release',
          'better_sqlite3.node',
        );
        if (!existsSync(built)) throw new Error('the build produced no better_sqlite3.node');
        const expected = readFileSync(
          join(electronPackage(projectRoot).dir, 'abi_version'),
          'utf8',
        );
        const abi = moduleAbi(readFileSync(built));
        if (abi !== expected.trim()) {
          throw new Error(
            `the build is for ABI ${abi ?? 'unknown'}, Electron needs ${expected.trim()}`,
          );
        }
        mkdirSync(dirname(target), { recursive: true });
        cpSync(built, target);
        // Builds for older Electron versions would only ship stale weight in the installers.
        for (const old of readdirSync(versionsDir)) {
          if (old !== electronVersion)
            rmSync(join(versionsDir, old), { recursive: true, force: true });
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}
