import { firstAnswersId, firstCalls, type FirstAnswer } from '../../preload/first-answers';
import type { Router } from './rpc/router';

/**
 * The answers the renderer's first render needs (preload/first-answers.ts), for a page about
 * to be served: null unless someone is signed in, so a signed-out page carries nothing. Both
 * hosts call it for their page (the headless server behind its cookie and Host checks,
 * Electron's `app://` handler), through the same router as every other call.
 */
export async function firstAnswers(router: Router): Promise<FirstAnswer[] | null> {
  const answers: FirstAnswer[] = [];
  for (const call of firstCalls) {
    const result = await router.dispatch(call.channel, call.request);
    if (call.channel === 'session:get') {
      const session = result.ok ? (result.value as { status?: string }) : null;
      if (session?.status !== 'signedIn') return null;
    }
    // A failed call is left to the renderer to make (and to show its error as it does today).
    if (result.ok) answers.push({ channel: call.channel, request: call.request, result });
  }
  return answers;
}

/** JSON that cannot end its `<script>` element or be read as markup: `<`, `>`, `&` escaped. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The page with the answers in a `<script type="application/json">` before `</body>`: data,
 * never run (the CSP allows no inline script either). A page without `</body>`, or no
 * answers, is returned as it is.
 */
export function withFirstAnswers(html: string, answers: FirstAnswer[] | null): string {
  if (!answers || answers.length === 0 || !html.includes('</body>')) return html;
  const element = `<script type="application/json" id="${firstAnswersId}">${inertJson(answers)}</script>`;
  const at = html.lastIndexOf('</body>');
  return `${html.slice(0, at)}${element}${html.slice(at)}`;
}

/** The renderer's page: the only one that gets first answers (not the viewer's test page). */
export function isShellPage(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html';
}
