/**
 * Deadlines for work that may never finish: a page that pdf.js cannot render, a worker stuck
 * in a malformed file. The viewer must stay responsive whatever the input.
 */

/** The work did not finish in time. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(readonly milliseconds: number) {
    super(`No answer within ${milliseconds} ms`);
  }
}

/** Settles like `work`, or rejects with `DeadlineError` after `milliseconds`. */
export function withDeadline<T>(work: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError(milliseconds)), milliseconds);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** True when an error came from a missed deadline. */
export function isDeadline(error: unknown): error is DeadlineError {
  return error instanceof DeadlineError;
}

/** Time limits of the viewer, overridable so tests need not wait the real ones out. */
export interface ViewerDeadlines {
  /** Opening a document (parsing its structure in the worker). */
  loadMs: number;
  /** Rendering one page, from asking for it to the last pixel. */
  renderMs: number;
  /** How long a worker may take to answer a trivial request before we call it hung. */
  pingMs: number;
}

/** The deadlines users get. */
export const defaultDeadlines: ViewerDeadlines = { loadMs: 15_000, renderMs: 8_000, pingMs: 2_000 };
