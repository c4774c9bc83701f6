import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';
import { scopeName } from '../../../main/core/session/session-prefs';
import { hasKeychain } from '../../helpers/keychain';
import { startTestClient, startTestService, type TestClient, type TestService } from './harness';

const alice = { email: 'alice@example.com', password: 'kamifax-demo' };

function allFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!hasKeychain)('sign-in with the real keychain', () => {
  let service: TestService;
  const clients: TestClient[] = [];
  const keychain = new KeytarCredentialStore();

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await service?.stop();
  });

  const open = async (dataDir?: string) => {
    const client = await startTestClient({ credentials: keychain, dataDir });
    clients.push(client);
    return client;
  };

  it('stays signed in across restarts, with only the refresh token and data key in the keychain', async () => {
    service = await startTestService();
    const location = { kind: 'remote', url: service.url } as const;
    const first = await open();
    await first.core.session.signIn(location, alice.email, alice.password);
    await first.core.features.inbox()!.syncNow();
    const scope = { service: scopeName(location), account: alice.email };
    const refresh = await keychain.get(scope, 'refresh-token');
    expect(refresh).toBeTruthy();
    expect(await keychain.get(scope, 'data-key')).toBeTruthy();
    const access = first.core.session.requireAccount().tokens.current()!;
    await first.close();
    clients.pop();

    const second = await open(first.dataDir);
    expect(second.core.session.current()).toMatchObject({ status: 'signedIn', email: alice.email });
    expect(
      second.core.features
        .inbox()!
        .query({ search: '', filter: 'all', sort: 'newest', offset: 0, limit: 10 }).total,
    ).toBe(4);

    // No secret in any file or log line of the app (the embedded service folder aside).
    const secrets = [alice.password, refresh!, access, await keychain.get(scope, 'refresh-token')];
    const files = allFiles(first.dataDir);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of secrets)
        expect(text.includes(secret!), `${secret} in ${file}`).toBe(false);
    }
    const logs = [...first.logLines, ...second.logLines].join('\n');
    for (const secret of secrets) expect(logs.includes(secret!)).toBe(false);
  });

  it('a revoked sign-in leads back to sign-in with the reason, and sign-out clears keychain and cache', async () => {
    service = await startTestService();
    const location = { kind: 'remote', url: service.url } as const;
    const scope = { service: scopeName(location), account: alice.email };
    const first = await open();
    await first.core.session.signIn(location, alice.email, alice.password);
    const stolen = (await keychain.get(scope, 'refresh-token'))!;
    // Someone replays the refresh token after it was rotated: the service revokes the family.
    await first.core.session.requireAccount().tokens.renew();
    await fetch(`${service.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stolen }),
    });
    await first.close();
    clients.pop();

    const second = await open(first.dataDir);
    expect(second.core.session.current()).toMatchObject({
      status: 'signedOut',
      reason: 'revoked',
      remembered: { email: alice.email },
    });
    expect(await keychain.get(scope, 'refresh-token')).toBeNull();

    await second.core.session.signIn(location, alice.email, alice.password);
    const accountDir = second.core.session.requireAccount().dataDir;
    await second.core.features.inbox()!.syncNow();
    expect(existsSync(accountDir)).toBe(true);
    await second.core.session.signOut();
    expect(await keychain.get(scope, 'refresh-token')).toBeNull();
    expect(await keychain.get(scope, 'data-key')).toBeNull();
    expect(existsSync(accountDir)).toBe(false);
    expect(second.core.session.current()).toMatchObject({ status: 'signedOut', reason: null });
  });
});
