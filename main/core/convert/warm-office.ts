import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../log/logger';
import type { OfficeInstall } from './locate-office';
import type { Paper } from './office-formats';
import { killTree } from './kill-tree';

/** One file for the warm instance. */
export interface WarmJob {
  input: string;
  output: string;
  paper: Paper;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** How a warm conversion ended; `crashed` means LibreOffice died under it (worth one retry). */
export type WarmResult =
  | { ok: true }
  | {
      ok: false;
      kind: 'password' | 'corrupt' | 'failed' | 'crashed' | 'timeout' | 'cancelled';
      detail: string;
    };

/** Options of the warm instance. */
export interface WarmOfficeOptions {
  install: OfficeInstall;
  /** LibreOffice's user profile for Kamifax alone (never the user's own). */
  profileDir: string;
  /** Path of uno-worker.py. */
  workerScript: string;
  log: Logger;
  /** How long soffice may take to answer on its socket (a first start builds the profile). */
  startTimeoutMs?: number;
  /** Restart after this many jobs, so leaks in a long session never grow. */
  restartEvery?: number;
  /** Shut down after this long without a job. */
  idleMs?: number;
}

/** The warm instance could not start at all (no `uno` module, soffice refused to start). */
export class WarmStartError extends Error {}

interface Instance {
  soffice: ChildProcess;
  worker: ChildProcess;
  jobs: number;
  dead: Promise<string>;
  sofficeGone: Promise<void>;
  answers: Map<number, (answer: WorkerAnswer) => void>;
}

interface WorkerAnswer {
  id?: number;
  ready?: boolean;
  ok?: boolean;
  kind?: 'password' | 'corrupt' | 'failed' | 'crashed';
  detail?: string;
}

/**
 * One LibreOffice kept running (its own profile, a UNO listener on 127.0.0.1) and our Python
 * worker connected to it, fed one job at a time. A crash, a hang past the timeout or a
 * cancel kills both; the next job starts a fresh pair. Every `restartEvery` jobs and after
 * `idleMs` idle it stops by itself; `stop()` at quit.
 */
export class WarmOffice {
  private instance: Instance | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private stopped = false;
  /** How many soffice processes were started (tests and the benchmark read it). */
  starts = 0;
  /** True while LibreOffice works on a job (a test kills it then). */
  busy = false;

  constructor(private readonly options: WarmOfficeOptions) {}

  /** The running soffice's process id, if one is up (a test kills it mid-job). */
  get pid(): number | undefined {
    return this.instance?.soffice.pid;
  }

  /** Converts one file; jobs run one after another in the order they were asked. */
  convert(job: WarmJob): Promise<WarmResult> {
    const run = this.queue.then(() => this.run(job));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops LibreOffice and the worker (at quit, when idle, and between restarts). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.shutdown();
  }

  private async run(job: WarmJob): Promise<WarmResult> {
    if (job.signal?.aborted)
      return { ok: false, kind: 'cancelled', detail: 'cancelled before start' };
    this.stopped = false;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.instance && this.instance.jobs >= (this.options.restartEvery ?? 100))
      await this.shutdown();
    this.instance ??= await this.start();
    const instance = this.instance;
    instance.jobs += 1;
    this.busy = true;
    const result = await this.send(instance, job).finally(() => {
      this.busy = false;
    });
    if (
      !result.ok &&
      result.kind !== 'password' &&
      result.kind !== 'corrupt' &&
      result.kind !== 'failed'
    )
      await this.shutdown();
    this.idleTimer = setTimeout(() => {
      this.queue = this.queue.then(() => this.shutdown());
    }, this.options.idleMs ?? 120_000);
    this.idleTimer.unref();
    return result;
  }

