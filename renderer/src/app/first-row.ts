/**
 * The inbox's first rows are what start-up is for. Work that can wait (loading the other
 * screens' code, starting a pdf.js worker) waits until they are painted and the page is idle,
 * so it never competes with them for the two cores of a modest machine.
 */
import { useEffect, useState, type ReactNode } from 'react';

let shown = false;
const waiting = new Set<() => void>();

/** The inbox calls this once its first window is on screen: rows, an empty list or an error. */
export function firstRowShown(): void {
  if (shown) return;
  shown = true;
  for (const wake of [...waiting]) wake();
  waiting.clear();
}

/** The inbox's side: `firstRowShown()` once `ready` (its first window answered) is true. */
export function useFirstRowShown(ready: boolean): void {
  useEffect(() => {
    if (ready) firstRowShown();
  }, [ready]);
}

/** Runs `task` when the page is next idle (soon at the latest). Returns a cancel. */
export function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 50);
  return () => clearTimeout(handle);
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
