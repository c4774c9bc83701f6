import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';
import type { CredentialScope } from '../../../main/core/credentials/credential-store';
import { hasKeychain } from '../../helpers/keychain';

describe.skipIf(!hasKeychain)('the keytar store against a real Secret Service', () => {
  const store = new KeytarCredentialStore();
  const run = randomUUID().slice(0, 8);
  const scopes: CredentialScope[] = [];
  const scope = (service: string, account: string) => {
    const s = { service: `${service}-${run}`, account };
    scopes.push(s);
    return s;
  };

  afterAll(async () => {
    for (const s of scopes) await store.deleteScope(s);
  });

  it('stores, reads, replaces and deletes', async () => {
    const alice = scope('https://fax.example', 'alice@example.com');
    expect(await store.get(alice, 'refresh-token')).toBeNull();
    await store.set(alice, 'refresh-token', 'first');
    expect(await store.get(alice, 'refresh-token')).toBe('first');
    await store.set(alice, 'refresh-token', 'second');
    expect(await store.get(alice, 'refresh-token')).toBe('second');
    expect(await store.delete(alice, 'refresh-token')).toBe(true);
    expect(await store.get(alice, 'refresh-token')).toBeNull();
    expect(await store.delete(alice, 'refresh-token')).toBe(false);
  });

  it('keeps unicode intact and treats e-mail case as one account', async () => {
    const yamada = scope('local', '山田.太郎@例え.jp');
    await store.set(yamada, 'data-key', 'ключ-🔑-鍵');
    expect(await store.get(yamada, 'data-key')).toBe('ключ-🔑-鍵');
    const shouting = { ...yamada, account: '  山田.太郎@例え.JP ' };
    expect(await store.get(shouting, 'data-key')).toBe('ключ-🔑-鍵');
  });

  it('keeps two accounts, and one e-mail on two services, apart; deleteScope removes only one', async () => {
    const a = scope('local', 'alice@example.com');
    const b = scope('local', 'bob@example.com');
    const a2 = scope('https://other.example', 'alice@example.com');
    await store.set(a, 'refresh-token', 'A');
    await store.set(a, 'data-key', 'AK');
    await store.set(b, 'refresh-token', 'B');
    await store.set(a2, 'refresh-token', 'A2');
    await store.deleteScope(a);
    expect(await store.get(a, 'refresh-token')).toBeNull();
    expect(await store.get(a, 'data-key')).toBeNull();
    expect(await store.get(b, 'refresh-token')).toBe('B');
    expect(await store.get(a2, 'refresh-token')).toBe('A2');
  });

  it('gives a clear keychain_unavailable error when no keyring answers', () => {
    const script = `
      import { KeytarCredentialStore } from './main/core/credentials/keytar-store.ts';
      try { await new KeytarCredentialStore(3000).get({ service: 'x', account: 'y' }, 'data-key'); console.log('no error'); }
      catch (e) { console.log(e.code + ': ' + e.message); }`;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kamifax-bus' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(out).toMatch(/^keychain_unavailable: /);
    expect(out).toMatch(/keyring/i);
  });

  it('refuses a write to a locked keyring with keychain_unavailable (reads then find nothing)', () => {
    const home = mkdtempSync(join(tmpdir(), 'kamifax-locked-'));
    const script = fileURLToPath(new URL('./locked-keyring.sh', import.meta.url));
    const store = fileURLToPath(
      new URL('../../../main/core/credentials/keytar-store.ts', import.meta.url),
    );
    const out = execFileSync('dbus-run-session', ['--', 'bash', script, store], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data') },
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(out.trim().split('\n').at(-1)).toMatch(/^keychain_unavailable: .*locked/);
  });
});
