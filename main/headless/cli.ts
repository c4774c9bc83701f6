/**
 * `npm run start:web`: runs Kamifax without Electron and prints the URL to open in a browser.
 * Options: --port <n> (default: a free port), --data <dir> (default: ~/.kamifax-web).
 */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startHeadlessHost } from './host';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: { port: { type: 'string' }, data: { type: 'string' } },
});
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
};

const host = await startHeadlessHost({
  dataDir: values.data ?? join(homedir(), '.kamifax-web'),
  webRoot: join(projectRoot, 'out/web'),
  port: values.port ? Number(values.port) : 0,
  version: pkg.version,
});
console.log(`Kamifax is running at ${host.url}`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
