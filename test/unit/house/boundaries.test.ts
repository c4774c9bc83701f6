import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const cwd = new URL('../../..', import.meta.url).pathname;
// The boundary cases lint made-up files (renderer/src/x.ts…) that no tsconfig includes, so
// they are linted without type information; the promise rules get real files below.
const untyped = new ESLint({
  cwd,
  overrideConfig: [
    {
      files: ['**/x.ts', 'main/electron/ipc-transport.ts'],
      ...tseslint.configs.disableTypeChecked,
    },
  ],
});
// CI=true makes typescript-eslint infer a single run and build its programs from the files on
// disk, so linted text at a real path would be ignored; this test lints text, not the disk.
const typed = new ESLint({
  cwd,
  overrideConfig: [
    { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
  ],
});

const boundaryRules = new Set([
  'no-restricted-imports',
  'import-x/no-restricted-paths',
  'import-x/no-nodejs-modules',
]);

/** The boundary rules that fire on this code at this path (each named once). */
async function ruleHits(code: string, filePath: string): Promise<string[]> {
  const [result] = await untyped.lintText(code, { filePath });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return [
    ...new Set(
      (result?.messages ?? []).map((m) => m.ruleId ?? '').filter((id) => boundaryRules.has(id)),
    ),
  ];
}

/** The promise rules that fire on this code linted as the given real file of the project. */
async function promiseHits(code: string, filePath: string): Promise<string[]> {
  const [result] = await typed.lintText(code, { filePath });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return (result?.messages ?? [])
    .map((m) => m.ruleId ?? '')
    .filter((id) => id.startsWith('@typescript-eslint/no-') && id.includes('promise'));
}

// Linting starts ESLint and, for the promise rules, TypeScript programs: seconds, not ms.
describe('lint keeps the process boundaries', { timeout: 60_000 }, () => {
  it('refuses electron and Node built-ins in the renderer', async () => {
    expect(
      await ruleHits("import { shell } from 'electron';\nvoid shell;\n", 'renderer/src/x.ts'),
    ).not.toEqual([]);
    expect(
      await ruleHits("import { readFile } from 'node:fs';\nvoid readFile;\n", 'renderer/src/x.ts'),
    ).not.toEqual([]);
    expect(
      await ruleHits("import { join } from 'path';\nvoid join;\n", 'renderer/src/x.ts'),
    ).not.toEqual([]);
    expect(
      await ruleHits(
        "import { createCore } from '../../main/core/app';\nvoid createCore;\n",
        'renderer/src/x.ts',
      ),
    ).not.toEqual([]);
  });

  it('refuses electron in main/core', async () => {
    expect(
      await ruleHits("import { app } from 'electron';\nvoid app;\n", 'main/core/x.ts'),
    ).not.toEqual([]);
  });

  it('refuses the hosts in main/core by relative path, at any depth', async () => {
    const cases: Array<[string, string]> = [
      ["import { createMainWindow } from '../electron/window';", 'main/core/x.ts'],
      ["import { createMainWindow } from '../../electron/window';", 'main/core/inbox/x.ts'],
      ["import { startHeadlessHost } from '../headless/host';", 'main/core/x.ts'],
      ["import { startHeadlessHost } from '../../headless/host';", 'main/core/session/x.ts'],
      ["import { createMainWindow } from '../electron/window';", 'main/headless/x.ts'],
    ];
    for (const [line, file] of cases) {
      expect(await ruleHits(`${line}\nexport const x = 1;\n`, file), `${line} in ${file}`).toEqual([
        'import-x/no-restricted-paths',
      ]);
    }
  });

  it('refuses main/ and service/ in the renderer by relative path, and main/ in the service', async () => {
    expect(
      await ruleHits(
        "import { detach } from '../../../main/core/async/detach';\nexport { detach };\n",
        'renderer/src/app/x.ts',
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleHits(
        "import { buildApp } from '../../service/app';\nexport { buildApp };\n",
        'renderer/src/x.ts',
      ),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleHits(
        "import { createCore } from '../main/core/app';\nvoid createCore;\n",
        'service/x.ts',
      ),
    ).toContain('import-x/no-restricted-paths');
  });

  it('lets the hosts use the core', async () => {
    expect(
      await ruleHits(
        "import { createCore } from '../core/app';\nvoid createCore;\n",
        'main/headless/x.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleHits(
        "import { createCore } from '../core/app';\nvoid createCore;\n",
        'main/electron/x.ts',
      ),
    ).toEqual([]);
  });

  it('allows raw IPC only in the two transport wrappers', async () => {
    const code = "import { ipcMain } from 'electron';\nvoid ipcMain;\n";
    expect(await ruleHits(code, 'main/electron/x.ts')).toHaveLength(1);
    expect(await ruleHits(code, 'main/electron/ipc-transport.ts')).toHaveLength(0);
    expect(
      await ruleHits("import { dialog } from 'electron';\nvoid dialog;\n", 'main/electron/x.ts'),
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

describe('lint keeps every promise handled', { timeout: 120_000 }, () => {
  const main = 'main/core/async/detach.ts';
  const renderer = 'renderer/src/app/detach.ts';

  it('refuses a floating promise and `void promise`, in main and in the renderer', async () => {
    const floating = 'export function f(p: Promise<void>): void {\n  p;\n}\n';
    const voided = 'export function f(p: Promise<void>): void {\n  void p;\n}\n';
    for (const file of [main, renderer]) {
      expect(await promiseHits(floating, file)).toEqual([
        '@typescript-eslint/no-floating-promises',
      ]);
      expect(await promiseHits(voided, file)).toEqual(['@typescript-eslint/no-floating-promises']);
    }
  });

  it('refuses an async function where a void callback is expected', async () => {
    const code =
      "import { EventEmitter } from 'node:events';\n" +
      "export function f(e: EventEmitter): void {\n  e.on('x', async () => {\n    await Promise.resolve();\n  });\n}\n";
    expect(await promiseHits(code, main)).toEqual(['@typescript-eslint/no-misused-promises']);
  });

  it('accepts awaited work and work handed to detach()', async () => {
    const code =
      "import type { Logger } from '../log/logger';\n" +
      'declare function detach(log: Logger, what: string, p: Promise<unknown>): void;\n' +
      'export async function f(log: Logger, p: Promise<void>): Promise<void> {\n' +
      "  detach(log, 'x', p);\n  await p;\n}\n";
    expect(await promiseHits(code, main)).toEqual([]);
  });
});
