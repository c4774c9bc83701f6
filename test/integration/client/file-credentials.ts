import { readFileSync, writeFileSync } from 'node:fs';
import type { CredentialStore } from '../../../main/core/credentials/credential-store';

/** A keychain stand-in shared by processes: one JSON file, read and written whole. */
export function fileCredentialStore(path: string): CredentialStore {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const name = (scope: { service: string; account: string }, key: string) =>
    `${scope.service}|${scope.account}|${key}`;
  return {
    get: async (scope, key) => read()[name(scope, key)] ?? null,
    set: async (scope, key, secret) =>
      writeFileSync(path, JSON.stringify({ ...read(), [name(scope, key)]: secret })),
    delete: async (scope, key) => {
      const all = read();
      const had = name(scope, key) in all;
      delete all[name(scope, key)];
      writeFileSync(path, JSON.stringify(all));
      return had;
    },
    deleteScope: async (scope) => {
      const all = read();
      for (const key of Object.keys(all))
        if (key.startsWith(`${scope.service}|${scope.account}|`)) delete all[key];
      writeFileSync(path, JSON.stringify(all));
    },
  };
}
