/**
 * `npm run kamifax -- send --to <number> <file>…` and `npm run kamifax -- status [<id>]` from a
 * source checkout: the same core, outbox and keychain sign-in as the app, without a window.
 * Uses the desktop app's data folder (sign in once in the app); `--data <dir>` or
 * KAMIFAX_DATA chooses another. The installed app runs the same `runKamifaxCommand`
 * (main/core/cli) when started with these arguments.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { guardProcess } from '../core/async/process-guard';
import { runKamifaxCommand } from '../core/cli/kamifax-command';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import { createLogger } from '../core/log/logger';
import { embeddedService } from '../core/session/embedded-service';

/** Where Electron keeps the desktop app's data (`app.getPath('userData')` for "Kamifax"). */
export function desktopDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Kamifax');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kamifax');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Kamifax');
}

const args = process.argv.slice(2);
const dataIndex = args.indexOf('--data');
const dataDir =
  dataIndex >= 0 ? args.splice(dataIndex, 2)[1]! : (process.env.KAMIFAX_DATA ?? desktopDataDir());
const log = createLogger((line) => {
  if (process.env.KAMIFAX_DEBUG) process.stderr.write(`${line}\n`);
}, 'cli');
guardProcess(log);
const code = await runKamifaxCommand(args, {
  dataDir,
  credentials: new KeytarCredentialStore(5000),
  localService: embeddedService(dataDir, { sharing: 'adopt' }),
  log,
  locale: (
    process.env.LC_ALL ||
    process.env.LANG ||
    Intl.DateTimeFormat().resolvedOptions().locale
  ).split('.')[0]!,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
