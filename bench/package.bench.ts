/**
 * The packaged app's size, from the packaging check (electron-builder --linux dir around a
 * PLACEHOLDER ELECTRON RUNTIME, see main/electron/launcher/placeholder-package.ts): the ASAR
 * and the unpacked native modules, beside the built bundles alone. Then the import cost the
 * desktop app no longer pays at start-up: the embedded demo service's bundle, imported in a
 * fresh Node process, beside importing nothing.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageWithPlaceholderRuntime } from '../main/electron/launcher/placeholder-package';
import { fixed, median, printTable } from './inbox-helpers';

const root = fileURLToPath(new URL('..', import.meta.url));

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

function importMs(specifier: string | null): number {
  const script = specifier
    ? `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`
    : 'const t = performance.now(); console.log(performance.now() - t);';
  const samples: number[] = [];
  for (let run = 0; run < 6; run += 1) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
    });
    if (run > 0) samples.push(Number(String(out).trim()));
  }
  return median(samples);
}

execFileSync(
  process.execPath,
  [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
  { cwd: root, stdio: 'inherit' },
);
const packaged = await packageWithPlaceholderRuntime(root);
const mb = (bytes: number) => fixed(bytes / 1e6, 1);
const unpacked = join(packaged.appDir, 'resources', 'app.asar.unpacked');
printTable(
  'The packaged app (placeholder Electron runtime; Electron itself adds about 250 MB)',
  ['part', 'MB'],
  [
    ['app.asar (bundles + production dependencies)', mb(packaged.asarBytes)],
    ['app.asar.unpacked (native modules)', mb(folderBytes(unpacked))],
    [
      'reference: the built bundles alone (out/, maps included)',
      mb(folderBytes(join(root, 'out'))),
    ],
  ],
);
rmSync(dirname(packaged.appDir), { recursive: true, force: true });

const server = readdirSync(join(root, 'out/main/chunks')).find((name) =>
  name.startsWith('server-'),
);
if (server) {
  const url = pathToFileURL(join(root, 'out/main/chunks', server)).href;
  printTable(
    'Import cost left out of the desktop app’s start (fresh Node process, median of 5)',
    ['import', 'ms'],
    [
      ['the embedded service bundle (Fastify, routes, storage)', fixed(importMs(url))],
      ['reference: nothing', fixed(importMs(null), 1)],
    ],
  );
}
