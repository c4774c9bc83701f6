import type { ErrorCode } from '../../../preload/contract';
import type { Translate } from '../i18n/i18n';

/**
 * The viewer's notice line, kept as what happened rather than as text, so a language switch
 * while it is shown re-translates it.
 */
export type ViewerNotice =
  | { kind: 'saved'; path: string }
  | { kind: 'saveFailed'; code: ErrorCode }
  | { kind: 'failed'; code: ErrorCode }
  | { kind: 'printFailed' };

/** The notice's words in the current language. */
export function viewerNoticeText(
  notice: ViewerNotice,
  i18n: { t: Translate; errorText: (code: ErrorCode) => string },
): string {
  switch (notice.kind) {
    case 'saved':
      return i18n.t('viewer.saved', { path: notice.path });
    case 'saveFailed':
      return i18n.t('viewer.saveFailed', { reason: i18n.errorText(notice.code) });
    case 'failed':
      return i18n.errorText(notice.code);
    case 'printFailed':
      return i18n.t('viewer.print.failed');
  }
}
