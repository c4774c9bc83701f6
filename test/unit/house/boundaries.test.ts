import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function ruleHits(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('lint keeps the process boundaries', () => {
  it('refuses electron and Node built-ins in the renderer', async () => {
    expect(
      await ruleHits("import { shell } from 'electron';\nvoid shell;\n", 'renderer/src/x.ts'),
    ).toHaveLength(1);
    expect(
      await ruleHits("import { readFile } from 'node:fs';\nvoid readFile;\n", 'renderer/src/x.ts'),
    ).toHaveLength(1);
    expect(
      await ruleHits("import { join } from 'path';\nvoid join;\n", 'renderer/src/x.ts'),
    ).toHaveLength(1);
    expect(
      await ruleHits(
        "import { createCore } from '../../main/core/app';\nvoid createCore;\n",
        'renderer/src/x.ts',
      ),
    ).toHaveLength(1);
  });

  it('refuses electron in main/core', async () => {
    expect(
      await ruleHits("import { app } from 'electron';\nvoid app;\n", 'main/core/x.ts'),
    ).toHaveLength(1);
  });

  it('allows raw IPC only in the two transport wrappers', async () => {
    const code = "import { ipcMain } from 'electron';\nvoid ipcMain;\n";
    expect(await ruleHits(code, 'main/electron/window.ts')).toHaveLength(1);
    expect(await ruleHits(code, 'main/electron/ipc-transport.ts')).toHaveLength(0);
    expect(
      await ruleHits(
        "import { dialog } from 'electron';\nvoid dialog;\n",
        'main/electron/window.ts',
      ),
    ).toHaveLength(0);
  });

  it('lets the renderer use the contract', async () => {
    expect(
      await ruleHits(
        "import type { Result } from '../../preload/contract';\nexport type R = Result<1>;\n",
        'renderer/src/x.ts',
      ),
    ).toHaveLength(0);
  });
});
