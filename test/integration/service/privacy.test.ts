import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  aliceNumber,
  bobNumber,
  makePdf,
  openEvents,
  serviceSuite,
  testClock,
  until,
  type Session,
  type TestClient,
  type Json,
} from './helpers';

const suite = serviceSuite();

async function putPrivacy(session: Session, settings: Record<string, boolean>, version?: number) {
  return session.request('PUT', '/v1/privacy', {
    body: { settings },
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
}

async function setPlan(client: TestClient, email: string, plan: string) {
  expect((await client.admin('plan', { email, plan })).status).toBe(204);
}

describe('privacy settings', () => {
  it('follows the plan rules: free locks product e-mail and partner promotions on, with reasons', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const initial = await alice.get('/v1/privacy');
    expect(initial.headers.get('etag')).toBe(`"${initial.body.version}"`);
    expect(initial.body.settings).toEqual({
      productEmail: true,
      partnerPromotions: true,
      tailoredPromotions: false,
      administrativeNotices: true,
      policyChangeEmail: false,
      surveys: true,
      surveyDataSharing: false,
      profilePersonalisation: true,
    });
    expect(initial.body.rules.administrativeNotices).toEqual({
      editable: false,
      reason: 'always_on',
    });
    expect(initial.body.rules.productEmail).toEqual({ editable: true });
    expect(initial.body.rules.partnerPromotions).toEqual({ editable: true });

    // A trial (the paid service on trial) may opt out of both, and opt in to tailoring.
    let version = initial.body.version;
    const trial = await putPrivacy(
      alice,
      { productEmail: false, partnerPromotions: false, tailoredPromotions: true },
      version,
    );
    expect(trial.status).toBe(200);
    expect(trial.body.version).toBe(version + 1);
    expect(trial.body.settings).toMatchObject({
      productEmail: false,
      partnerPromotions: false,
      tailoredPromotions: true,
    });
    version = trial.body.version;

    const always = await putPrivacy(alice, { administrativeNotices: false }, version);
    expect(always.status).toBe(422);
    expect(always.body.error).toMatchObject({
      code: 'plan_rule',
      details: { setting: 'administrativeNotices', reason: 'always_on' },
    });

    // Moving to free re-locks both on, and says why.
    const events = await openEvents(alice);
    await setPlan(client, 'alice@example.com', 'free');
    await events.waitFor((e) => e.type === 'privacy.updated');
    await events.waitFor((e) => e.type === 'account.updated' && e.data.plan === 'free');
    events.close();
    const free = await alice.get('/v1/privacy');
    expect(free.body.version).toBeGreaterThan(version);
    expect(free.body.settings).toMatchObject({
      productEmail: true,
      partnerPromotions: true,
      tailoredPromotions: true,
    });
    expect(free.body.rules.productEmail).toEqual({
      editable: false,
      reason: 'free_plan_cancel_to_stop',
    });
    expect(free.body.rules.partnerPromotions).toEqual({
      editable: false,
      reason: 'free_plan_upgrade_to_opt_out',
    });
    version = free.body.version;
    for (const [setting, reason] of [
      ['productEmail', 'free_plan_cancel_to_stop'],
      ['partnerPromotions', 'free_plan_upgrade_to_opt_out'],
    ] as const) {
      const refused = await putPrivacy(alice, { [setting]: false, surveys: false }, version);
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'plan_rule', details: { setting, reason } });
    }
    // Nothing of a refused edit is kept, not even the allowed part of it.
    const unchanged = await alice.get('/v1/privacy');
    expect(unchanged.body.version).toBe(version);
    expect(unchanged.body.settings.surveys).toBe(true);
    // Free users still choose everything else, and may restate a locked value.
    const allowed = await putPrivacy(
      alice,
      { productEmail: true, tailoredPromotions: false, surveys: false },
      version,
    );
    expect(allowed.status).toBe(200);

    // Paid: free to opt out again.
    await setPlan(client, 'alice@example.com', 'paid');
    const paid = await alice.get('/v1/privacy');
    expect(paid.body.rules.productEmail).toEqual({ editable: true });
    const optOut = await putPrivacy(
      alice,
      { productEmail: false, partnerPromotions: false },
      paid.body.version,
    );
    expect(optOut.status).toBe(200);
    expect((await alice.get('/v1/account')).body.plan).toBe('paid');
  });

  it('needs If-Match (428) and refuses a stale version (412) without changing anything', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const current = await alice.get('/v1/privacy');
    const missing = await putPrivacy(alice, { surveys: false });
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('version_required');

    // Two devices edit the same version: the second is told the version it missed.
    const first = await putPrivacy(alice, { surveys: false }, current.body.version);
    expect(first.status).toBe(200);
    const second = await putPrivacy(alice, { profilePersonalisation: false }, current.body.version);
    expect(second.status).toBe(412);
    expect(second.body.error).toMatchObject({
      code: 'version_conflict',
      details: { version: first.body.version },
    });
    const after = await alice.get('/v1/privacy');
    expect(after.body.settings.profilePersonalisation).toBe(true);
    expect(after.body.settings.surveys).toBe(false);
    const retried = await putPrivacy(alice, { profilePersonalisation: false }, after.body.version);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('etag')).toBe(`"${retried.body.version}"`);
  });

  it('publishes a new policy: an event, acceptance, and a yes or no for a new use of data', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const events = await openEvents(alice);
    const before = await alice.get('/v1/privacy/policy');
    expect(before.body).toMatchObject({ version: 1, accepted: true });
    expect(before.body.text).toContain('children under 13');

    const published = await client.admin('policy', {
      text: 'Version two of the policy.',
      effectiveDate: '2026-12-01',
      consent: {
        id: 'fax-ocr',
        title: 'Text recognition',
        description: 'Read the text of received faxes to make them searchable.',
      },
    });
    expect(published.body).toEqual({ version: 2 });
    const event = await events.waitFor((e) => e.type === 'policy.updated');
    expect(event.data).toEqual({ version: 2 });
    events.close();

    const policy = await alice.get('/v1/privacy/policy');
    expect(policy.body).toMatchObject({
      version: 2,
      effectiveDate: '2026-12-01',
      accepted: false,
    });
    expect((await alice.get('/v1/account')).body.policy).toEqual({
      currentVersion: 2,
      acceptedVersion: 1,
    });
    const stale = await alice.request('POST', '/v1/privacy/policy/acceptances', {
      body: { version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'policy_version_mismatch',
      details: { version: 2 },
    });
    const accepted = await alice.request('POST', '/v1/privacy/policy/acceptances', {
      body: { version: 2 },
    });
    expect(accepted.status).toBe(204);
    expect((await alice.get('/v1/privacy/policy')).body.accepted).toBe(true);

    const consents = await alice.get('/v1/privacy/consents');
    expect(consents.body.consents).toEqual([
      {
        id: 'fax-ocr',
        title: 'Text recognition',
        description: 'Read the text of received faxes to make them searchable.',
        answer: null,
      },
    ]);
    const yes = await alice.request('POST', '/v1/privacy/consents/fax-ocr', {
      body: { granted: true },
    });
    expect(yes.body.answer.granted).toBe(true);
    const no = await alice.request('POST', '/v1/privacy/consents/fax-ocr', {
      body: { granted: false },
    });
    expect(no.body.answer.granted).toBe(false);
    const unknown = await alice.request('POST', '/v1/privacy/consents/mind-reading', {
      body: { granted: true },
    });
    expect(unknown.status).toBe(404);
    // Bob has not answered: his answer is still open.
    const bob = await client.login('bob@example.com');
    expect((await bob.get('/v1/privacy/consents')).body.consents[0].answer).toBeNull();

    const noToken = await client.request('POST', '/v1/admin/policy', {
      body: { text: 'x', effectiveDate: '2027-01-01' },
    });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('admin_only');
  });
});

