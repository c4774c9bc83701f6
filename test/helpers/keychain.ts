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
  process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS
    ? 'a Secret Service keychain (no D-Bus session: DBUS_SESSION_BUS_ADDRESS is unset)'
    : 'a Secret Service keychain (none answered, or it is locked)',
  keychainAnswers(),
  'run npm test inside a throw-away keyring, as the README shows under "What the tests need"',
);
