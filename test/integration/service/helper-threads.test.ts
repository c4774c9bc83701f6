/**
 * The standalone service (`service/cli.ts`) gives its event loop the CPU first: every thread
 * but the main one (V8's compiler and GC helpers, libuv's pool) runs 5 nice steps lower, the
 * inspection workers at 10, the main thread at the nice it was started with. Read from /proc
 * of a real service process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemComponent } from '../../helpers/system';

const linux = systemComponent(
  'Linux /proc (per-thread nice values)',
  existsSync('/proc/self/task'),
  'run them on Linux',
);

/** The nice value of each thread of `pid`, by thread id. */
function niceOf(pid: number): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      // Fields after the command's closing parenthesis; nice is the 17th.
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        .split(') ')[1]!
        .split(' ');
      nice.set(Number(tid), Number(fields[16]));
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return nice;
}

describe.skipIf(!linux)('the standalone service yields helper threads to its event loop', () => {
  let dataDir: string;
  let child: ChildProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kamifax-helper-threads-'));
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'service/cli.ts',
        '--port',
        '0',
        '--data',
        dataDir,
        '--log-level',
        'silent',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Kamifax service listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the service exited (${code})`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs every thread but the main one 5 nice steps lower, the inspection workers at 10', async () => {
    const pid = child.pid!;
    // The inspection workers lower themselves once pdf-lib is loaded.
    let nice = niceOf(pid);
    for (
      let tries = 0;
      tries < 100 && [...nice.values()].filter((n) => n === 10).length < 2;
      tries += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      nice = niceOf(pid);
    }
    const own = niceOf(process.pid).get(process.pid)!;
    expect(nice.get(pid)).toBe(own);
    const helpers = [...nice].filter(([tid]) => tid !== pid).map(([, value]) => value);
    // V8's platform threads and libuv's pool (4 each by default), the two inspection workers.
    expect(helpers.length).toBeGreaterThanOrEqual(8);
    for (const value of helpers)
      if (value !== 10) expect(value).toBeGreaterThanOrEqual(Math.min(19, own + 5));
    expect(helpers.filter((value) => value === 10).length).toBeGreaterThanOrEqual(2);
  });
});
