/**
 * The inbox's first rows are what start-up is for. Work that can wait (loading the other
 * screens' code, starting a pdf.js worker) waits until they are painted and the page is idle,
 * so it never competes with them for the two cores of a modest machine. Nor with the user's
 * typing: it waits until a second after the last key and two after the first rows (when a
 * first key is most likely), and checks again right before each step starts.
 */
import { useEffect, useState, type ReactNode } from 'react';

let shown = false;
const waiting = new Set<() => void>();

/** The inbox calls this once its first window is on screen: rows, an empty list or an error. */
export function firstRowShown(): void {
  if (shown) return;
  shown = true;
  // The user sees the rows and may type at once: start work leaves the first keys alone.
  firstRowAt = performance.now();
  for (const wake of [...waiting]) wake();
  waiting.clear();
}

/** The inbox's side: `firstRowShown()` once `ready` (its first window answered) is true. */
export function useFirstRowShown(ready: boolean): void {
  useEffect(() => {
    if (ready) firstRowShown();
  }, [ready]);
}

/**
 * How long after the user's last key start work still waits, and how long after the first
 * rows (a user who came to search types then). A lazy chunk's module evaluation or a page
 * drawn ahead holds the main thread 50–200 ms and cannot be split: started just before a key,
 * it delays that key's rows.
 */
export const typingQuietMs = 1000;
export const firstRowQuietMs = 2000;
let lastTypedAt = Number.NEGATIVE_INFINITY;
let firstRowAt = Number.NEGATIVE_INFINITY;

/** The user typed: start work waits `typingQuietMs` from now. */
export function noteTyping(): void {
  lastTypedAt = performance.now();
}

/** Milliseconds until the page counts as quiet (0 when it is). */
export function msUntilQuiet(): number {
  const now = performance.now();
  return Math.max(0, lastTypedAt + typingQuietMs - now, firstRowAt + firstRowQuietMs - now);
}

/** A key in a text field (search, compose), text entered, or an input method composing. */
function typedInto(event: Event): void {
  const target = event.target;
  if (event.type !== 'keydown') return noteTyping();
  if (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement)
  )
    noteTyping();
}

if (typeof document !== 'undefined')
  for (const type of ['keydown', 'input', 'compositionupdate'])
    document.addEventListener(type, typedInto, { capture: true, passive: true });

/**
 * Runs `task` when the page is next idle (soon at the latest) and the user has not typed for
 * `typingQuietMs`; checked again right before `task` starts. Returns a cancel.
 */
export function whenIdle(task: () => void): () => void {
  let cancel = () => {};
  const attempt = () => {
    const wait = msUntilQuiet();
    if (wait > 0) {
      const handle = setTimeout(attempt, wait);
      cancel = () => clearTimeout(handle);
      return;
    }
    const run = () => (msUntilQuiet() > 0 ? attempt() : task());
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(run, { timeout: 1000 });
      cancel = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(run, 50);
      cancel = () => clearTimeout(handle);
    }
  };
  attempt();
  return () => cancel();
}

/** `whenIdle` as a promise, for work done in steps: each step waits for a quiet moment. */
export function idleAndQuiet(): Promise<void> {
  return new Promise((resolve) => whenIdle(resolve));
}

/**
 * Runs `task` in an idle moment after the inbox's first rows were painted, or after
 * `latestMs` if no inbox says so (another screen shown first). Returns a cancel.
 */
export function afterFirstRow(task: () => void, latestMs = 3000): () => void {
  let cancel = () => {};
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    waiting.delete(start);
    clearTimeout(latest);
    // After the frame that shows the rows: a frame, then a task, then an idle moment.
    const frame = requestAnimationFrame(() => {
      const next = setTimeout(() => (cancel = whenIdle(task)), 0);
      cancel = () => clearTimeout(next);
    });
    cancel = () => cancelAnimationFrame(frame);
  };
  const latest = setTimeout(start, latestMs);
  if (shown) start();
  else waiting.add(start);
  return () => {
    clearTimeout(latest);
    waiting.delete(start);
    cancel();
  };
}

/** False until an idle moment after the inbox's first rows, then true (for parts that wait). */
export function useAfterFirstRow(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => afterFirstRow(() => setAfter(true)), []);
  return after;
}

/** Shows `children` only from an idle moment after the inbox's first rows. */
export function AfterFirstRow({ children }: { children: ReactNode }): ReactNode {
  return useAfterFirstRow() ? children : null;
}
