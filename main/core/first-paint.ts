/**
 * The host paints a signed-in user's first screen itself: the renderer's own components
 * rendered to HTML with react-dom/server (`renderer/src/first-paint/server.tsx`), put into the
 * page's `#root` with the first answers (main/core/first-answers.ts). The browser shows the
 * inbox's rows as soon as the page arrives, before its scripts have run; React's first commit
 * then replaces them with the live screen. Loaded lazily (react-dom/server and the components
 * are a chunk of their own, not part of the host's start) and failing safe: any error serves
 * the page as before, without the painted screen.
 */
import type { FirstAnswer } from '../../preload/first-answers';
import { detach } from './async/detach';
import type { Logger } from './log/logger';

/** The renderer's server entry, as main sees it (`renderFirstScreen` in server.tsx). */
export type RenderFirstScreen = (
  answers: readonly FirstAnswer[],
  languages: readonly string[],
) => string | null;

/** The file in renderer/src/first-paint that holds the entry. */
const entry = 'server';

/**
 * Loads the renderer's server entry. The path has a variable part on purpose: the Node-side
 * typecheck (tsconfig.node.json: no DOM types, no JSX) then does not follow it into the
 * renderer's browser code, while esbuild (host-build.ts) still bundles each
 * `first-paint/*.tsx` as a chunk loaded only here, and vitest and tsx load the source.
 */
export async function loadFirstScreenRenderer(): Promise<RenderFirstScreen> {
  const module = (await import(`../../renderer/src/first-paint/${entry}.tsx`)) as {
    renderFirstScreen: RenderFirstScreen;
    warmFirstScreen: () => void;
  };
  // One throw-away render, so a page's render runs warm code (cold: ~60 ms, warm: a few).
  module.warmFirstScreen();
  return module.renderFirstScreen;
}

/** The languages of an Accept-Language header, most wanted first (as navigator.languages). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** KAMIFAX_FIRST_PAINT=off: no painted screen (a way out, and the benches' A/B). */
function off(): boolean {
  return process.env.KAMIFAX_FIRST_PAINT === 'off';
}

/** Paints first screens for one host. */
export interface FirstScreenPainter {
  /** Starts loading the renderer (once); a page asked for before that starts it too. */
  start(): void;
  /** The markup for `#root`, or null: signed out, not loaded in time, or any error (logged). */
  paint(answers: readonly FirstAnswer[], languages: readonly string[]): Promise<string | null>;
}

/** Options of a painter (tests and benches change them). */
export interface FirstScreenPainterOptions {
  load?: () => Promise<RenderFirstScreen>;
  /**
   * How long a page whose answers are ready waits for the renderer still loading before it
   * goes without: the page's scripts cannot run until it has ended, so a longer wait would
   * hold the live screen too (React needs ~0.6–0.9 s from there).
   */
  loadWaitMs?: number;
  /** Loading starts this long after the painter is made (the host's start goes first). */
  startAfterMs?: number;
  /** The time each render took, in ms (the bench's). */
  onRendered?: (ms: number) => void;
}

/**
 * A painter that loads the renderer `startAfterMs` after it is made, or at the first page,
 * whichever is first: react-dom/server is not compiled during the host's own start, and is
 * ready by the time a page needs it.
 */
export function firstScreenPainter(
  log: Logger,
  options: FirstScreenPainterOptions = {},
): FirstScreenPainter {
  const { load = loadFirstScreenRenderer, loadWaitMs = 300, startAfterMs = 1000 } = options;
  let loading: Promise<RenderFirstScreen | null> | null = null;
  const start = () => {
    if (loading) return loading;
    // Off (below): not even loaded, so a start with it off is the start without it.
    if (off()) return Promise.resolve(null);
    clearTimeout(timer);
    loading = load().catch((error: unknown) => {
      log.error('could not load the first screen renderer', { error: describe(error) });
      return null;
    });
    return loading;
  };
  const timer = setTimeout(
    () => detach(log, 'loading the first screen renderer', start),
    startAfterMs,
  );
  timer.unref?.();

  return {
    start: () => detach(log, 'loading the first screen renderer', start),
    async paint(answers, languages) {
      if (off()) return null;
      let waited: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => {
        waited = setTimeout(() => resolve(null), loadWaitMs);
      });
      const render = await Promise.race([start(), late]).finally(() => clearTimeout(waited));
      if (!render) return null;
      try {
        const began = performance.now();
        const markup = render(answers, languages);
        options.onRendered?.(performance.now() - began);
        return markup;
      } catch (error) {
        // Never the answers themselves in the log: they hold senders and subjects.
        log.error('could not paint the first screen; the page goes without it', {
          error: describe(error),
        });
        return null;
      }
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