describe('export and deletion', () => {
  it('exports every personal datum held, after re-checking the password', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    await alice.request('POST', '/v1/blocked-numbers', { body: { number: '+14155550199' } });
    await alice.request('PATCH', '/v1/account', {
      body: { demographics: { occupation: 'pilot' } },
    });
    const wrong = await alice.request('POST', '/v1/privacy/requests', {
      body: { type: 'export', password: 'guess' },
    });
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const request = await alice.request('POST', '/v1/privacy/requests', {
      body: { type: 'export', password: 'kamifax-demo' },
    });
    expect(request.status).toBe(202);
    expect(request.body).toMatchObject({ type: 'export', status: 'ready' });
    expect((await alice.get(`/v1/privacy/requests/${request.body.id}`)).body).toEqual(request.body);
    const download = await alice.get(`/v1/privacy/requests/${request.body.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const list = await alice.get('/v1/faxes?limit=500');
    expect(download.body.account).toMatchObject({
      email: 'alice@example.com',
      faxNumbers: [aliceNumber],
      birthDate: '1985-04-01',
      demographics: { occupation: 'pilot' },
    });
    expect(download.body.faxes.map((f: Json) => f.id).sort()).toEqual(
      list.body.faxes.map((f: Json) => f.id).sort(),
    );
    expect(download.body.privacy.settings).toEqual((await alice.get('/v1/privacy')).body.settings);
    expect(download.body.blockedNumbers).toEqual(['+14155550199']);
    expect(download.body).toHaveProperty('consents');
    expect(JSON.stringify(download.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('erases the account after the grace period: rows, documents, sign-in', async () => {
    const clock = testClock();
    const { service, client } = await suite.start({ now: clock.now, deletionGraceMs: 60_000 });
    await client.request('POST', '/v1/accounts', {
      body: {
        name: 'Dana Mori',
        email: 'dana@example.com',
        password: 'dana-password',
        birthDate: '1990-02-03',
      },
    });
    const dana = await client.login('dana@example.com', 'dana-password');
    const number = (await dana.get('/v1/account')).body.faxNumbers[0];
    await client.admin('inbound', { to: number, from: '+81312345678', pages: 2 });
    const bob = await client.login('bob@example.com');
    const sent = await bob.send(await makePdf(1), [number]);
    await bob.waitForFax(sent.body.faxes[0].id, (fax) => fax.status === 'delivered');
    await dana.request('POST', '/v1/blocked-numbers', { body: { number: '+81399999999' } });
    const inbox = (await dana.get('/v1/faxes')).body.faxes;
    expect(inbox).toHaveLength(2);
    // The ETag of a document is its stored file's id.
    const documentOf = async (from: string) => {
      const fax = inbox.find((f: Json) => f.from === from);
      const document = await dana.get(`/v1/faxes/${fax.id}/document`);
      return join(
        service.dataDir,
        'documents',
        `${document.headers.get('etag')!.slice(1, -1)}.pdf`,
      );
    };
    const ownFile = await documentOf('+81312345678');
    const sharedFile = await documentOf(bobNumber);
    expect(existsSync(ownFile) && existsSync(sharedFile)).toBe(true);

    const request = await dana.request('POST', '/v1/privacy/requests', {
      body: { type: 'deletion', password: 'dana-password' },
    });
    expect(request.body).toMatchObject({ type: 'deletion', status: 'pending' });
    const early = await dana.get(`/v1/privacy/requests/${request.body.id}/download`);
    expect(early.body.error.code).toBe('request_not_ready');
    // Within the grace period nothing is gone.
    expect((await dana.get('/v1/account')).status).toBe(200);

    clock.advance(61_000);
    await service.restart();
    const login = await client.request('POST', '/v1/auth/login', {
      body: { email: 'dana@example.com', password: 'dana-password' },
    });
    expect(login.body.error.code).toBe('invalid_credentials');
    // The sender's copy and the shared document stay with bob.
    const bobAgain = await client.login('bob@example.com');
    expect((await bobAgain.get(`/v1/faxes/${sent.body.faxes[0].id}/document`)).status).toBe(200);
    await service.stop();

    const db = new Database(join(service.dataDir, 'service.sqlite'), { readonly: true });
    try {
      const accountId = (
        db.prepare('SELECT id FROM accounts WHERE email = ?').get('dana@example.com') as
          { id: string } | undefined
      )?.id;
      expect(accountId).toBeUndefined();
      for (const table of [
        'fax_numbers',
        'faxes',
        'changes',
        'events',
        'usage',
        'privacy',
        'blocked_numbers',
        'access_tokens',
        'refresh_tokens',
        'privacy_requests',
        'consent_answers',
        'idempotency',
      ]) {
        const orphans = db
          .prepare(
            `SELECT COUNT(*) AS n FROM ${table} WHERE account_id NOT IN (SELECT id FROM accounts)`,
          )
          .get() as { n: number };
        expect(orphans.n, table).toBe(0);
      }
      const numberRow = db.prepare('SELECT 1 FROM fax_numbers WHERE number = ?').get(number);
      expect(numberRow).toBeUndefined();
    } finally {
      db.close();
    }
    // The injected fax's file was dana's alone: gone. Bob's send shares its file with bob's copy.
    expect(existsSync(ownFile)).toBe(false);
    expect(existsSync(sharedFile)).toBe(true);
  });

  it('runs due deletions on its own while running', async () => {
    const { client } = await suite.start({ deletionGraceMs: 100 });
    const bob = await client.login('bob@example.com');
    const request = await bob.request('POST', '/v1/privacy/requests', {
      body: { type: 'deletion', password: 'kamifax-demo' },
    });
    expect(request.status).toBe(202);
    await until(async () => {
      const login = await client.request('POST', '/v1/auth/login', {
        body: { email: 'bob@example.com', password: 'kamifax-demo' },
      });
      return login.status === 401;
    });
    // Bob's number is free: faxes to it now fail instead of reaching a deleted inbox.
    const alice = await client.login('alice@example.com');
    const sent = await alice.send(await makePdf(1), [bobNumber]);
    const fax = await alice.waitForFax(sent.body.faxes[0].id, (f) =>
      ['delivered', 'failed'].includes(f.status),
    );
    expect(fax.status).toBe('delivered');
  });
});
