import { app } from 'electron';
import { isKamifaxCommand } from '../core/cli/command-names';
import type { CredentialStore } from '../core/credentials/credential-store';
import { KeytarCredentialStore } from '../core/credentials/keytar-store';
import type { Logger } from '../core/log/logger';
import { embeddedService, type ServiceRunner } from '../core/session/embedded-service';

/** A command line the app binary runs headless instead of opening a window. */
export interface CommandLaunch {
  kind: 'kamifax' | 'convert';
  /** Our own arguments, from the command's name on. */
  args: string[];
}

/**
 * Tells a command launch (`kamifax send --to …`, `kamifax status`, `kamifax convert`) from a
 * desktop launch. Synchronous, so the main process decides before it claims the
 * single-instance lock or opens anything. `kamifax send <file>` without `--to` is not a
 * command: `parseLaunch` opens it in Compose (in the running instance if there is one).
 */
export function commandLaunch(
  argv: readonly string[],
  fromCheckout: boolean,
): CommandLaunch | null {
  const args = argv.slice(fromCheckout ? 2 : 1).filter((arg) => !arg.startsWith('--inspect'));
  if (isKamifaxCommand(args)) return { kind: 'kamifax', args };
  if (args[0] === 'convert') return { kind: 'convert', args };
  return null;
}

/** What a command run needs besides its arguments; tests give their own keychain. */
export interface CommandLaunchOptions {
  log: Logger;
  runner?: ServiceRunner;
  credentials?: CredentialStore;
}

/**
 * Runs a command launch through the core, with no window, then exits the process with the
 * command's code (1 when the command itself threw, said on stderr). The installed app is
 * the same binary as the desktop app, so this is how `kamifax send` works once installed.
 */
export async function runCommandLaunch(
  command: CommandLaunch,
  options: CommandLaunchOptions,
): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const log = options.log.child('command');
  let code: number;
  try {
    await app.whenReady();
    const dataDir = app.getPath('userData');
    const locale = app.getLocale();
    // What a command runs loads only for a command: a desktop start does not evaluate it.
    if (command.kind === 'convert') {
      code = await convert(command.args.slice(1), dataDir, locale, log, out, err);
    } else {
      const { runKamifaxCommand } = await import('../core/cli/kamifax-command');
      code = await runKamifaxCommand(command.args, {
        dataDir,
        credentials: options.credentials ?? new KeytarCredentialStore(5000),
        localService: embeddedService(dataDir, { runner: options.runner, sharing: 'adopt' }),
        log,
        locale,
        out,
        err,
      });
    }
  } catch (error) {
    log.error('the command failed', { error: String(error) });
    err(error instanceof Error ? error.message : String(error));
    code = 1;
  }
  app.exit(code);
  return code;
}

/** `kamifax convert`, with Office conversion loaded for it alone. */
async function convert(
  args: string[],
  dataDir: string,
  locale: string,
  log: Logger,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const [{ runConvertCommand }, { defaultWorkerScript }] = await Promise.all([
    import('../core/convert/convert-command'),
    import('../core/printer/printing'),
  ]);
  return runConvertCommand(args, {
    dataDir,
    locale,
    log,
    workerScript: defaultWorkerScript(),
    out,
    err,
  });
}
