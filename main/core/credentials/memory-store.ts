import {
  credentialKeys,
  keychainAccount,
  keychainService,
  type CredentialKey,
  type CredentialScope,
  type CredentialStore,
} from './credential-store';

/**
 * Secrets in memory only, for tests and development; never the store of the Electron app.
 * The one host exception is `npm run start:web` on a machine where no keychain answers: it
 * says so at start, nothing reaches the disk, and the sign-in lasts one run.
 */
export class MemoryCredentialStore implements CredentialStore {
  readonly entries = new Map<string, string>();

  // The same naming as the keychain, so tests of callers see the same scoping rules.
  private id(scope: CredentialScope, key: CredentialKey): string {
    return `${keychainService(scope)}\n${keychainAccount(scope, key)}`;
  }

  async get(scope: CredentialScope, key: CredentialKey): Promise<string | null> {
    return this.entries.get(this.id(scope, key)) ?? null;
  }

  async set(scope: CredentialScope, key: CredentialKey, secret: string): Promise<void> {
    this.entries.set(this.id(scope, key), secret);
  }

  async delete(scope: CredentialScope, key: CredentialKey): Promise<boolean> {
    return this.entries.delete(this.id(scope, key));
  }

  async deleteScope(scope: CredentialScope): Promise<void> {
    for (const key of credentialKeys) await this.delete(scope, key);
  }
}
