import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findExecutable } from '../../helpers/system';

/** Debian's cupsd and its clients, when installed. */
export const cupsd = findExecutable('cupsd', ['/usr/sbin/cupsd']);
export const lpadmin = findExecutable('lpadmin', ['/usr/sbin/lpadmin']);
export const lp = findExecutable('lp', ['/usr/bin/lp']);
export const ipptool = findExecutable('ipptool', ['/usr/bin/ipptool']);

/** A private cupsd runs only as root (it drops to `lp` for filters and backends). */
export const canRunCupsd =
  cupsd !== null && lpadmin !== null && lp !== null && process.getuid?.() === 0;

/** A TCP port on 127.0.0.1 that was free a moment ago (for a cupsd or our endpoint). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A cupsd of the test's own: own folders, own socket, own TCP port on 127.0.0.1. */
export interface PrivateCups {
  /** Environment for lp, lpadmin, lpstat: `CUPS_SERVER` is the private socket. */
  env: NodeJS.ProcessEnv;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a cupsd in `dir`, so the test never touches (or waits for) the system's CUPS and
 * tests running side by side do not fight over one scheduler. Resolves once `lpstat -r`
 * says the scheduler is running.
 */
export async function startPrivateCups(dir: string, port: number): Promise<PrivateCups> {
  const etc = join(dir, 'etc');
  for (const sub of ['etc/ppd', 'spool/tmp', 'state', 'cache', 'log'])
    mkdirSync(join(dir, sub), { recursive: true });
  const socket = join(dir, 'cups.sock');
  writeFileSync(
    join(etc, 'cupsd.conf'),
    [
      'LogLevel warn',
      `Listen ${socket}`,
      `Listen 127.0.0.1:${port}`,
      'Browsing Off',
      'DefaultAuthType None',
      'WebInterface No',
      'JobRetryInterval 1',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(etc, 'cups-files.conf'),
    [
      `ServerRoot ${etc}`,
      `RequestRoot ${join(dir, 'spool')}`,
      `TempDir ${join(dir, 'spool/tmp')}`,
      `StateDir ${join(dir, 'state')}`,
      `CacheDir ${join(dir, 'cache')}`,
      `AccessLog ${join(dir, 'log/access_log')}`,
      `ErrorLog ${join(dir, 'log/error_log')}`,
      `PageLog ${join(dir, 'log/page_log')}`,
      'FileDevice Yes',
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  // cupsd checks that its folders belong to it and its group `lp`, as Debian's package sets.
  const lpGid = Number(execFileSync('getent', ['group', 'lp'], { encoding: 'utf8' }).split(':')[2]);
  for (const sub of ['spool', 'spool/tmp', 'state', 'cache']) {
    chownSync(join(dir, sub), 0, lpGid);
    chmodSync(join(dir, sub), sub.startsWith('spool') ? 0o770 : 0o775);
  }
  chmodSync(dir, 0o755);
  const child: ChildProcess = spawn(
    cupsd!,
    ['-f', '-c', join(etc, 'cupsd.conf'), '-s', join(etc, 'cups-files.conf')],
    {
      stdio: 'ignore',
    },
  );
  const env = { ...process.env, CUPS_SERVER: socket };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const out = execFileSync('lpstat', ['-r'], { env, encoding: 'utf8' });
      if (/is running/.test(out)) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`private cupsd did not start (see ${dir}/log)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    env,
    port,
    dir,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
