import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  electronInstalled,
  ensureElectronRuntime,
  type RuntimeSteps,
} from '../../../../main/electron/launcher/electron-runtime';

// The launcher cannot download Electron here (no internet but npm), so its decisions are
// tested with the download and Electron's installer faked; the real run is checked by hand.
function steps(overrides: Partial<RuntimeSteps> & { installed?: boolean[] }) {
  const lines: string[] = [];
  const progress: string[] = [];
  const installed = overrides.installed ?? [false, true];
  let checks = 0;
  const calls: string[] = [];
  const value: RuntimeSteps = {
    version: '45.5.0',
    isInstalled: () => installed[Math.min(checks++, installed.length - 1)]!,
    download: async (onProgress) => {
      calls.push('download');
      for (const transferred of [0, 25e6, 50e6, 50e6, 100e6])
        onProgress({ transferred, total: 100e6 });
    },
    install: async () => void calls.push('install'),
    print: (line) => lines.push(line),
    progress: (text) => progress.push(text),
    ...overrides,
  };
  return { value, lines, progress, calls };
}

describe("the launcher's Electron runtime step", () => {
  it('does nothing when Electron is already unpacked', async () => {
    const s = steps({ installed: [true] });
    expect(await ensureElectronRuntime(s.value)).toBe(true);
    expect(s.calls).toEqual([]);
    expect(s.lines).toEqual([]);
  });

  it('downloads with progress, then lets Electron’s installer unpack it', async () => {
    const s = steps({});
    expect(await ensureElectronRuntime(s.value)).toBe(true);
    expect(s.calls).toEqual(['download', 'install']);
    expect(s.progress).toEqual([
      '  0% of 100 MB',
      '  25% of 100 MB',
      '  50% of 100 MB',
      '  100% of 100 MB',
    ]);
    expect(s.lines.at(-1)).toBe('Kamifax: Electron 45.5.0 is ready.');
  });

  it('says in one line why it cannot download, and points to start:web', async () => {
    const failure = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }),
    });
    const s = steps({
      download: async () => {
        throw failure;
      },
    });
    expect(await ensureElectronRuntime(s.value)).toBe(false);
    expect(s.calls).toEqual([]);
    const last = s.lines.at(-1)!;
    expect(last).toBe(
      'Kamifax: Electron 45.5.0 could not be downloaded (fetch failed: ENOTFOUND); run `npm run start:web` to use Kamifax in your browser instead.',
    );
    expect(last).not.toContain('\n');
  });

  it('reports an installer that ran but left nothing in place', async () => {
    const s = steps({ installed: [false, false] });
    expect(await ensureElectronRuntime(s.value)).toBe(false);
    expect(s.lines.at(-1)).toContain('npm run start:web');
  });
});

describe('electronInstalled (the same test as Electron’s install.js)', () => {
  function electronDir(files: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'kamifax-electron-'));
    mkdirSync(join(dir, 'dist'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('is true only with the right version, path.txt and the executable', () => {
    const good = { 'dist/version': 'v45.5.0', 'path.txt': 'electron', 'dist/electron': '' };
    expect(electronInstalled(electronDir(good), '45.5.0', 'linux')).toBe(true);
    expect(electronInstalled(electronDir(good), '46.0.0', 'linux')).toBe(false);
    expect(
      electronInstalled(electronDir({ ...good, 'path.txt': 'electron.exe' }), '45.5.0', 'linux'),
    ).toBe(false);
    const { 'path.txt': _gone, ...noPathTxt } = good;
    expect(electronInstalled(electronDir(noPathTxt), '45.5.0', 'linux')).toBe(false);
    const { 'dist/electron': _none, ...noBinary } = good;
    expect(electronInstalled(electronDir(noBinary), '45.5.0', 'linux')).toBe(false);
  });
});
