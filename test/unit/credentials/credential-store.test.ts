import { describe, expect, it } from 'vitest';
import {
  keychainAccount,
  keychainService,
  type CredentialKey,
} from '../../../main/core/credentials/credential-store';

describe('keychain naming', () => {
  it('names the service after the service URL, or local', () => {
    expect(keychainService({ service: 'local', account: 'a@example.com' })).toBe('Kamifax local');
    expect(keychainService({ service: 'https://fax.example', account: 'a@example.com' })).toBe(
      'Kamifax https://fax.example',
    );
  });

  it('names the account after the normalised e-mail and the key', () => {
    const scope = { service: 'local', account: '  Alice@Example.COM ' };
    expect(keychainAccount(scope, 'refresh-token')).toBe('alice@example.com/refresh-token');
    expect(keychainAccount(scope, 'data-key')).toBe('alice@example.com/data-key');
    expect(keychainAccount({ service: 'local', account: '山田@例え.JP' }, 'data-key')).toBe(
      '山田@例え.jp/data-key',
    );
  });

  it('refuses keys outside the closed set, even past the type system', () => {
    const scope = { service: 'local', account: 'a@example.com' };
    for (const key of ['password', 'access-token', '', 'refresh-token/x']) {
      expect(() => keychainAccount(scope, key as CredentialKey)).toThrow(/Not a credential key/);
    }
  });

  it('refuses an empty service or account rather than sharing one entry between them', () => {
    expect(() => keychainService({ service: ' ', account: 'a@example.com' })).toThrow(/service/);
    expect(() => keychainAccount({ service: 'local', account: '  ' }, 'data-key')).toThrow(
      /account/,
    );
  });
});
