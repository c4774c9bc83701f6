import { describe, expect, it } from 'vitest';
import { ChosenCredentialStore } from '../../../main/core/credentials/chosen-store';
import type { CredentialStore } from '../../../main/core/credentials/credential-store';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import { removeFolder, startTestClient } from './harness';

const scope = { service: 'local', account: 'alice@example.com' };

// `npm run start:web` probes for a keychain while the host starts (main/headless/cli.ts): the
// core must come up without waiting for the probe, and every secret call waits for its outcome.
describe('a keychain chosen while the host starts', () => {
  it('starts the core before the probe settles; secrets and app:info wait for its outcome', async () => {
    let choose: (choice: { store: CredentialStore; inMemory: boolean }) => void = () => undefined;
    const credentials = new ChosenCredentialStore(new Promise((resolve) => (choose = resolve)));
    // No account remembered: the restore needs no secret, so the core starts with the probe pending.
    const client = await startTestClient({ credentials });
    try {
      expect(client.core.session.current()).toMatchObject({ status: 'signedOut' });
      let answered = false;
      const info = client.core.router.dispatch('app:info', {}).then((result) => {
        answered = true;
        return result;
      });
      const secret = credentials.get(scope, 'data-key');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(answered).toBe(false);
      const memory = new MemoryCredentialStore();
      await memory.set(scope, 'data-key', 'a key');
      choose({ store: memory, inMemory: true });
      expect(await secret).toBe('a key');
      expect(await info).toMatchObject({ ok: true, value: { signInInMemory: true } });
      await credentials.set(scope, 'refresh-token', 'token');
      expect(await memory.get(scope, 'refresh-token')).toBe('token');
      await credentials.deleteScope(scope);
      expect(await memory.get(scope, 'data-key')).toBeNull();
    } finally {
      await client.close();
      await removeFolder(client.dataDir);
    }
  });

  it('says a keychain that answered is not in memory', async () => {
    const credentials = new ChosenCredentialStore(
      Promise.resolve({ store: new MemoryCredentialStore(), inMemory: false }),
    );
    const client = await startTestClient({ credentials });
    try {
      expect(await client.core.router.dispatch('app:info', {})).toMatchObject({
        ok: true,
        value: { signInInMemory: false },
      });
    } finally {
      await client.close();
      await removeFolder(client.dataDir);
    }
  });
});
