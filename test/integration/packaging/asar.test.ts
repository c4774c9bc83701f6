import { listPackage } from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fuseWire,
  packageWithPlaceholderRuntime,
  type PackagedApp,
} from '../../../main/electron/launcher/placeholder-package';
import { officeWorkerScript } from '../../../main/electron/office-worker';

const root = resolve(import.meta.dirname, '../../..');

/** Every file under a folder, as ASAR paths (`/out/main/index.js`). */
function filesUnder(dir: string, prefix: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(
      (entry) =>
        `${prefix}/${join(entry.parentPath, entry.name).slice(join(root, dir).length + 1)}`,
    );
}

/** The installed production packages, by the lockfile (not dev, present on disk). */
function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(
        ([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional,
      )
      .filter(([path]) => existsSync(join(root, path)))
      .map(([path]) => `/${path}`),
  );
}

// electron-builder packages the real bundles and dependencies around a placeholder Electron
// runtime (see placeholder-package.ts): Electron's binary cannot be downloaded here.
describe('the packaged app (electron-builder --linux dir, placeholder Electron runtime)', () => {
  let packaged: PackagedApp;
  let entries: string[];
  beforeAll(async () => {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--logLevel',
        'warn',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    packaged = await packageWithPlaceholderRuntime(root);
    entries = listPackage(packaged.asarPath, { isPack: false }).map((entry) =>
      entry.replaceAll('\\', '/'),
    );
  }, 600_000);

  it('holds exactly the built bundles (no maps), package.json and production dependencies', () => {
    const bundles = [
      ...filesUnder('out/main', '/out/main'),
      ...filesUnder('out/preload', '/out/preload'),
      ...filesUnder('out/renderer', '/out/renderer'),
    ].filter((path) => !path.endsWith('.map'));
    const files = entries.filter(
      (entry) => !entries.some((other) => other.startsWith(`${entry}/`)),
    );
    expect(files.filter((f) => f.startsWith('/out/')).sort()).toEqual(bundles.sort());
    const outside = files.filter((f) => !f.startsWith('/out/') && !f.startsWith('/node_modules/'));
    expect(outside).toEqual(['/package.json']);

    const shipped = new Set(
      entries
        .filter((e) => e.endsWith('/package.json') && e.startsWith('/node_modules/'))
        .map((e) => e.slice(0, -'/package.json'.length))
        .filter((dir) =>
          /^\/node_modules\/(@[^/]+\/)?[^/@]+(\/node_modules\/(@[^/]+\/)?[^/]+)*$/.test(dir),
        ),
    );
    const production = productionPackages();
    expect([...shipped].filter((dir) => !production.has(dir))).toEqual([]);
    for (const direct of [
      'better-sqlite3',
      'keytar',
      'fastify',
      'zod',
      'electron-updater',
      'libphonenumber-js',
    ]) {
      expect(shipped.has(`/node_modules/${direct}`), direct).toBe(true);
    }
  });

  it('leaves out tests, benchmarks, TypeScript sources, maps and renderer-only packages', () => {
    const bad = entries.filter(
      (e) =>
        /^\/(test|bench|main|renderer|preload|service)\//.test(e) ||
        e.endsWith('.map') ||
        (e.endsWith('.ts') && !e.endsWith('.d.ts')),
    );
    expect(bad).toEqual([]);
    for (const renderOnly of [
      'react',
      'react-dom',
      'pdfjs-dist',
      'lucide-react',
      '@fastify/swagger',
    ]) {
      expect(entries).not.toContain(`/node_modules/${renderOnly}`);
    }
    expect(entries.some((e) => e.startsWith('/node_modules/better-sqlite3/build'))).toBe(false);
  });

  it('keeps native modules outside the ASAR', () => {
    const unpacked = join(packaged.appDir, 'resources', 'app.asar.unpacked');
    expect(existsSync(join(unpacked, 'node_modules/keytar/build/Release/keytar.node'))).toBe(true);
  });

  it('ships the LibreOffice UNO worker in the resources folder, where the app looks for it', () => {
    const resources = join(packaged.appDir, 'resources');
    const shipped = officeWorkerScript({ isPackaged: true, resourcesPath: resources, appPath: '' });
    expect(shipped).toBe(join(resources, 'office', 'uno-worker.py'));
    expect(readFileSync(shipped, 'utf8')).toBe(
      readFileSync(join(root, 'main/core/convert/uno-worker.py'), 'utf8'),
    );
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; ASAR integrity; app only from the ASAR; cookie encryption', () => {
    // Order: RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, AsarIntegrity, OnlyLoadAppFromAsar, V8 snapshot, file://.
    expect(fuseWire(packaged.binary)).toBe('01001100');
  });
});
