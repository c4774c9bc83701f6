import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InboxStore } from '../../../main/core/inbox/inbox-store';
import Database from 'better-sqlite3';
import { migrate } from '../../../main/core/inbox/migrations';
import { maxRemembered, RotationStore } from '../../../main/core/inbox/rotation-store';
import { sqliteBindingHere } from '../../../main/core/native/sqlite-binding';
import { channels } from '../../../preload/contract';

const open = (path = join(mkdtempSync(join(tmpdir(), 'kamifax-rot-')), 'inbox.sqlite')) => ({
  path,
  store: new InboxStore(path),
});

describe('page rotations in the account store', () => {
  it('remembers, replaces and forgets a document rotation, across a reopen', () => {
    const { path, store } = open();
    store.rotations.set('fax-1', { document: 90, pages: { '3': 180 } });
    store.rotations.set('sent:fax-2', { document: 0, pages: { '1': 270 } });
    store.rotations.set('fax-1', { document: 180, pages: {} });
    store.close();
    const again = new InboxStore(path);
    expect(again.rotations.all()).toEqual({
      'fax-1': { document: 180, pages: {} },
      'sent:fax-2': { document: 0, pages: { '1': 270 } },
    });
    // Back upright, or null: nothing is kept for it.
    again.rotations.set('fax-1', { document: 360, pages: {} });
    again.rotations.set('sent:fax-2', null);
    expect(again.rotations.all()).toEqual({});
  });

  it('keeps only the most recently turned documents', () => {
    const db = new Database(':memory:', { nativeBinding: sqliteBindingHere() });
    migrate(db);
    const rotations = new RotationStore(db, 10);
    for (let i = 0; i <= 10; i += 1) rotations.set(`fax-${i}`, { document: 90, pages: {} }, i);
    rotations.set('fax-0', { document: 180, pages: {} }, 11);
    const kept = rotations.all();
    expect(Object.keys(kept)).toHaveLength(10);
    expect(kept['fax-1']).toBeUndefined();
    expect(kept['fax-0']).toEqual({ document: 180, pages: {} });
    expect(maxRemembered).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a rotation that is not one over the contract', () => {
    const request = channels['inbox:setRotation'].request;
    expect(request.safeParse({ key: 'fax-1', rotation: { document: 90, pages: {} } }).success).toBe(
      true,
    );
    for (const rotation of [
      { document: 1.5, pages: {} },
      { document: 0, pages: { x: 90 } },
      { document: 0 },
    ])
      expect(request.safeParse({ key: 'fax-1', rotation }).success).toBe(false);
    expect(request.safeParse({ key: '', rotation: null }).success).toBe(false);
  });
});