  private send(instance: Instance, job: WarmJob): Promise<WarmResult> {
    const id = this.nextId++;
    return new Promise<WarmResult>((resolve) => {
      const finish = (result: WarmResult) => {
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', onAbort);
        instance.answers.delete(id);
        resolve(result);
      };
      const timer = setTimeout(
        () => finish({ ok: false, kind: 'timeout', detail: `no answer in ${job.timeoutMs} ms` }),
        job.timeoutMs,
      );
      const onAbort = () => finish({ ok: false, kind: 'cancelled', detail: 'cancelled' });
      job.signal?.addEventListener('abort', onAbort, { once: true });
      instance.answers.set(id, (answer) => {
        if (answer.ok) finish({ ok: true });
        else finish({ ok: false, kind: answer.kind ?? 'failed', detail: answer.detail ?? '' });
      });
      instance.dead.then(
        (why) => finish({ ok: false, kind: 'crashed', detail: why }),
        () => undefined,
      );
      const line = JSON.stringify({ id, input: job.input, output: job.output, paper: job.paper });
      instance.worker.stdin?.write(`${line}\n`);
    });
  }

  private async start(): Promise<Instance> {
    const { install, profileDir, workerScript, log } = this.options;
    const port = await freePort();
    const timeoutMs = this.options.startTimeoutMs ?? 90_000;
    this.starts += 1;
    const soffice = spawn(
      install.soffice,
      [
        '--headless',
        '--invisible',
        '--nologo',
        '--norestore',
        '--nodefault',
        '--nolockcheck',
        '--nofirststartwizard',
        `--accept=socket,host=127.0.0.1,port=${port};urp;StarOffice.ComponentContext`,
        `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
      ],
      { detached: process.platform !== 'win32', stdio: 'ignore', windowsHide: true },
    );
    soffice.on('error', () => undefined);
    let lastError: Error | null = null;
    for (const python of install.pythons) {
      const worker = spawn(
        python,
        [workerScript, String(port), String(Math.ceil(timeoutMs / 1000))],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true,
        },
      );
      try {
        return await this.handshake(soffice, worker, timeoutMs);
      } catch (error) {
        lastError = error as Error;
        log.warn('LibreOffice worker did not start', { python, error: String(error) });
        killTree(worker);
        if (soffice.exitCode !== null || soffice.signalCode !== null) break;
      }
    }
    killTree(soffice);
    throw new WarmStartError(lastError?.message ?? 'no Python with the uno module was found');
  }

  private handshake(
    soffice: ChildProcess,
    worker: ChildProcess,
    timeoutMs: number,
  ): Promise<Instance> {
    const answers = new Map<number, (answer: WorkerAnswer) => void>();
    let stderr = '';
    worker.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    worker.on('error', () => undefined);
    worker.stdin?.on('error', () => undefined);
    const sofficeGone = new Promise<void>((resolve) => soffice.once('exit', () => resolve()));
    const dead = new Promise<string>((resolve) => {
      soffice.once('exit', (code, signal) => resolve(`LibreOffice exited (${signal ?? code})`));
      worker.once('exit', (code) =>
        resolve(`worker exited (${code}): ${stderr.trim().split('\n').pop() ?? ''}`),
      );
    });
    return new Promise<Instance>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`LibreOffice did not answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const lines = createInterface({ input: worker.stdout! });
      lines.on('line', (line) => {
        let answer: WorkerAnswer;
        try {
          answer = JSON.parse(line) as WorkerAnswer;
        } catch {
          return;
        }
        if (answer.ready) {
          clearTimeout(timer);
          resolve({ soffice, worker, jobs: 0, dead, sofficeGone, answers });
        } else if (typeof answer.id === 'number') answers.get(answer.id)?.(answer);
      });
      dead.then(
        (why) => {
          clearTimeout(timer);
          reject(new Error(why));
        },
        () => undefined,
      );
    });
  }

  private async shutdown(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const instance = this.instance;
    this.instance = null;
    if (!instance) return;
    instance.worker.stdin?.end();
    killTree(instance.worker);
    killTree(instance.soffice);
    // Wait until soffice is gone: its profile stays locked while it lives.
    await Promise.race([instance.sofficeGone, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (this.stopped) this.options.log.debug('LibreOffice stopped');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
