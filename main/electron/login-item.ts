import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/fs/atomic-write';

/** The XDG autostart entry's file name (`~/.config/autostart/…`). */
export const autostartFile = 'org.kamifax.desktop.desktop';

/** Quotes one argument of a desktop entry's `Exec` key (the XDG Desktop Entry rules). */
export function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$<>|&;*?#()]/.test(arg)) return arg.replace(/%/g, '%%');
  return `"${arg.replace(/([\\"`$])/g, '\\$1').replace(/%/g, '%%')}"`;
}

/**
 * The autostart entry: starts Kamifax hidden in the tray at login. For an AppImage the
 * command is the AppImage itself (`$APPIMAGE`), not the temporary mount it runs from.
 */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Kamifax',
    'Comment=Desktop fax client',
    `Exec=${[...command, '--hidden'].map(quoteExecArg).join(' ')}`,
    'Icon=kamifax',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Writes or removes `$XDG_CONFIG_HOME/autostart/<entry>` (`~/.config` by default): Linux has
 * no login-item API in Electron, so this is ours.
 */
export async function setLinuxAutostart(
  enabled: boolean,
  env: NodeJS.ProcessEnv,
  home: string,
  command: readonly string[],
): Promise<string> {
  const folder = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
  const path = join(folder, autostartFile);
  if (!enabled) {
    await rm(path, { force: true });
    return path;
  }
  await mkdir(folder, { recursive: true });
  await writeFileAtomic(path, autostartEntry(command));
  return path;
}
