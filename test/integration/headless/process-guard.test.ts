import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const guard = fileURLToPath(new URL('../../../main/core/async/process-guard.ts', import.meta.url));
const logger = fileURLToPath(new URL('../../../main/core/log/logger.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kamifax-guard-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Runs a script as an ES module in a real Node process and reports how it ended. */
async function run(
  script: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(folder, `script-${Math.random().toString(36).slice(2)}.mts`);
  await writeFile(file, script);
  return new Promise((resolve) => {
    const child = spawn(tsx, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const rejectThenLive = `
  Promise.reject(new Error('a background sync failed'));
  setTimeout(() => console.log('still alive'), 50);
`;

describe('the hosts survive an unhandled rejection', () => {
  it('Node alone ends the process on one (why the guard exists)', async () => {
    const result = await run(rejectThenLive);
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain('still alive');
  });

  it('with guardProcess the process logs it and goes on', async () => {
    const result = await run(`
      const { guardProcess } = await import(${JSON.stringify(guard)});
      const { createLogger } = await import(${JSON.stringify(logger)});
      guardProcess(createLogger((line) => process.stderr.write(line + '\\n'), 'host'));
      ${rejectThenLive}
    `);
    expect(result.stdout).toContain('still alive');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('unhandled rejection (kept running)');
    expect(result.stderr).toContain('a background sync failed');
  });
});
