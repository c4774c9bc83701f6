import { describe, expect, it } from 'vitest';
import { signUpRuleBroken } from '../../../renderer/src/session/SignInScreen';

describe('sign-up rules named before anything is sent', () => {
  const now = new Date(2026, 10, 30).getTime();
  it('names a password under 8 characters', () => {
    expect(signUpRuleBroken('1234567', '1990-01-01', now)).toBe('password_too_short');
    expect(signUpRuleBroken('12345678', '1990-01-01', now)).toBeNull();
  });
  it('names an age under 13, counting the 13th birthday as old enough', () => {
    expect(signUpRuleBroken('long enough', '2013-12-01', now)).toBe('underage');
    expect(signUpRuleBroken('long enough', '2013-11-30', now)).toBeNull();
  });
});
