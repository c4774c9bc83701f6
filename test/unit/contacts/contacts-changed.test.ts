import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { events } from '../../../preload/contract';
import { ContactsStore, type ContactsChange } from '../../../main/core/contacts/contacts-store';
import { ContactImports } from '../../../main/core/contacts/contacts-import';
import { openSendDatabase } from '../../../main/core/outbox/send-database';

const work = mkdtempSync(join(tmpdir(), 'kamifax-contacts-changed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('contacts:changed', () => {
  it('is told once per committed change: a save, a delete, a whole import; never for a refused one', async () => {
    const told: ContactsChange[] = [];
    const store = new ContactsStore(openSendDatabase(join(work, 'a.sqlite')), Date.now, (c) =>
      told.push(c),
    );
    const tanaka = store.save(
      { name: '田中', company: '', faxNumber: '03-1234-5678', note: '' },
      'JP',
    );
    expect(told).toEqual([{ reason: 'saved', ids: [tanaka.id], count: 1 }]);
    store.save({ ...tanaka, name: '田中商事' }, 'JP');
    expect(told[1]).toEqual({ reason: 'saved', ids: [tanaka.id], count: 1 });
    expect(() =>
      store.save({ name: 'x', company: '', faxNumber: '110', note: '' }, 'JP'),
    ).toThrow();
    expect(told).toHaveLength(2);

    // An import (preview, then commit) is one event; a refused import none.
    const imports = new ContactImports();
    const csv = new TextEncoder().encode('name,fax\nA,03-1111-2222\nB,03-3333-4444\n');
    const preview = await imports.preview(store, 'a.csv', csv, 'JP');
    imports.commit(store, preview.token);
    expect(told).toHaveLength(3);
    expect(told[2]).toMatchObject({ reason: 'imported', count: 3 });
    expect(told[2]!.ids).toHaveLength(2);
    expect(() =>
      store.saveAll([{ name: 'bad', company: '', faxNumber: '0990-123-456', note: '' }], 'JP'),
    ).toThrow();
    expect(told).toHaveLength(3);

    expect(store.remove([tanaka.id, 'missing'])).toBe(1);
    expect(told[3]).toEqual({ reason: 'deleted', ids: [tanaka.id, 'missing'], count: 2 });
    expect(store.remove(['missing'])).toBe(0);
    expect(told).toHaveLength(4);

    // The payload is what the contract declares for the event.
    for (const change of told) expect(events['contacts:changed'].parse(change)).toEqual(change);
  });
});
