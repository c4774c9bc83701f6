import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serviceErrorCodes } from '../../../service/errors';

const serviceDir = fileURLToPath(new URL('../../../service', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [readFileSync(join(dir, entry.name), 'utf8')]
        : [],
  );
}

describe('service error codes', () => {
  it('lists exactly the codes the service answers with (the client maps each to its text)', () => {
    const text = sources(serviceDir).join('\n');
    const used = new Set([
      ...[...text.matchAll(/new ApiError\(\s*\d+,\s*'([a-z_]+)'/g)].map((m) => m[1]!),
      ...[...text.matchAll(/error: \{ code: '([a-z_]+)'/g)].map((m) => m[1]!),
    ]);
    expect([...used].sort()).toEqual([...serviceErrorCodes].sort());
  });
});
