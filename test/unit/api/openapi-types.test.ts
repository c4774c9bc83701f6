import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('the client’s API types', () => {
  it('are generated from the committed service/openapi.json (run npm run api:types after changing the API)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kamifax-types-')), 'openapi-types.ts');
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/openapi-typescript/bin/cli.js'),
        join(root, 'service/openapi.json'),
        '-o',
        out,
      ],
      { stdio: 'ignore' },
    );
    expect(readFileSync(join(root, 'main/core/api/openapi-types.ts'), 'utf8')).toBe(
      readFileSync(out, 'utf8'),
    );
    // It runs the generator in a child process: seconds on a busy machine.
  }, 60_000);
});
