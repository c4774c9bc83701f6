import { describe, expect, it } from 'vitest';
import { serviceSuite, testClock } from './helpers';

const suite = serviceSuite();
const day = 86_400_000;

describe('the Trash (issue 14)', () => {
  it('keeps a deleted fax 30 days, restorable, in the change feed, then purges it', async () => {
    const clock = testClock();
    const { client } = await suite.start({ now: clock.now });
    let alice = await client.login('alice@example.com');
    const inbox = await alice.get('/v1/faxes?direction=inbound');
    const [fax, other] = inbox.body.faxes;
    const { nextSince } = await alice.allChanges();

    expect((await alice.request('DELETE', `/v1/faxes/${fax.id}`)).status).toBe(204);
    const trashed = await alice.get(`/v1/faxes/${fax.id}`);
    expect(trashed.body.trashedAt).toEqual(expect.any(String));
    const feed = await alice.allChanges(nextSince);
    expect(feed.changes.at(-1)).toMatchObject({ type: 'upsert', faxId: fax.id });
    expect(feed.changes.at(-1).fax.trashedAt).toEqual(trashed.body.trashedAt);

    const restored = await alice.request('POST', `/v1/faxes/${fax.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.trashedAt).toBeNull();
    // Safe to repeat.
    expect((await alice.request('POST', `/v1/faxes/${fax.id}/restore`)).status).toBe(200);

    await alice.request('DELETE', `/v1/faxes/${fax.id}`);
    await alice.request('DELETE', `/v1/faxes/${other.id}`);
    clock.advance(29 * day);
    // A month on, the sign-in has long expired: sign in again.
    alice = await client.login('alice@example.com');
    await alice.allChanges();
    expect((await alice.get(`/v1/faxes/${fax.id}`)).status).toBe(200);
    clock.advance(2 * day);
    alice = await client.login('alice@example.com');
    const after = await alice.allChanges(feed.nextSince);
    const deleted = after.changes
      .filter((c: { type: string }) => c.type === 'delete')
      .map((c: { faxId: string }) => c.faxId);
    expect(deleted).toEqual(expect.arrayContaining([fax.id, other.id]));
    expect((await alice.get(`/v1/faxes/${fax.id}`)).status).toBe(404);
  });

  it('takes back a junk report (the pages count again) and deletes forever on request', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const used = async () => (await alice.get('/v1/account')).body.usage.receivedPages.used;
    const [fax] = (await alice.get('/v1/faxes?direction=inbound')).body.faxes;
    const before = await used();
    await alice.request('POST', `/v1/faxes/${fax.id}/junk`, { body: { block: true } });
    expect(await used()).toBe(before - fax.pages);
    const back = await alice.request('POST', `/v1/faxes/${fax.id}/not-junk`);
    expect(back.status).toBe(200);
    expect(back.body.junk).toBe(false);
    expect(await used()).toBe(before);
    expect((await alice.request('DELETE', `/v1/faxes/${fax.id}?forever=true`)).status).toBe(204);
    expect((await alice.get(`/v1/faxes/${fax.id}`)).status).toBe(404);
  });
});
