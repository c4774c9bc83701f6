import type { ErrorCode } from '../../../preload/contract';
import type { MessageKey } from '../i18n/messages/en';

/** A note for the screen's live region: a message key with values, or an error code. */
export type Note =
  { key: MessageKey; values?: Record<string, string | number> } | { error: ErrorCode };

/** Shows a note (kept as keys, so a language switch re-translates it). */
export type Report = (note: Note) => void;
