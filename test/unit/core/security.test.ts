import { describe, expect, it } from 'vitest';
import { parseExternalUrl } from '../../../main/core/security/external-url';
import { isTrustedSender } from '../../../main/core/security/sender';

describe('parseExternalUrl', () => {
  it.each([
    'https://example.com/help',
    'https://evil.example/?next=app://kamifax',
    'https://例え.jp/',
  ])('lets %s through as a parsed https URL', (input) => {
    expect(parseExternalUrl(input)?.protocol).toBe('https:');
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'app://kamifax/index.html',
    'http://example.com',
    'data:text/html,<script>alert(1)</script>',
    'https://user:pass@example.com',
    '//example.com',
    'vbscript:msgbox',
    'https://',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ])('refuses %s', (input) => {
    expect(parseExternalUrl(input)).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const trusted = ['app://kamifax', 'http://127.0.0.1:5173'];

  it('accepts our own main frame', () => {
    expect(isTrustedSender({ url: 'app://kamifax/index.html', isMainFrame: true }, trusted)).toBe(
      true,
    );
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', isMainFrame: true }, trusted)).toBe(
      true,
    );
  });

  it.each([
    { url: 'app://kamifax/index.html', isMainFrame: false },
    { url: 'app://kamifax.evil/index.html', isMainFrame: true },
    { url: 'https://evil.example/?next=app://kamifax', isMainFrame: true },
    { url: 'http://127.0.0.1:5174/', isMainFrame: true },
    { url: 'file:///app/index.html', isMainFrame: true },
    { url: 'about:blank', isMainFrame: true },
    { url: '', isMainFrame: true },
    { url: 'app://evil/kamifax', isMainFrame: true },
  ])('refuses $url (main frame: $isMainFrame)', (sender) => {
    expect(isTrustedSender(sender, trusted)).toBe(false);
  });
});
