import { describe, expect, it } from 'vitest';
import type { CredentialKey } from '../../../main/core/credentials/credential-store';
import { KeytarCredentialStore, type KeytarApi } from '../../../main/core/credentials/keytar-store';
import { AppError } from '../../../main/core/rpc/app-error';

const alice = { service: 'local', account: ' Alice@Example.com' };

/** A keychain in a map that can be locked, like a Secret Service collection. */
class FakeKeytar implements KeytarApi {
  readonly entries = new Map<string, string>();
  locked = false;
  readonly calls: string[] = [];

  async getPassword(service: string, account: string): Promise<string | null> {
    this.calls.push(`get ${service} ${account}`);
    return this.locked ? null : (this.entries.get(`${service}|${account}`) ?? null);
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.calls.push(`set ${service} ${account}`);
    if (this.locked) throw new Error('Cannot create an item in a locked collection');
    this.entries.set(`${service}|${account}`, password);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    this.calls.push(`delete ${service} ${account}`);
    return this.locked ? false : this.entries.delete(`${service}|${account}`);
  }
}

function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );
}

describe('KeytarCredentialStore (with a fake keytar)', () => {
  it('writes under `Kamifax <service>` and `<email>/<key>`', async () => {
    const keytar = new FakeKeytar();
    const store = new KeytarCredentialStore(1000, () => keytar);
    await store.set(alice, 'refresh-token', 'r');
    expect([...keytar.entries.keys()]).toEqual(['Kamifax local|alice@example.com/refresh-token']);
    expect(await store.get(alice, 'refresh-token')).toBe('r');
  });

  it('checks a miss with a throwaway write, and leaves nothing behind', async () => {
    const keytar = new FakeKeytar();
    const store = new KeytarCredentialStore(1000, () => keytar);
    expect(await store.get(alice, 'data-key')).toBeNull();
    expect(await store.delete(alice, 'data-key')).toBe(false);
    expect(keytar.calls).toContain('set Kamifax unlock-check');
    expect(keytar.entries.size).toBe(0);
  });

  it('turns a locked keyring into keychain_unavailable instead of "nothing stored"', async () => {
    const keytar = new FakeKeytar();
    const store = new KeytarCredentialStore(1000, () => keytar);
    await store.set(alice, 'refresh-token', 'r');
    keytar.locked = true;
    for (const call of [
      store.get(alice, 'refresh-token'),
      store.delete(alice, 'refresh-token'),
      store.deleteScope(alice),
    ]) {
      const error = await rejectionOf(call);
      expect(error.code).toBe('keychain_unavailable');
      expect(error.message).toMatch(/locked.*Unlock your keyring/);
    }
    const error = await rejectionOf(store.set(alice, 'refresh-token', 's'));
    expect(error.message).toMatch(/locked collection.*gnome-keyring/);
    keytar.locked = false;
    expect(await store.get(alice, 'refresh-token')).toBe('r');
  });

  it('maps a keytar that cannot load to keychain_unavailable', async () => {
    const store = new KeytarCredentialStore(1000, () => {
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    });
    const error = await rejectionOf(store.get(alice, 'data-key'));
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toMatch(/libsecret-1\.so\.0.*install a Secret Service/);
  });

  it('times out, fails fast while the call hangs, and recovers when it returns', async () => {
    let answer: (value: string | null) => void = () => undefined;
    const keytar = new FakeKeytar();
    keytar.getPassword = () => new Promise((resolve) => (answer = resolve));
    const store = new KeytarCredentialStore(20, () => keytar);

    const timedOut = await rejectionOf(store.get(alice, 'data-key'));
    expect(timedOut.code).toBe('keychain_unavailable');
    expect(timedOut.message).toMatch(/did not answer within 20 ms/);

    const busy = await rejectionOf(store.set(alice, 'data-key', 'k'));
    expect(busy.message).toMatch(/still busy/);
    expect(keytar.calls).toEqual([]);

    answer(null);
    await new Promise((resolve) => setImmediate(resolve));
    await store.set(alice, 'data-key', 'k');
    expect(keytar.entries.size).toBe(1);
  });

  it('refuses a key outside the closed set before touching the keychain', async () => {
    const keytar = new FakeKeytar();
    const store = new KeytarCredentialStore(1000, () => keytar);
    await expect(store.set(alice, 'access-token' as CredentialKey, 'a')).rejects.toThrow(
      /Not a credential key/,
    );
    expect(keytar.calls).toEqual([]);
  });
});
