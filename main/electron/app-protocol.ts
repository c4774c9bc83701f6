import { protocol } from 'electron';
import {
  firstAnswers,
  isShellPage,
  shellPageParts,
  type FirstAnswerSource,
} from '../core/first-answers';
import { acceptedLanguages, firstScreenPainter } from '../core/first-paint';
import { readStaticFile } from '../core/fs/static-files';
import type { Logger } from '../core/log/logger';
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

/**
 * Serves the built renderer from `root` with our CSP; anything outside it is a 404. The
 * shell's page carries a signed-in user's first inbox window (main/core/first-answers.ts)
 * once `main()` has the core (null while it starts: the page then asks over IPC).
 */
export function serveAppScheme(
  root: string,
  main: () => FirstAnswerSource | null = () => null,
  /** With a logger, the page also carries the first screen painted (main/core/first-paint.ts). */
  log?: Logger,
): void {
  const painter = log ? firstScreenPainter(log) : null;
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'kamifax' ? await readStaticFile(root, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const core = main();
    const body =
      core && request.method === 'GET' && isShellPage(url.pathname)
        ? streamed(
            shellPageParts(
              file.body.toString('utf8'),
              firstAnswers(core),
              painter
                ? (answers) =>
                    painter.paint(
                      answers,
                      acceptedLanguages(request.headers.get('accept-language')),
                    )
                : undefined,
            ),
          )
        : new Uint8Array(file.body);
    return new Response(body, {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

/** The page up to its first answers at once (the scripts load meanwhile), then the rest. */
function streamed(page: { now: string; later: Promise<string> }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(encoder.encode(page.now));
      controller.enqueue(encoder.encode(await page.later));
      controller.close();
    },
  });
}
