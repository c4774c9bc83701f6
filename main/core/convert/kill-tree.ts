import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Kills a child and everything it started: soffice is a launcher (oosplash) that starts
 * soffice.bin, so killing the launcher alone would leave LibreOffice running. On POSIX the
 * child was spawned `detached` (its own process group); on Windows taskkill walks the tree.
 */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], {
      stdio: 'ignore',
      windowsHide: true,
    }).on('error', () => undefined);
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
