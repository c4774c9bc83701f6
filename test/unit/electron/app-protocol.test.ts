import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Router } from '../../../main/core/rpc/router';

// Electron's protocol module is replaced by a recorder; the handler we install is under test.
const handlers = vi.hoisted(() => new Map<string, (request: Request) => Promise<Response>>());
const privileged = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
  },
}));

const { registerAppScheme, serveAppScheme } = await import('../../../main/electron/app-protocol');
const { firstAnswersId } = await import('../../../preload/first-answers');

describe('the app:// protocol', () => {
  beforeAll(() => {
    const parent = mkdtempSync(join(tmpdir(), 'kamifax-app-'));
    const root = join(parent, 'renderer');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kamifax</title><body></body>');
    writeFileSync(join(root, 'viewer.html'), '<!doctype html><body></body>');
    writeFileSync(join(parent, 'secret.txt'), 'secret');
    serveAppScheme(root, () => (router ? { router } : null));
  });

  // main's router once the core is up: signed in or not, as a test sets it.
  let router: Router | null = null;
  const routerFor = (status: string): Router => ({
    dispatch: (channel) =>
      Promise.resolve({
        ok: true,
        value: channel === 'session:get' ? { status } : { rows: ['</script>'] },
      }),
  });

  const get = (url: string) => handlers.get('app')!(new Request(url));

  it('registers app:// as a standard, secure scheme with V8 code caching', () => {
    registerAppScheme();
    // codeCache works only on a standard scheme; Electron keeps the cache in the profile, so a
    // restart reuses the compiled renderer scripts.
    expect(privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
  });

  it('serves our page with the strict CSP and nosniff', async () => {
    const response = await get('app://kamifax/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Kamifax');
  });

  it('puts the first answers in the shell’s page only while someone is signed in', async () => {
    expect(await (await get('app://kamifax/index.html')).text()).not.toContain(firstAnswersId);
    router = routerFor('signedOut');
    expect(await (await get('app://kamifax/index.html')).text()).not.toContain(firstAnswersId);
    router = routerFor('signedIn');
    const page = await (await get('app://kamifax/index.html')).text();
    expect(page).toContain(`<script type="application/json" id="${firstAnswersId}">`);
    expect(page).toContain('\\u003c/script\\u003e');
    expect(page.match(/<\/script>/g)).toHaveLength(1);
    expect(await (await get('app://kamifax/viewer.html')).text()).not.toContain(firstAnswersId);
    router = null;
  });

  it.each([
    'app://kamifax/../secret.txt',
    'app://kamifax/%2e%2e/secret.txt',
    'app://other/index.html',
    'app://kamifax/missing.js',
  ])('answers 404 for %s', async (url) => {
    expect((await get(url)).status).toBe(404);
  });
});
