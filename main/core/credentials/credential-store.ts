/**
 * Secrets live only in the OS keychain, behind this small interface: keytar is archived
 * upstream, and a store this narrow can move to another backend (Electron's safeStorage,
 * a libsecret binding) without touching its callers.
 */

/** Whose secret: the service (`local` for the embedded demo service, else its URL) and the account. */
export interface CredentialScope {
  service: string;
  account: string;
}

/**
 * The only things ever stored. A password or an access token cannot be written: there is
 * no key for them.
 */
export type CredentialKey = 'refresh-token' | 'data-key';

/** Every key, for removing a whole account. */
export const credentialKeys: readonly CredentialKey[] = ['refresh-token', 'data-key'];

/** A keychain. */
export interface CredentialStore {
  get(scope: CredentialScope, key: CredentialKey): Promise<string | null>;
  set(scope: CredentialScope, key: CredentialKey, secret: string): Promise<void>;
  delete(scope: CredentialScope, key: CredentialKey): Promise<boolean>;
  /** Removes every secret of one account (sign-out). */
  deleteScope(scope: CredentialScope): Promise<void>;
}

/** The keychain entry's service name for a scope: `Kamifax <service>`. */
export function keychainService(scope: CredentialScope): string {
  return `Kamifax ${scope.service}`;
}

/** The keychain entry's account name: the normalised e-mail and the key, `alice@example.com/refresh-token`. */
export function keychainAccount(scope: CredentialScope, key: CredentialKey): string {
  return `${scope.account.trim().toLowerCase()}/${key}`;
}
