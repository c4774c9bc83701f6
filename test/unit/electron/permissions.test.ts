import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy } from '../../../main/electron/permissions';

// Electron's session is replaced by a recorder; the handlers we install are under test.
function install() {
  let request: ((...args: unknown[]) => void) | null = null;
  let check: ((...args: unknown[]) => boolean) | null = null;
  applyPermissionPolicy(
    {
      setPermissionRequestHandler: (handler: never) => (request = handler),
      setPermissionCheckHandler: (handler: never) => (check = handler),
    } as never,
    ['app://kamifax'],
  );
  const ask = (permission: string, url: string, isMainFrame = true) => {
    let answer: boolean | null = null;
    request!({}, permission, (granted: boolean) => (answer = granted), {
      requestingUrl: url,
      isMainFrame,
    });
    return answer;
  };
  const probe = (permission: string, origin: string, isMainFrame = true) =>
    check!({}, permission, origin, { isMainFrame, requestingUrl: `${origin}/` });
  return { ask, probe };
}

describe('the permission policy', () => {
  it('grants the sanitized clipboard write to our page (the Copy button)', () => {
    const { ask, probe } = install();
    expect(ask('clipboard-sanitized-write', 'app://kamifax/index.html')).toBe(true);
    expect(probe('clipboard-sanitized-write', 'app://kamifax')).toBe(true);
  });

  it.each([
    ['another origin', 'clipboard-sanitized-write', 'https://evil.example/', true],
    ['a look-alike origin', 'clipboard-sanitized-write', 'app://kamifax.evil/', true],
    ['an iframe of our page', 'clipboard-sanitized-write', 'app://kamifax/index.html', false],
    ['clipboard reads', 'clipboard-read', 'app://kamifax/index.html', true],
    ['notifications', 'notifications', 'app://kamifax/index.html', true],
    ['the camera', 'media', 'app://kamifax/index.html', true],
    ['geolocation', 'geolocation', 'app://kamifax/index.html', true],
  ])('denies %s', (_name, permission, url, isMainFrame) => {
    const { ask, probe } = install();
    expect(ask(permission, url, isMainFrame)).toBe(false);
    const origin = url.replace(/\/(index\.html)?$/, '');
    expect(probe(permission, origin, isMainFrame)).toBe(false);
  });
});
