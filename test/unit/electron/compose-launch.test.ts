import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/core/log/logger';
import { composeFromLaunch } from '../../../main/electron/compose-launch';

// A recorded core: what is under test is which channels a launch drives, in which order.
function recordedCore(createOk = true) {
  const calls: [string, unknown][] = [];
  const events: [string, unknown][] = [];
  return {
    calls,
    events,
    core: {
      router: {
        dispatch: async (channel: string, payload: unknown) => {
          calls.push([channel, payload]);
          if (channel === 'drafts:create' && !createOk) {
            return { ok: false, error: { code: 'signed_out', message: 'Signed out' } };
          }
          return { ok: true, value: { id: 'd1' } };
        },
      },
      events: { emit: (event: string, payload: unknown) => events.push([event, payload]) },
    },
  };
}

describe('a launch with files opens a new draft in Compose', () => {
  it('attaches the readable files, sets the subject, and opens the draft', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kamifax-launch-'));
    writeFileSync(join(dir, 'a.pdf'), '%PDF-1.4');
    const lines: string[] = [];
    const r = recordedCore();
    const id = await composeFromLaunch(
      r.core as never,
      { files: [join(dir, 'a.pdf'), join(dir, 'missing.pdf')], subject: 'Invoice' },
      createLogger((line) => lines.push(line)),
    );
    expect(id).toBe('d1');
    expect(r.calls.map(([channel]) => channel)).toEqual([
      'drafts:create',
      'drafts:update',
      'drafts:addFiles',
    ]);
    expect(r.calls[1]![1]).toEqual({ id: 'd1', subject: 'Invoice' });
    const added = r.calls[2]![1] as { files: { name: string; bytes: Uint8Array }[] };
    expect(added.files.map((f) => [f.name, Buffer.from(f.bytes).toString()])).toEqual([
      ['a.pdf', '%PDF-1.4'],
    ]);
    expect(r.events).toEqual([['compose:open', { draftId: 'd1' }]]);
    expect(lines.join()).toContain('missing.pdf');
  });

  it('opens nothing, and says why in the log, when no draft can be made', async () => {
    const lines: string[] = [];
    const r = recordedCore(false);
    expect(
      await composeFromLaunch(
        r.core as never,
        { files: [], subject: null },
        createLogger((l) => lines.push(l)),
      ),
    ).toBeNull();
    expect(r.events).toEqual([]);
    expect(lines.join()).toContain('signed_out');
  });

  it('signed in, a launch draft is made by DraftService and keeps its origin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kamifax-launch-'));
    writeFileSync(join(dir, 'a.pdf'), '%PDF-1.4');
    const made: unknown[] = [];
    const r = recordedCore();
    const drafts = {
      createDraft: async (input: {
        files: { name: string }[];
        origin: string;
        subject?: string;
      }) => {
        made.push({ ...input, files: input.files.map((f) => f.name) });
        return { id: 'd7', results: [{ ok: false, name: 'a.pdf' }] };
      },
    };
    const id = await composeFromLaunch(
      { ...r.core, send: { current: () => ({ drafts }) } } as never,
      { files: [join(dir, 'a.pdf')], subject: 'Invoice', origin: 'openWith' },
      createLogger(() => {}),
    );
    expect(id).toBe('d7');
    expect(made).toEqual([{ files: ['a.pdf'], origin: 'openWith', subject: 'Invoice' }]);
    // DraftService opens the draft itself; the channels are not used.
    expect(r.calls).toEqual([]);
  });

  it("the tray's New fax (no origin) stays a plain Compose draft through the channels", async () => {
    const r = recordedCore();
    const drafts = { createDraft: () => Promise.reject(new Error('not expected')) };
    await composeFromLaunch(
      { ...r.core, send: { current: () => ({ drafts }) } } as never,
      { files: [], subject: null },
      createLogger(() => {}),
    );
    expect(r.calls.map(([channel]) => channel)).toEqual(['drafts:create']);
  });
});
