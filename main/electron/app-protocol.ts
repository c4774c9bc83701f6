import { protocol } from 'electron';
import { readStaticFile } from '../core/fs/static-files';
import { contentSecurityPolicy } from '../core/security/csp';

/** Our pages' scheme and host: `app://kamifax/index.html`. Not `file://`, which has no origin. */
export const appScheme = 'app';
/** The origin IPC senders are checked against. */
export const appOrigin = `${appScheme}://kamifax`;

/**
 * Must run before `app.whenReady()`: gives the scheme a real origin, fetch and workers, and
 * V8's code cache (kept in the profile across restarts, keyed by the page's origin), so a
 * restart does not compile the renderer's scripts from scratch again.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer from `root` with our CSP; anything outside it is a 404. */
export function serveAppScheme(root: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'kamifax' ? await readStaticFile(root, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
