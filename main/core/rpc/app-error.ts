import type { ErrorCode } from '../../../preload/contract';

/** An error a handler throws on purpose: its code reaches the UI, which shows friendly text. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
