/**
 * `npm start` (and `npm run dist`'s first step with `--prepare-only`): makes sure Electron's
 * binary and the Electron build of better-sqlite3 are there, builds the bundles, and launches
 * Electron on this checkout. Every failure ends in one line that says what to do.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronRuntime } from './electron-runtime';
import { ensureSqliteForElectron } from './native-build';
import { electronPackage, realNativeSteps, realRuntimeSteps, run } from './real-steps';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const prepareOnly = process.argv.includes('--prepare-only');
const electron = electronPackage(projectRoot);

if (!prepareOnly && !(await ensureElectronRuntime(realRuntimeSteps(projectRoot)))) process.exit(1);
if (!(await ensureSqliteForElectron(realNativeSteps(projectRoot, electron.version)))) {
  process.exit(1);
}
if (prepareOnly) process.exit(0);

console.log('Kamifax: building the app…');
try {
  const cli = join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  await run(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: projectRoot });
} catch (error) {
  console.log(`Kamifax: the build failed (${String(error)}); the messages above say where.`);
  process.exit(1);
}

const binary = join(electron.dir, 'dist', readFileSync(join(electron.dir, 'path.txt'), 'utf8'));
const args = [projectRoot, ...process.argv.slice(2).filter((arg) => arg !== '--prepare-only')];
const child = spawn(binary, args, { stdio: 'inherit', cwd: projectRoot });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
