/**
 * The packaging check that runs where Electron cannot be downloaded: electron-builder
 * packages the app (`--linux dir`) around a PLACEHOLDER ELECTRON RUNTIME — a folder shaped
 * like Electron's release whose `electron` is a stub script that only carries Electron's fuse
 * wire, so electron-builder's fuse step has something real to flip. The ASAR, the unpacked
 * native modules and the fuses it produces are the real thing; the runtime is not, and no
 * installer made this way must ever be shipped.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Electron's fuse sentinel, then the wire's version and length, as in a real binary. */
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on. */
const defaultWire = '10110001';

/** Writes the placeholder runtime folder and returns its path. */
export function placeholderElectronDist(version: string): string {
  const dist = mkdtempSync(join(tmpdir(), 'kamifax-placeholder-electron-'));
  const stub = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "This is a placeholder Electron runtime for the packaging check, not Electron." >&2\nexit 1\n# ',
    ),
    Buffer.from(sentinel),
    Buffer.from([1, defaultWire.length]),
    Buffer.from(defaultWire),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dist, 'electron'), stub);
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), version);
  writeFileSync(join(dist, 'LICENSE'), 'placeholder');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), 'placeholder');
  mkdirSync(join(dist, 'resources'));
  return dist;
}

/** The fuse wire of a packaged binary: one '0'/'1' per fuse, in @electron/fuses' order. */
export function fuseWire(binary: string): string {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(sentinel);
  if (at < 0) throw new Error(`no fuse wire in ${binary}`);
  const length = bytes[at + sentinel.length + 1]!;
  const start = at + sentinel.length + 2;
  return bytes.subarray(start, start + length).toString('latin1');
}

/** What the check found. */
export interface PackagedApp {
  appDir: string;
  asarPath: string;
  asarBytes: number;
  binary: string;
}

/**
 * Runs electron-builder for `--linux dir` with our electron-builder.yml around the
 * placeholder runtime. The bundles in `out/` must have been built first.
 */
export async function packageWithPlaceholderRuntime(projectRoot: string): Promise<PackagedApp> {
  const { build, Platform } = await import('electron-builder');
  const config = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const manifest = JSON.parse(
    readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };
  const output = mkdtempSync(join(tmpdir(), 'kamifax-package-'));
  await build({
    projectDir: projectRoot,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    // electron-builder reads electron-builder.yml from projectDir itself and merges these in
    // (arrays concatenated): spreading the file here too copied every extraResource twice.
    config: {
      electronDist: placeholderElectronDist(manifest.version),
      electronVersion: manifest.version,
      directories: { ...(config.directories as object), output },
    },
  });
  const appDir = join(output, 'linux-unpacked');
  const asarPath = join(appDir, 'resources', 'app.asar');
  return { appDir, asarPath, asarBytes: statSync(asarPath).size, binary: join(appDir, 'kamifax') };
}
