import { useCallback } from 'react';
import type { ErrorCode, FaxSummary } from '../../../preload/contract';
import { useAccountView } from '../app/account-context';
import { useKamifax } from '../app/KamifaxContext';
import { useToasts, type ToastMessage } from '../app/toasts';
import { formatFaxNumber } from './format';
import { applyInboxAction, type ActionOutcome, type InboxAction } from './inbox-actions';

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
  const { country } = useAccountView();

  return useCallback(
    async (action: FaxAction, faxes: readonly FaxSummary[]): Promise<boolean> => {
      const ids = faxes.map((fax) => fax.id);
      if (ids.length === 0) return false;
      const many = ids.length > 1;
      const shown = (number: string) => formatFaxNumber(number, country);
      const fail = (code: ErrorCode) => {
        toasts.show({ message: { error: code } });
        return false;
      };
      // Every id-list call goes through applyInboxAction: in calls of at most 5,000 ids, and a
      // refusal (including one of Undo) is shown, never dropped.
      const apply = (what: InboxAction, list: readonly string[] = ids) =>
        applyInboxAction(kamifax, what, list);
      // Toasts keep keys, not words: they are translated when drawn (a language switch).
      const undoable = (message: ToastMessage, undo: () => Promise<ActionOutcome>) =>
        toasts.show({
          message,
          undo: async () => {
            const outcome = await undo();
            if (!outcome.ok) fail(outcome.code);
            else toasts.show({ message: { key: 'shell.undone' }, ms: 3000 });
          },
        });
      switch (action) {
        case 'read':
        case 'unread': {
          const outcome = await apply(action);
          return outcome.ok || fail(outcome.code);
        }
        case 'delete': {
          const outcome = await apply('delete');
          if (!outcome.ok) return fail(outcome.code);
          undoable(
            many
              ? { key: 'inbox.deletedMany', values: { count: ids.length } }
              : { key: 'inbox.deletedOne' },
            () => apply('restore'),
          );
          return true;
        }
        case 'junk':
        case 'junkBlock': {
          const block = action === 'junkBlock';
          const outcome = await apply(action);
          if (!outcome.ok) return fail(outcome.code);
          const first = faxes[0]!;
          const message: ToastMessage =
            block && !many
              ? { key: 'inbox.blocked', values: { number: shown(first.remoteNumber) } }
              : many
                ? { key: 'inbox.junkedMany', values: { count: ids.length } }
                : { key: 'inbox.junkedOne' };
          undoable(message, async () => {
            if (block)
              for (const number of new Set(faxes.map((fax) => fax.remoteNumber))) {
                const unblocked = await kamifax.inbox.unblock({ number });
                if (!unblocked.ok) return { ok: false, code: unblocked.error.code };
              }
            return apply('notJunk');
          });
          return true;
        }
        case 'notJunk': {
          const outcome = await apply('notJunk');
          if (!outcome.ok) return fail(outcome.code);
          toasts.show({ message: { key: 'inbox.notJunkDone' } });
          return true;
        }
        case 'restore': {
          const outcome = await apply('restore');
          if (!outcome.ok) return fail(outcome.code);
          undoable({ key: 'inbox.restored' }, () => apply('delete'));
          return true;
        }
        case 'unblock': {
          const number = faxes[0]!.remoteNumber;
          const result = await kamifax.inbox.unblock({ number });
          if (!result.ok) return fail(result.error.code);
          toasts.show({ message: { key: 'inbox.unblocked', values: { number: shown(number) } } });
          return true;
        }
      }
    },
    [kamifax, toasts, country],
  );
}
