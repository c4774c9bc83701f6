import { describe, expect, it } from 'vitest';
import type { KamifaxApi, Result } from '../../../preload/contract';
import { applyInboxAction } from '../../../renderer/src/inbox/inbox-actions';

/** The inbox part of the API, checking each request against the contract's 5,000-id limit. */
function recordingInbox(fail?: { afterCalls: number }) {
  const calls: Array<{ method: string; ids: string[] }> = [];
  const answer = (method: string, ids: string[]): Result<{ updated: number; deleted: number }> => {
    calls.push({ method, ids });
    if (ids.length > 5000)
      return { ok: false, error: { code: 'invalid_request', message: 'too many ids' } };
    if (fail && calls.length > fail.afterCalls)
      return { ok: false, error: { code: 'service_unreachable', message: 'down' } };
    return { ok: true, value: { updated: ids.length, deleted: ids.length } };
  };
  const inbox = {
    markRead: async ({ ids }: { ids: string[] }) => answer('markRead', ids),
    delete: async ({ ids }: { ids: string[] }) => answer('delete', ids),
    reportJunk: async ({ ids }: { ids: string[] }) => answer('reportJunk', ids),
  };
  return { calls, api: { inbox } as unknown as Pick<KamifaxApi, 'inbox'> };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);

describe('inbox actions', () => {
  it('sends a selection over 5,000 in calls the contract accepts', async () => {
    const { calls, api } = recordingInbox();
    const outcome = await applyInboxAction(api, 'delete', ids(12_001));
    expect(outcome).toEqual({ ok: true, changed: 12_001 });
    expect(calls.map((c) => c.ids.length)).toEqual([5000, 5000, 2001]);
  });

  it('returns the refusal instead of dropping it, and stops there', async () => {
    const { calls, api } = recordingInbox({ afterCalls: 1 });
    const outcome = await applyInboxAction(api, 'junkBlock', ids(7000));
    expect(outcome).toEqual({ ok: false, code: 'service_unreachable' });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.method).toBe('reportJunk');
  });

  it('marks read and unread through markRead', async () => {
    const { calls, api } = recordingInbox();
    expect(await applyInboxAction(api, 'unread', ids(3))).toEqual({ ok: true, changed: 3 });
    expect(calls[0]!.method).toBe('markRead');
  });
});
