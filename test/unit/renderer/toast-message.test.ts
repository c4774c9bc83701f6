import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../preload/contract';
import { toastText, type ToastMessage } from '../../../renderer/src/app/toast-message';
import { format, type Translate } from '../../../renderer/src/i18n/i18n';
import { en, type Catalogue } from '../../../renderer/src/i18n/messages/en';
import { ja } from '../../../renderer/src/i18n/messages/ja';

// The real catalogues: the same toast, kept as a key or a code, reads in whichever language is on.
function words(catalogue: Catalogue) {
  const t: Translate = (key, values) => format(catalogue[key], values);
  return { t, errorText: (code: ErrorCode) => t(`errors.${code}`) };
}

describe('a toast follows a language switch', () => {
  it('keys (with their values) and error codes are translated when drawn, en and ja', () => {
    const messages: ToastMessage[] = [
      { key: 'settings.saved' },
      { key: 'inbox.deletedMany', values: { count: 12 } },
      { key: 'contacts.deleted', values: { name: 'Ada' } },
      { error: 'service_unreachable' },
    ];
    for (const message of messages) {
      const english = toastText(message, words(en));
      const japanese = toastText(message, words(ja));
      expect(english).not.toMatch(/\{\w+\}/);
      expect(japanese).not.toMatch(/\{\w+\}/);
      expect(japanese).not.toBe(english);
      expect(japanese).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(toastText({ key: 'inbox.deletedMany', values: { count: 12 } }, words(en))).toContain(
      '12',
    );
  });

  it("words that came already written (a notification's) are shown as they came", () => {
    const said = { said: '新しい FAX — +81 3-1234-5678' };
    expect(toastText(said, words(en))).toBe(said.said);
    expect(toastText(said, words(ja))).toBe(said.said);
  });
});
