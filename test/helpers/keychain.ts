import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { systemComponent } from './system';

const probe = fileURLToPath(new URL('./keychain-probe.ts', import.meta.url));

/**
 * Whether a Secret Service keychain answers here. Checked in a child process, because a
 * missing D-Bus session can make libsecret block the calling process.
 */
function keychainAnswers(): boolean {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) return false;
  try {
    execFileSync(process.execPath, ['--import', 'tsx', probe], { timeout: 15_000, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** True when the OS keychain can be used; skips (or fails in CI) with a clear message otherwise. */
export const hasKeychain = systemComponent(
  'a Secret Service keychain',
  keychainAnswers(),
  'apt-get install gnome-keyring dbus-x11 libsecret-1-dev, then run inside ' +
    "dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; npm test'",
);
