import type { Result } from '../../preload/contract';
import { firstAnswersId, firstCalls, type FirstAnswer } from '../../preload/first-answers';
import type { EventBus } from './rpc/event-bus';
import type { Router } from './rpc/router';

/** How long a page waits for a restore under way before it goes without first answers. */
export const restoreWaitMs = 2000;

/** What the answers come from: main's router, and its events to wait out a restore. */
export interface FirstAnswerSource {
  router: Router;
  events?: EventBus;
}

/**
 * The answers the renderer's first render needs (preload/first-answers.ts), for a page about
 * to be served: null unless someone is signed in, so a signed-out page carries nothing. Both
 * hosts call it for their page (the headless server behind its cookie and Host checks,
 * Electron's `app://` handler), through the same router as every other call.
 */
export async function firstAnswers(
  source: Router | FirstAnswerSource,
  waitMs = restoreWaitMs,
): Promise<FirstAnswer[] | null> {
  const { router, events } = 'dispatch' in source ? { router: source, events: undefined } : source;
  const answers: FirstAnswer[] = [];
  for (const call of firstCalls) {
    let result = await router.dispatch(call.channel, call.request);
    // At start the sign-in may still be restoring: wait for it (briefly) rather than serve a
    // page that waits for it without its first rows.
    if (call.channel === 'session:get' && events && restoring(result))
      result = await restored(router, events, waitMs);
    if (call.channel === 'session:get') {
      const session = result.ok ? (result.value as { status?: string }) : null;
      if (session?.status !== 'signedIn') return null;
    }
    // A failed call is left to the renderer to make (and to show its error as it does today).
    if (result.ok) answers.push({ channel: call.channel, request: call.request, result });
  }
  return answers;
}

function restoring(result: { ok: boolean; value?: unknown }): boolean {
  return result.ok && (result.value as { status?: string }).status === 'restoring';
}

/** The session once it has left `restoring` (or as it is after `waitMs`). */
async function restored(
  router: Router,
  events: EventBus,
  waitMs: number,
): Promise<Result<unknown>> {
  let stop = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
    stop = events.listen((event, payload) => {
      if (event === 'session:changed' && (payload as { status?: string }).status !== 'restoring')
        resolve();
    });
  });
  try {
    // It may have ended between the first answer and listening.
    const now = await router.dispatch('session:get', {});
    if (!restoring(now)) return now;
    await changed;
    return await router.dispatch('session:get', {});
  } finally {
    clearTimeout(timer);
    stop();
  }
}

/** Paints the first screen from the answers (main/core/first-paint.ts), or null. */
export type PaintFirstScreen = (answers: readonly FirstAnswer[]) => Promise<string | null>;

/** The element the renderer mounts in; a painted first screen goes inside it. */
const rootOpen = '<div id="root">';

/**
 * The shell's page in two parts: everything before `</body>` to send at once (the browser
 * fetches and compiles the scripts meanwhile; they run only once the page has ended), and
 * the answers with the rest of the page when they are ready. With `paint`, the first part
 * ends inside `#root` and the second starts with the painted first screen, so the browser
 * shows it as soon as it arrives; without answers, or if painting fails, `#root` stays empty.
 */
export function shellPageParts(
  html: string,
  found: Promise<FirstAnswer[] | null>,
  paint?: PaintFirstScreen,
): { now: string; later: Promise<string> } {
  // Whatever goes wrong, the page itself is served (it then asks main as it always could).
  const answers = found.catch(() => null);
  const root = paint ? html.indexOf(rootOpen) : -1;
  const at = root >= 0 ? root + rootOpen.length : html.lastIndexOf('</body>');
  if (at < 0) return { now: '', later: answers.then((found) => embedFirstAnswers(html, found)) };
  const tail = html.slice(at);
  return {
    now: html.slice(0, at),
    later: answers.then(async (found) => {
      const painted = paint && root >= 0 && found ? await paint(found).catch(() => null) : null;
      return `${painted ?? ''}${embedFirstAnswers(tail, found)}`;
    }),
  };
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
export function embedFirstAnswers(html: string, answers: FirstAnswer[] | null): string {
  if (!answers || answers.length === 0 || !html.includes('</body>')) return html;
  const element = `<script type="application/json" id="${firstAnswersId}">${inertJson(answers)}</script>`;
  const at = html.lastIndexOf('</body>');
  return `${html.slice(0, at)}${element}${html.slice(at)}`;
}

/** The renderer's page: the only one that gets first answers (not the viewer's test page). */
export function isShellPage(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html';
}
