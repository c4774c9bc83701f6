import type { ErrorCode, KamifaxApi } from '../../../preload/contract';

/** What the selection bar and the Delete key can do to faxes. */
export type InboxAction = 'read' | 'unread' | 'delete' | 'junk' | 'junkBlock';

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
    const result =
      action === 'read' || action === 'unread'
        ? await kamifax.inbox.markRead({ ids: chunk, read: action === 'read' })
        : action === 'delete'
          ? await kamifax.inbox.delete({ ids: chunk })
          : await kamifax.inbox.reportJunk({ ids: chunk, block: action === 'junkBlock' });
    if (!result.ok) return { ok: false, code: result.error.code };
    changed += 'deleted' in result.value ? result.value.deleted : result.value.updated;
  }
  return { ok: true, changed };
}
