import { describe, expect, it } from 'vitest';
import type { KamifaxApi, Result } from '../../../preload/contract';
import { applyInboxAction } from '../../../renderer/src/inbox/inbox-actions';

/** The inbox part of the API, checking each request against the contract's 5,000-id limit. */
function recordingInbox(fail?: { afterCalls: number }) {
  const calls: Array<{ method: string; ids: string[] }> = [];
  const answer = (
    method: string,
    ids: string[],
  ): Result<{ updated?: number; deleted?: number; restored?: number }> => {
    calls.push({ method, ids });
    if (ids.length > 5000)
      return { ok: false, error: { code: 'invalid_request', message: 'too many ids' } };
    if (fail && calls.length > fail.afterCalls)
      return { ok: false, error: { code: 'service_unreachable', message: 'down' } };
    // Each method answers with its own count, as the contract says.
    const key = method === 'delete' ? 'deleted' : method === 'restore' ? 'restored' : 'updated';
    return { ok: true, value: { [key]: ids.length } };
  };
  const inbox = {
    markRead: async ({ ids }: { ids: string[] }) => answer('markRead', ids),
    delete: async ({ ids }: { ids: string[] }) => answer('delete', ids),
    reportJunk: async ({ ids }: { ids: string[] }) => answer('reportJunk', ids),
    restore: async ({ ids }: { ids: string[] }) => answer('restore', ids),
    notJunk: async ({ ids }: { ids: string[] }) => answer('notJunk', ids),
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

  it('Undo (restore, not junk) is split and counted the same way', async () => {
    const { calls, api } = recordingInbox();
    expect(await applyInboxAction(api, 'restore', ids(5001))).toEqual({ ok: true, changed: 5001 });
    expect(await applyInboxAction(api, 'notJunk', ids(2))).toEqual({ ok: true, changed: 2 });
    expect(calls.map((c) => [c.method, c.ids.length])).toEqual([
      ['restore', 5000],
      ['restore', 1],
      ['notJunk', 2],
    ]);
  });

  it('a refused Undo comes back as its code', async () => {
    const { api } = recordingInbox({ afterCalls: 0 });
    expect(await applyInboxAction(api, 'restore', ids(1))).toEqual({
      ok: false,
      code: 'service_unreachable',
    });
  });
});
