import type { CredentialKey, CredentialScope, CredentialStore } from './credential-store';

/**
 * A keychain still being chosen: the host starts at once, and each call waits for the choice
 * (the OS keychain when it answers a probe, else a store in memory for this run). A start
 * without a keychain answering no longer holds the host for the probe's time limit before
 * anything else starts, and with one the probe overlaps loading and listening.
 */
export class ChosenCredentialStore implements CredentialStore {
  constructor(private readonly chosen: Promise<{ store: CredentialStore; inMemory: boolean }>) {}

  async inMemory(): Promise<boolean> {
    return (await this.chosen).inMemory;
  }

  async get(scope: CredentialScope, key: CredentialKey): Promise<string | null> {
    return (await this.chosen).store.get(scope, key);
  }

  async set(scope: CredentialScope, key: CredentialKey, secret: string): Promise<void> {
    await (await this.chosen).store.set(scope, key, secret);
  }

  async delete(scope: CredentialScope, key: CredentialKey): Promise<boolean> {
    return (await this.chosen).store.delete(scope, key);
  }

  async deleteScope(scope: CredentialScope): Promise<void> {
    await (await this.chosen).store.deleteScope(scope);
  }
}
