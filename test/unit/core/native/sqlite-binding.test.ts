import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  chooseSqliteBinding,
  MissingNativeBuildError,
  sqliteBindingHere,
} from '../../../../main/core/native/sqlite-binding';

const base = { platform: 'linux', arch: 'x64', resourcesPath: '/opt/Kamifax/resources' };

describe('choosing better-sqlite3’s native build', () => {
  it('leaves Node on its default build (what the tests load)', () => {
    expect(
      chooseSqliteBinding({
        ...base,
        packageDir: '/p/node_modules/better-sqlite3',
        exists: () => true,
      }),
    ).toBeUndefined();
    expect(sqliteBindingHere()).toBeUndefined();
    const db = new Database(':memory:', { nativeBinding: sqliteBindingHere() });
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('gives Electron from a checkout the side build for its version', () => {
    const seen: string[] = [];
    const path = chooseSqliteBinding({
      ...base,
      electronVersion: '45.5.0',
      packageDir: '/p/node_modules/better-sqlite3',
      exists: (p) => (seen.push(p), true),
    });
    expect(path).toBe('/p/node_modules/.kamifax-electron/linux-x64/45.5.0/better_sqlite3.node');
    expect(seen).toEqual([path]);
  });

  it('gives packaged Electron the build electron-builder put in resources/native', () => {
    expect(
      chooseSqliteBinding({
        ...base,
        electronVersion: '45.5.0',
        packageDir: '/opt/Kamifax/resources/app.asar/node_modules/better-sqlite3',
        exists: () => true,
      }),
    ).toBe('/opt/Kamifax/resources/native/45.5.0/better_sqlite3.node');
  });

  it('throws a clear error, not a native crash, when Electron has no build', () => {
    const choose = () =>
      chooseSqliteBinding({
        ...base,
        electronVersion: '45.5.0',
        packageDir: '/p/node_modules/better-sqlite3',
        exists: () => false,
      });
    expect(choose).toThrow(MissingNativeBuildError);
    expect(choose).toThrow(/no build for Electron 45.5.0.*npm start.*npm run start:web/);
  });
});
