import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CredentialScope } from '../../../main/core/credentials/credential-store';
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';
import { hasKeychain } from '../../helpers/keychain';

const child = fileURLToPath(new URL('./keychain-child.ts', import.meta.url));
const lockedKeyring = fileURLToPath(new URL('./locked-keyring.sh', import.meta.url));

/** Runs keychain-child.ts with another D-Bus address; kills it once it has printed `done`. */
function runChild(busAddress: string, timeoutMs: number, calls: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, String(timeoutMs), ...calls], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    const guard = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`keychain child gave no answer: ${out}`));
    }, 30_000);
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!out.includes('done\n')) return;
      clearTimeout(guard);
      // A call stuck in libsecret keeps the child from exiting on its own.
      proc.kill('SIGKILL');
      resolve(out.trim().split('\n'));
    });
    proc.on('error', reject);
  });
}

describe.skipIf(!hasKeychain)('the keytar store against a real Secret Service', () => {
  const store = new KeytarCredentialStore();
  const run = randomUUID().slice(0, 8);
  const scopes: CredentialScope[] = [];
  const scope = (service: string, account: string): CredentialScope => {
    const s = { service: `${service}-${run}`, account };
    scopes.push(s);
    return s;
  };
  const folders: string[] = [];

  afterAll(async () => {
    for (const s of scopes) await store.deleteScope(s);
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
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

  it('keeps unicode intact and treats e-mail case and spaces as one account', async () => {
    const yamada = scope('local', '山田.太郎@例え.jp');
    await store.set(yamada, 'data-key', 'ключ-🔑-鍵');
    expect(await store.get(yamada, 'data-key')).toBe('ключ-🔑-鍵');
    const shouting = { ...yamada, account: '  山田.太郎@例え.JP ' };
    expect(await store.get(shouting, 'data-key')).toBe('ключ-🔑-鍵');
    expect(await store.delete(shouting, 'data-key')).toBe(true);
    expect(await store.get(yamada, 'data-key')).toBeNull();
  });

  it('keeps two accounts, and one e-mail on two services, apart; deleteScope removes only one', async () => {
    const a = scope('local', 'alice@example.com');
    const b = scope('local', 'bob@example.com');
    const a2 = scope('https://other.example', 'alice@example.com');
    await store.set(a, 'refresh-token', 'A');
    await store.set(a, 'data-key', 'AK');
    await store.set(b, 'refresh-token', 'B');
    await store.set(b, 'data-key', 'BK');
    await store.set(a2, 'refresh-token', 'A2');
    expect(await store.get(a, 'refresh-token')).toBe('A');
    expect(await store.get(a2, 'refresh-token')).toBe('A2');
    await store.deleteScope(a);
    expect(await store.get(a, 'refresh-token')).toBeNull();
    expect(await store.get(a, 'data-key')).toBeNull();
    expect(await store.get(b, 'refresh-token')).toBe('B');
    expect(await store.get(b, 'data-key')).toBe('BK');
    expect(await store.get(a2, 'refresh-token')).toBe('A2');
  });

  it('gives a clear keychain_unavailable error when there is no D-Bus session', async () => {
    const lines = await runChild('unix:path=/nonexistent/kamifax-bus', 3000, ['get', 'set']);
    expect(lines[0]).toMatch(/^get: keychain_unavailable: .*install a Secret Service/);
    expect(lines[1]).toMatch(/^set: keychain_unavailable: /);
  });

  it('times out with keychain_unavailable when the bus never answers, then fails fast', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kamifax-silent-bus-'));
    folders.push(folder);
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket.on('error', () => undefined));
    });
    const path = join(folder, 'bus');
    await new Promise<void>((resolve) => silent.listen(path, resolve));
    try {
      const started = Date.now();
      const lines = await runChild(`unix:path=${path}`, 1000, ['get', 'set']);
      expect(lines[0]).toMatch(/^get: keychain_unavailable: .*did not answer within 1000 ms/);
      // The first call still holds a libuv thread: the second must not queue behind it.
      expect(lines[1]).toMatch(/^set: keychain_unavailable: .*still busy/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('reports a locked keyring as keychain_unavailable for reads, deletes and writes alike', () => {
    // Its own D-Bus session and keyring: locking the one the other tests use would break them.
    const home = mkdtempSync(join(tmpdir(), 'kamifax-locked-'));
    folders.push(home);
    const out = execFileSync('dbus-run-session', ['--', 'bash', lockedKeyring], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data') },
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const lines = out.trim().split('\n');
    // Without the lock check, get says null and delete says false: a sign-out that leaves
    // the token behind.
    expect(lines[0]).toMatch(/^get: keychain_unavailable: .*locked/);
    expect(lines[1]).toMatch(/^delete: keychain_unavailable: .*locked/);
    expect(lines[2]).toMatch(/^deleteScope: keychain_unavailable: .*locked/);
    expect(lines[3]).toMatch(/^set: keychain_unavailable: .*locked collection/);
  });
});
