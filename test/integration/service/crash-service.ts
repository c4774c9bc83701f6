import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { DeliveryStep } from '../../../service/delivery/delivery';
import { adminToken } from './helpers';

const childSource = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
// Inside the project's node_modules, so the bundle resolves pdf-lib, fastify… as the service does.
const bundleDir = fileURLToPath(
  new URL('../../../node_modules/.cache/kamifax-crash/', import.meta.url),
);

/**
 * Bundles the child once per test file (a file of its own, so test files never share one):
 * a restart then costs Node's start and the service's, not TypeScript loading through tsx,
 * which made each restart several times slower.
 */
export async function bundleCrashChild(name: string): Promise<string> {
  await mkdir(bundleDir, { recursive: true });
  const outfile = `${bundleDir}${name}-${process.pid}.mjs`;
  await build({
    entryPoints: [childSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** A service child process that can be SIGKILLed and started again on the same data. */
export class CrashableService {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private listening = false;
  private disposed = false;
  url = '';

  constructor(
    private readonly script: string,
    private readonly dataDir: string,
  ) {}

  /**
   * Starts a child and waits for `ready`; it kills itself at the given delivery steps with the
   * given chances, for faxes whose subject starts with `kill:`. Rejects if it dies first.
   */
  async start(kills: Partial<Record<DeliveryStep, number>> = {}): Promise<string> {
    if (this.disposed) throw new Error('disposed');
    const child = spawn(process.execPath, [this.script], {
      env: {
        ...process.env,
        KAMIFAX_CRASH_CHILD: JSON.stringify({
          dataDir: this.dataDir,
          adminToken,
          kills,
          killSubjects: 'kill:',
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    this.listening = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.listening = false;
        resolve();
      }),
    );
    this.url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const match = /ready (\S+)\n/.exec(text);
        if (match && !this.listening) {
          this.listening = true;
          resolve(match[1]!);
        }
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`the service child ended before it was ready (${code ?? signal})`)),
      );
    });
    return this.url;
  }

  /** Whether a child is running and listening. */
  get alive(): boolean {
    return this.listening;
  }

  /** Resolves when the current child has exited (killed from outside or by its probe). */
  waitForExit(): Promise<void> {
    return this.exited;
  }

  /** SIGKILLs the child, as a power cut would, and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Kills the child for good: no start after this. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.kill();
  }
}
