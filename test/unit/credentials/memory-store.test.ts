import { describe, expect, it } from 'vitest';
import type { CredentialKey } from '../../../main/core/credentials/credential-store';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';

const alice = { service: 'local', account: 'alice@example.com' };

describe('MemoryCredentialStore', () => {
  it('stores, reads, replaces and deletes', async () => {
    const store = new MemoryCredentialStore();
    expect(await store.get(alice, 'refresh-token')).toBeNull();
    await store.set(alice, 'refresh-token', 'first');
    await store.set(alice, 'refresh-token', 'second');
    expect(await store.get(alice, 'refresh-token')).toBe('second');
    expect(await store.delete(alice, 'refresh-token')).toBe(true);
    expect(await store.delete(alice, 'refresh-token')).toBe(false);
    expect(await store.get(alice, 'refresh-token')).toBeNull();
  });

  it('scopes like the keychain: e-mail case is one account, services and accounts are apart', async () => {
    const store = new MemoryCredentialStore();
    const bob = { service: 'local', account: 'bob@example.com' };
    const elsewhere = { service: 'https://fax.example', account: 'alice@example.com' };
    await store.set(alice, 'data-key', 'A');
    await store.set(alice, 'refresh-token', 'AT');
    await store.set(bob, 'data-key', 'B');
    await store.set(elsewhere, 'data-key', 'E');
    expect(await store.get({ ...alice, account: ' ALICE@example.com' }, 'data-key')).toBe('A');
    await store.deleteScope(alice);
    expect(await store.get(alice, 'data-key')).toBeNull();
    expect(await store.get(alice, 'refresh-token')).toBeNull();
    expect(await store.get(bob, 'data-key')).toBe('B');
    expect(await store.get(elsewhere, 'data-key')).toBe('E');
  });

  it('refuses to store a password', async () => {
    const store = new MemoryCredentialStore();
    await expect(store.set(alice, 'password' as CredentialKey, 'hunter2')).rejects.toThrow(
      /Not a credential key/,
    );
    expect(store.entries.size).toBe(0);
  });
});
