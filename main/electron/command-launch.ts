import { app } from 'electron';
import { isKamifaxCommand, runKamifaxCommand } from '../core/cli/kamifax-command';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import type { Logger } from '../core/log/logger';
import { embeddedService, type ServiceRunner } from '../core/session/embedded-service';

/**
 * The hook for `kamifax send --to …` and `kamifax status` run with the installed app binary:
 * the job is done through the core without a window, then the process exits with the
 * command's code. Call it first in the main process, before the single-instance lock and
 * before any window:
 *
 *     if (await runCommandLaunch(process.argv, !app.isPackaged, log, utilityProcessRunner(here))) return;
 *
 * It returns false for every other launch (including `kamifax send <file>` without `--to`,
 * which `parseLaunch` keeps opening in Compose).
 */
export async function runCommandLaunch(
  argv: readonly string[],
  fromCheckout: boolean,
  log: Logger,
  runner?: ServiceRunner,
): Promise<boolean> {
  const args = argv.slice(fromCheckout ? 2 : 1).filter((arg) => !arg.startsWith('--inspect'));
  if (!isKamifaxCommand(args)) return false;
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const code = await runKamifaxCommand(args, {
    dataDir,
    credentials: new KeytarCredentialStore(5000),
    localService: embeddedService(dataDir, { runner }),
    log: log.child('command'),
    locale: app.getLocale(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  app.exit(code);
  return true;
}
