import type { ErrorCode, KamifaxApi } from '../../../preload/contract';

/** What the selection bar, the Delete key and Undo can do to faxes. */
export type InboxAction =
  'read' | 'unread' | 'delete' | 'junk' | 'junkBlock' | 'restore' | 'notJunk';

/** The contract takes at most this many ids per call. */
export const idsPerCall = 5000;

/** How an action ended: how many faxes changed, or the first error (later chunks not sent). */
export type ActionOutcome = { ok: true; changed: number } | { ok: false; code: ErrorCode };

/**
 * Applies an action to any number of faxes: a selection of 100,000 goes in calls of 5,000
 * (the contract's limit), and a refusal comes back as a code the screen shows, never dropped.
 */
export async function applyInboxAction(
  kamifax: Pick<KamifaxApi, 'inbox'>,
  action: InboxAction,
  ids: readonly string[],
): Promise<ActionOutcome> {
  let changed = 0;
  for (let start = 0; start < ids.length; start += idsPerCall) {
    const chunk = ids.slice(start, start + idsPerCall);
    const result = await call(kamifax, action, chunk);
    if (!result.ok) return { ok: false, code: result.error.code };
    const value: { deleted?: number; restored?: number; updated?: number } = result.value;
    changed += value.deleted ?? value.restored ?? value.updated ?? 0;
  }
  return { ok: true, changed };
}

function call(kamifax: Pick<KamifaxApi, 'inbox'>, action: InboxAction, ids: string[]) {
  switch (action) {
    case 'read':
    case 'unread':
      return kamifax.inbox.markRead({ ids, read: action === 'read' });
    case 'delete':
      return kamifax.inbox.delete({ ids });
    case 'junk':
    case 'junkBlock':
      return kamifax.inbox.reportJunk({ ids, block: action === 'junkBlock' });
    case 'restore':
      return kamifax.inbox.restore({ ids });
    case 'notJunk':
      return kamifax.inbox.notJunk({ ids });
  }
}
