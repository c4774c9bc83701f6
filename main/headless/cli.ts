/**
 * `npm run start:web`: runs Kamifax without Electron and prints the URL to open in a browser.
 * Options: --port <n> (default: a free port), --data <dir> (default: ~/.kamifax-web),
 * --web <dir> (the built renderer; default: out/web).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ChosenCredentialStore } from '../core/credentials/chosen-store';
import type { CredentialStore } from '../core/credentials/credential-store';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import { MemoryCredentialStore } from '../core/credentials/memory-store';
import { guardProcess } from '../core/async/process-guard';
import { createLogger } from '../core/log/logger';
import { webDataDir } from './data-dir';
import { startHeadlessHost } from './host';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: { port: { type: 'string' }, data: { type: 'string' }, web: { type: 'string' } },
});
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * The OS keychain when one answers. A headless box often has none; then the sign-in is kept
 * in memory for this run only (nothing is written to disk) and the user is told so. The probe
 * runs while the host starts (ChosenCredentialStore): the first call that needs a secret, a
 * restore's, waits for it, nothing before it does.
 */
async function chooseCredentials(): Promise<{ store: CredentialStore; inMemory: boolean }> {
  const keychain = new KeytarCredentialStore(5000);
  try {
    await keychain.get({ service: 'probe', account: 'probe' }, 'data-key');
    return { store: keychain, inMemory: false };
  } catch {
    console.error(
      'No system keychain answered: this run keeps your sign-in in memory only; you will sign in again next time.',
    );
    return { store: new MemoryCredentialStore(), inMemory: true };
  }
}

const log = createLogger((line) => process.stderr.write(`${line}\n`), 'headless');
// A background failure nobody awaited is logged; it must not end the user's session.
guardProcess(log);

const host = await startHeadlessHost({
  log,
  credentials: new ChosenCredentialStore(chooseCredentials()),
  dataDir: webDataDir(values.data),
  webRoot: values.web ?? join(projectRoot, 'out/web'),
  port: values.port ? Number(values.port) : 0,
  version: pkg.version,
  // The link goes out once the host listens: the page opens while the core loads.
  onListening: (url) =>
    console.log(
      `Kamifax is running. Open this link in your browser (it works once, for this run):\n${url}`,
    ),
});
const stop = () => {
  host.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('could not stop cleanly', { error: String(error) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
