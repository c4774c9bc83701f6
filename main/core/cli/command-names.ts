/**
 * Which command lines the app binary runs headless (command-launch.ts), apart from the commands
 * themselves (kamifax-command.ts): the desktop app asks this at every start, and loads what a
 * command runs (sending, the stores, the API client) only for a command.
 */

/** Whether a command line is one of ours (`kamifax send …`, `kamifax status …`). */
export function isKamifaxCommand(args: readonly string[]): boolean {
  return (
    args[0] === 'status' ||
    (args[0] === 'send' && args.some((a) => a === '--to' || a.startsWith('--to=')))
  );
}
