import { useCallback } from 'react';
import type { FaxSummary } from '../../../preload/contract';
import { useAccountView } from '../app/account-context';
import { useKamifax } from '../app/KamifaxContext';
import { useToasts } from '../app/toasts';
import { useI18n } from '../i18n/i18n';
import { formatFaxNumber } from './format';

/** What can be done to faxes from the list, the selection bar or the open fax. */
export type FaxAction =
  'read' | 'unread' | 'delete' | 'junk' | 'junkBlock' | 'notJunk' | 'restore' | 'unblock';

/**
 * The inbox's actions. Delete, junk and block act at once and offer Undo (the toast's
 * button or Ctrl+Z): delete moves to the Trash, which the service keeps for 30 days, so
 * Undo is a restore that every device sees.
 */
export function useFaxActions() {
  const kamifax = useKamifax();
  const toasts = useToasts();
  const { t, errorText } = useI18n();
  const { country } = useAccountView();

  return useCallback(
    async (action: FaxAction, faxes: readonly FaxSummary[]): Promise<boolean> => {
      const ids = faxes.map((fax) => fax.id);
      if (ids.length === 0) return false;
      const many = ids.length > 1;
      const shown = (number: string) => formatFaxNumber(number, country);
      const fail = (code: Parameters<typeof errorText>[0]) => {
        toasts.show({ text: errorText(code), error: true });
        return false;
      };
      const undoable = (text: string, undo: () => Promise<unknown>) =>
        toasts.show({
          text,
          undo: async () => {
            const result = await undo();
            if (result && typeof result === 'object' && 'ok' in result && !result.ok) return;
            toasts.show({ text: t('shell.undone'), ms: 3000 });
          },
        });
      switch (action) {
        case 'read':
        case 'unread': {
          const result = await kamifax.inbox.markRead({ ids, read: action === 'read' });
          return result.ok || fail(result.error.code);
        }
        case 'delete': {
          const result = await kamifax.inbox.delete({ ids });
          if (!result.ok) return fail(result.error.code);
          undoable(
            many ? t('inbox.deletedMany', { count: ids.length }) : t('inbox.deletedOne'),
            () => kamifax.inbox.restore({ ids }),
          );
          return true;
        }
        case 'junk':
        case 'junkBlock': {
          const block = action === 'junkBlock';
          const result = await kamifax.inbox.reportJunk({ ids, block });
          if (!result.ok) return fail(result.error.code);
          const first = faxes[0]!;
          const text =
            block && !many
              ? t('inbox.blocked', { number: shown(first.remoteNumber) })
              : many
                ? t('inbox.junkedMany', { count: ids.length })
                : t('inbox.junkedOne');
          undoable(text, async () => {
            if (block)
              for (const number of new Set(faxes.map((fax) => fax.remoteNumber)))
                await kamifax.inbox.unblock({ number });
            return kamifax.inbox.notJunk({ ids });
          });
          return true;
        }
        case 'notJunk': {
          const result = await kamifax.inbox.notJunk({ ids });
          if (!result.ok) return fail(result.error.code);
          toasts.show({ text: t('inbox.notJunkDone') });
          return true;
        }
        case 'restore': {
          const result = await kamifax.inbox.restore({ ids });
          if (!result.ok) return fail(result.error.code);
          undoable(t('inbox.restored'), () => kamifax.inbox.delete({ ids }));
          return true;
        }
        case 'unblock': {
          const number = faxes[0]!.remoteNumber;
          const result = await kamifax.inbox.unblock({ number });
          if (!result.ok) return fail(result.error.code);
          toasts.show({ text: t('inbox.unblocked', { number: shown(number) }) });
          return true;
        }
      }
    },
    [kamifax, toasts, t, errorText, country],
  );
}
