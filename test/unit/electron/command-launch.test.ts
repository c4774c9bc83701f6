import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { createLogger } from '../../../main/core/log/logger';

// Electron is replaced by a recorder: a command launch must get ready, exit with the
// command's code, and never make a window.
const recorded = vi.hoisted(() => ({ calls: [] as string[], userData: '' }));
vi.mock('electron', () => ({
  app: {
    whenReady: async () => {
      recorded.calls.push('whenReady');
    },
    getPath: (name: string) => {
      recorded.calls.push(`getPath ${name}`);
      if (!recorded.userData) throw new Error('no data folder');
      return recorded.userData;
    },
    getLocale: () => 'en-US',
    exit: (code: number) => recorded.calls.push(`exit ${code}`),
    requestSingleInstanceLock: () => {
      recorded.calls.push('lock');
      return true;
    },
  },
  BrowserWindow: class {
    constructor() {
      recorded.calls.push('window');
    }
  },
}));

const { commandLaunch, runCommandLaunch } = await import('../../../main/electron/command-launch');
// A command's own modules load at its run (not at the app's start); compiled here, with the
// file's imports, so the runs below are timed without vitest's transform of them.
await Promise.all([
  import('../../../main/core/cli/kamifax-command'),
  import('../../../main/core/convert/convert-command'),
  import('../../../main/core/printer/printing'),
]);

const exe = '/opt/Kamifax/kamifax';
const log = createLogger(() => {});

describe('which launches are headless commands', () => {
  it('send with --to, status and convert are commands; from a checkout the app folder is skipped', () => {
    expect(commandLaunch([exe, 'send', '--to', '0312345678', 'a.pdf'], false)).toEqual({
      kind: 'kamifax',
      args: ['send', '--to', '0312345678', 'a.pdf'],
    });
    expect(commandLaunch([exe, 'send', '--to=0312345678', 'a.pdf'], false)?.kind).toBe('kamifax');
    expect(commandLaunch(['electron', '.', 'status'], true)).toEqual({
      kind: 'kamifax',
      args: ['status'],
    });
    expect(commandLaunch([exe, '--inspect=9229', 'status', 'f1'], false)?.args).toEqual([
      'status',
      'f1',
    ]);
    expect(commandLaunch([exe, 'convert', 'a.docx', 'a.pdf'], false)?.kind).toBe('convert');
  });

  it('send without --to, Open with and a plain start go on to the desktop path', () => {
    expect(commandLaunch([exe, 'send', 'a.pdf'], false)).toBeNull();
    expect(commandLaunch([exe, '/home/me/a.pdf'], false)).toBeNull();
    expect(commandLaunch([exe], false)).toBeNull();
    expect(commandLaunch([exe, '--hidden'], false)).toBeNull();
    // In a checkout argv[1] is the app folder, never a command.
    expect(commandLaunch(['electron', 'status'], true)).toBeNull();
  });
});

describe('a command launch runs headless and exits with its code', () => {
  const output: string[] = [];
  afterEach(() => {
    recorded.calls.length = 0;
    output.length = 0;
    vi.restoreAllMocks();
  });
  function capture() {
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        output.push(String(chunk));
        return true;
      });
    }
  }

  it('status when nobody is signed in says so and exits 3, with no window and no lock', async () => {
    recorded.userData = mkdtempSync(join(tmpdir(), 'kamifax-command-'));
    capture();
    const code = await runCommandLaunch(
      { kind: 'kamifax', args: ['status'] },
      { log, credentials: new MemoryCredentialStore() },
    );
    expect(code).toBe(3);
    expect(recorded.calls).toEqual(['whenReady', 'getPath userData', 'exit 3']);
    expect(output.join('')).toMatch(/sign in/i);
  });

  it('convert with the wrong arguments prints its usage and exits 2', async () => {
    recorded.userData = mkdtempSync(join(tmpdir(), 'kamifax-command-'));
    capture();
    const code = await runCommandLaunch(
      { kind: 'convert', args: ['convert', 'only.docx'] },
      { log },
    );
    expect(code).toBe(2);
    expect(recorded.calls).toEqual(['whenReady', 'getPath userData', 'exit 2']);
    expect(output.join('')).toContain('Usage: kamifax convert');
  });

  it('a command that throws is said on stderr and exits 1', async () => {
    recorded.userData = ''; // the recorder's getPath throws, as for an unusable profile
    capture();
    const code = await runCommandLaunch(
      { kind: 'kamifax', args: ['status'] },
      { log, credentials: new MemoryCredentialStore() },
    );
    expect(code).toBe(1);
    expect(recorded.calls).toEqual(['whenReady', 'getPath userData', 'exit 1']);
    expect(output.join('')).toContain('no data folder');
  });
});
