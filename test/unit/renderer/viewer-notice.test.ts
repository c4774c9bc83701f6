import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../preload/contract';
import { format, type Translate } from '../../../renderer/src/i18n/i18n';
import { en, type Catalogue } from '../../../renderer/src/i18n/messages/en';
import { ja } from '../../../renderer/src/i18n/messages/ja';
import { viewerNoticeText, type ViewerNotice } from '../../../renderer/src/viewer/viewer-notice';

// The real catalogues: the same notice, kept as a value, reads in whichever language is on.
function words(catalogue: Catalogue) {
  const t: Translate = (key, values) => format(catalogue[key], values);
  return { t, errorText: (code: ErrorCode) => t(`errors.${code}`) };
}

describe("the viewer's notice follows a language switch", () => {
  const notices: ViewerNotice[] = [
    { kind: 'saved', path: '/home/me/fax.pdf' },
    { kind: 'saveFailed', code: 'service_unreachable' },
    { kind: 'failed', code: 'service_unreachable' },
    { kind: 'printFailed' },
  ];

  it('each notice is translated at render time, in English and in Japanese', () => {
    for (const notice of notices) {
      const english = viewerNoticeText(notice, words(en));
      const japanese = viewerNoticeText(notice, words(ja));
      expect(english).not.toBe('');
      expect(japanese).not.toBe(english);
      expect(japanese).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('a saved notice keeps its path and a failed save names the reason', () => {
    expect(viewerNoticeText(notices[0]!, words(en))).toBe('Saved as /home/me/fax.pdf');
    expect(viewerNoticeText(notices[0]!, words(ja))).toBe('/home/me/fax.pdf に保存しました');
    const reason = words(en).errorText('service_unreachable');
    expect(viewerNoticeText(notices[1]!, words(en))).toBe(`The copy was not saved: ${reason}`);
  });
});
