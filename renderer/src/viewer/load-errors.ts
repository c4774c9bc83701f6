import { isDeadline } from './watchdog';

/** Why a document could not be opened; each has its own message in both languages. */
export type LoadFailure = 'password' | 'invalid' | 'empty' | 'timeout' | 'unknown';

/** Maps whatever pdf.js threw to a reason we can explain to the user. */
export function classifyLoadError(error: unknown): LoadFailure {
  if (isDeadline(error)) return 'timeout';
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'password';
  if (name === 'InvalidPDFException' || name === 'FormatError') return 'invalid';
  if (error instanceof Error && /invalid|corrupt|xref|startxref|trailer/i.test(error.message))
    return 'invalid';
  return 'unknown';
}
