import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = new URL('../../..', import.meta.url);

function validator() {
  // electron-builder's own JSON schema for its configuration, shipped in app-builder-lib.
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8'));

  it('passes electron-builder’s configuration schema', () => {
    const validate = validator();
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema really rejects a broken config', () => {
    expect(validator()({ ...config, asar: 'sometimes', linux: { target: 42 } })).toBe(false);
  });

  it('names the product, the targets and only the built bundles', () => {
    expect(config.productName).toBe('Kamifax');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asar).toBe(true);
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
    ]);
  });
});
