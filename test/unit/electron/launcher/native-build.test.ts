import { describe, expect, it } from 'vitest';
import { ensureSqliteForElectron } from '../../../../main/electron/launcher/native-build';
import { moduleAbi } from '../../../../main/electron/launcher/real-steps';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The Electron build cannot be made here (no Electron headers or prebuilds offline), so the
// step's decisions are tested with the build faked.
function steps(present: boolean[], build: () => Promise<void>) {
  const lines: string[] = [];
  let checks = 0;
  const built: string[] = [];
  return {
    lines,
    built,
    value: {
      electronVersion: '45.5.0',
      target: '/p/node_modules/.kamifax-electron/linux-x64/45.5.0/better_sqlite3.node',
      exists: () => present[Math.min(checks++, present.length - 1)]!,
      build: async () => {
        built.push('build');
        await build();
      },
      print: (line: string) => lines.push(line),
    },
  };
}

describe("the launcher's Electron build of better-sqlite3", () => {
  it('reuses a build already there', async () => {
    const s = steps([true], async () => {});
    expect(await ensureSqliteForElectron(s.value)).toBe(true);
    expect(s.built).toEqual([]);
  });

  it('builds once when missing', async () => {
    const s = steps([false, true], async () => {});
    expect(await ensureSqliteForElectron(s.value)).toBe(true);
    expect(s.built).toEqual(['build']);
  });

  it('fails with one line saying why and what to do, never a crash', async () => {
    const s = steps([false], async () => {
      throw new Error('gyp ERR! stack Error: 404 Not Found\n    at foo (x.js:1:1)');
    });
    expect(await ensureSqliteForElectron(s.value)).toBe(false);
    const last = s.lines.at(-1)!;
    expect(last).toContain('(gyp ERR! stack Error: 404 Not Found)');
    expect(last).toContain('build-essential python3');
    expect(last).toContain('npm run start:web');
    expect(last).not.toContain('\n');
  });
});

describe('moduleAbi', () => {
  it('reads the ABI of the Node build of better-sqlite3 without loading it', () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('better-sqlite3/package.json'));
    const binary = readFileSync(join(dir, 'build', 'Release', 'better_sqlite3.node'));
    expect(moduleAbi(binary)).toBe(process.versions.modules);
  });

  it('finds none in keytar, a Node-API module that loads in Electron as built', () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('keytar/package.json'));
    expect(moduleAbi(readFileSync(join(dir, 'build', 'Release', 'keytar.node')))).toBeNull();
  });
});
