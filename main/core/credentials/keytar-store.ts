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

/** The part of keytar this store uses; a test can hand in a fake to reach the failure paths. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** How long a keychain call may take before it counts as unavailable, unless told otherwise. */
export const defaultKeychainTimeoutMs = 10_000;

/** A throwaway entry, written and removed at once, that tells a locked keyring from a missing secret. */
const unlockCheck = { service: 'Kamifax', account: 'unlock-check' } as const;

const whatToDo =
  'Unlock your keyring, or install a Secret Service such as gnome-keyring, and try again.';

function loadSystemKeytar(): KeytarApi {
  return createRequire(import.meta.url)('keytar') as KeytarApi;
}

/**
 * The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows, the Secret
 * Service (gnome-keyring, KWallet) on Linux. A missing or locked keyring, or one that waits
 * forever on an unlock prompt, becomes `keychain_unavailable` instead of a hang or a silent miss.
 */
export class KeytarCredentialStore implements CredentialStore {
  private keytar: KeytarApi | null = null;
  /** Calls that timed out but still hold one of libuv's few worker threads. */
  private stuck = 0;

  constructor(
    private readonly timeoutMs = defaultKeychainTimeoutMs,
    private readonly loadKeytar: () => KeytarApi = loadSystemKeytar,
  ) {}

  async get(scope: CredentialScope, key: CredentialKey): Promise<string | null> {
    const [service, account] = [keychainService(scope), keychainAccount(scope, key)];
    const secret = await this.call((k) => k.getPassword(service, account));
    if (secret !== null) return secret;
    // libsecret answers a locked keyring with "nothing stored": that would look like a
    // sign-out. A write fails clearly when locked, or (after an unlock prompt) succeeds,
    // and then the secret can be read for real.
    await this.checkUnlocked();
    return this.call((k) => k.getPassword(service, account));
  }

  async set(scope: CredentialScope, key: CredentialKey, secret: string): Promise<void> {
    const [service, account] = [keychainService(scope), keychainAccount(scope, key)];
    await this.call((k) => k.setPassword(service, account, secret));
  }

  async delete(scope: CredentialScope, key: CredentialKey): Promise<boolean> {
    const [service, account] = [keychainService(scope), keychainAccount(scope, key)];
    if (await this.call((k) => k.deletePassword(service, account))) return true;
    // A locked keyring also says "nothing to delete"; sign-out must not leave a token behind
    // while believing it is gone.
    await this.checkUnlocked();
    return this.call((k) => k.deletePassword(service, account));
  }

  async deleteScope(scope: CredentialScope): Promise<void> {
    for (const key of credentialKeys) await this.delete(scope, key);
  }

  private async checkUnlocked(): Promise<void> {
    try {
      await this.call((k) => k.setPassword(unlockCheck.service, unlockCheck.account, '-'));
      await this.call((k) => k.deletePassword(unlockCheck.service, unlockCheck.account));
    } catch (error: unknown) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError(
        'keychain_unavailable',
        `The system keychain looks locked: it found nothing, and a test write failed (${error.message})`,
      );
    }
  }

  private async call<T>(operation: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    // keytar runs each call on a libuv worker thread and cannot cancel it. While one hangs on
    // an unanswered unlock prompt, queueing more would take the threads that file and crypto
    // work needs, so later calls fail at once until it returns.
    if (this.stuck > 0) {
      throw new AppError(
        'keychain_unavailable',
        `The system keychain is still busy with an earlier request (is it waiting to be unlocked?). ${whatToDo}`,
      );
    }
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(
          new AppError(
            'keychain_unavailable',
            `The system keychain did not answer within ${this.timeoutMs} ms (is it locked?). ${whatToDo}`,
          ),
        );
      }, this.timeoutMs);
    });
    let pending: Promise<T> | undefined;
    try {
      this.keytar ??= this.loadKeytar();
      pending = operation(this.keytar);
      return await Promise.race([pending, timeout]);
    } catch (error: unknown) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'keychain_unavailable',
        `The system keychain is not available: ${error instanceof Error ? error.message : String(error)}. ${whatToDo}`,
      );
    } finally {
      clearTimeout(timer);
      if (timedOut && pending) {
        this.stuck += 1;
        const release = () => {
          this.stuck -= 1;
        };
        pending.then(release, release);
      }
    }
  }
}
