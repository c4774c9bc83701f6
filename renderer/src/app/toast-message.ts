import type { ErrorCode } from '../../../preload/contract';
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';

/**
 * What a toast says, kept as a message key with its values (or an error code) rather than
 * as text, so a language switch while it is up re-translates it. `said` is for words that
 * arrive already written (a desktop notification's title and body, written by main).
 */
export type ToastMessage =
  | { key: MessageKey; values?: Record<string, string | number> }
  | { error: ErrorCode }
  | { said: string };

/** The toast's words in the current language. */
export function toastText(
  message: ToastMessage,
  i18n: { t: Translate; errorText: (code: ErrorCode) => string },
): string {
  if ('key' in message) return i18n.t(message.key, message.values);
  if ('error' in message) return i18n.errorText(message.error);
  return message.said;
}
