/**
 * Secrets live only in the OS keychain, behind this small interface: keytar is archived
 * upstream, and a store this narrow can move to another backend (Electron's safeStorage,
 * a libsecret binding) without touching its callers.
 */

/** Whose secret: the service (`local` for the embedded demo service, else its URL) and the account. */
export interface CredentialScope {
  /** `local`, or the service URL as `scopeName()` in session-prefs normalises it. */
  service: string;
  /** The e-mail address; case and surrounding spaces do not make a different account. */
  account: string;
}

/**
 * The only things ever stored. A password or an access token cannot be written: there is
 * no key for them, and the stores refuse any other key at run time too.
 */
export type CredentialKey = 'refresh-token' | 'data-key';

/** Every key, for removing a whole account and for checking keys at run time. */
export const credentialKeys: readonly CredentialKey[] = ['refresh-token', 'data-key'];

/** A keychain: what sign-in, sign-out and the document cache need from it, and no more. */
export interface CredentialStore {
  /** The secret, or null when none is stored. */
  get(scope: CredentialScope, key: CredentialKey): Promise<string | null>;
  /** Stores the secret, replacing any earlier one. */
  set(scope: CredentialScope, key: CredentialKey, secret: string): Promise<void>;
  /** Removes the secret; false when there was none. */
  delete(scope: CredentialScope, key: CredentialKey): Promise<boolean>;
  /** Removes every secret of one account (sign-out), leaving other accounts alone. */
  deleteScope(scope: CredentialScope): Promise<void>;
  /** True when secrets last for this run only (no keychain answered); absent: a keychain. */
  inMemory?(): Promise<boolean>;
}

/** The keychain entry's service name for a scope: `Kamifax <service>`, e.g. `Kamifax local`. */
export function keychainService(scope: CredentialScope): string {
  const service = scope.service.trim();
  if (!service) throw new TypeError('A credential scope needs a service');
  return `Kamifax ${service}`;
}

/** The keychain entry's account name: the normalised e-mail and the key, `alice@example.com/refresh-token`. */
export function keychainAccount(scope: CredentialScope, key: CredentialKey): string {
  // A caller outside the type system (plain JS, a cast) must not smuggle in another secret.
  if (!credentialKeys.includes(key)) throw new TypeError(`Not a credential key: ${String(key)}`);
  const email = normaliseEmail(scope.account);
  if (!email) throw new TypeError('A credential scope needs an account');
  return `${email}/${key}`;
}

/** One account, one entry: `' Alice@Example.COM'` and `'alice@example.com'` are the same person. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
