import { createRequire } from 'node:module';
import { AppError } from '../rpc/app-error';
import {
  credentialKeys,
  keychainAccount,
  keychainService,
  type CredentialKey,
  type CredentialScope,
  type CredentialStore,
} from './credential-store';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows, the Secret
 * Service (gnome-keyring, KWallet) on Linux. A missing or locked keyring, or one that waits
 * forever on an unlock prompt, becomes `keychain_unavailable` instead of a hang.
 */
export class KeytarCredentialStore implements CredentialStore {
  private keytar: Keytar | null = null;

  constructor(private readonly timeoutMs = 10_000) {}

  async get(scope: CredentialScope, key: CredentialKey): Promise<string | null> {
    return this.call((k) => k.getPassword(keychainService(scope), keychainAccount(scope, key)));
  }

  async set(scope: CredentialScope, key: CredentialKey, secret: string): Promise<void> {
    await this.call((k) =>
      k.setPassword(keychainService(scope), keychainAccount(scope, key), secret),
    );
  }

  async delete(scope: CredentialScope, key: CredentialKey): Promise<boolean> {
    return this.call((k) => k.deletePassword(keychainService(scope), keychainAccount(scope, key)));
  }

  async deleteScope(scope: CredentialScope): Promise<void> {
    for (const key of credentialKeys) await this.delete(scope, key);
  }

  private load(): Keytar {
    // Loaded on first use so that a machine without libsecret can still start the app
    // and show a clear error at sign-in rather than crash at launch.
    this.keytar ??= createRequire(import.meta.url)('keytar') as Keytar;
    return this.keytar;
  }

  private async call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError('keychain_unavailable', 'The keychain did not answer (is it locked?)'),
          ),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([operation(this.load()), timeout]);
    } catch (error: unknown) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'keychain_unavailable',
        `The system keychain is not available: ${error instanceof Error ? error.message : String(error)}. ` +
          'Unlock your keyring, or install a Secret Service such as gnome-keyring.',
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
