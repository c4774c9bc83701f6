import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyView } from '../../../preload/privacy-contract';
import { MemoryCredentialStore } from '../../../main/core/credentials/memory-store';
import type { PrivacyService } from '../../../main/core/privacy/privacy-service';
import {
  startTestClient,
  startTestService,
  until,
  type TestClient,
  type TestService,
} from './harness';

const alice = { email: 'alice@example.com', password: 'kamifax-demo' };

describe('privacy settings synced with the real service', () => {
  let service: TestService;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await service?.stop();
  });

  const open = async (options: { dataDir?: string; credentials?: MemoryCredentialStore } = {}) => {
    const client = await startTestClient({ pollMs: 3_600_000, ...options });
    clients.push(client);
    return client;
  };
  const signIn = async (client: TestClient, who = alice) => {
    await client.core.session.signIn({ kind: 'remote', url: service.url }, who.email, who.password);
    const privacy = client.core.privacy.current()!;
    await privacy.syncNow();
    return privacy;
  };
  const serverState = async (client: TestClient) => {
    const token = client.core.session.requireAccount().tokens.current();
    const response = await fetch(`${service.url}/v1/privacy`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await response.json()) as { version: number; settings: Record<string, boolean> };
  };
  const call = (client: TestClient, channel: string, payload: unknown = {}) =>
    client.core.router.dispatch(channel, payload);
  const setPlan = async (plan: string) =>
    expect((await service.admin('plan', { email: alice.email, plan })).status).toBe(204);

  it('applies every rule of the policy for trial, free and paid; locked settings say why', async () => {
    service = await startTestService();
    const client = await open();
    const privacy = await signIn(client);
    let view = privacy.view();
    // Trial is the paid service on trial: everything but administrative notices can change.
    expect(view.profile?.plan).toBe('trial');
    expect(view.rules.administrativeNotices).toEqual({ editable: false, reason: 'always_on' });
    for (const name of ['productEmail', 'partnerPromotions', 'tailoredPromotions'] as const)
      expect(view.rules[name].editable).toBe(true);
    // Opt-in settings start off until the user says yes.
    expect(view.settings).toMatchObject({
      tailoredPromotions: false,
      policyChangeEmail: false,
      surveyDataSharing: false,
    });
    view = await privacy.set({ productEmail: false, tailoredPromotions: true });
    // Applied here at once, before the service has it.
    expect(view.settings).toMatchObject({ productEmail: false, tailoredPromotions: true });
    await until(async () => (await serverState(client)).settings.productEmail === false);
    expect((await serverState(client)).settings.tailoredPromotions).toBe(true);
    const locked = await call(client, 'privacy:set', {
      settings: { administrativeNotices: false },
    });
    expect(locked).toMatchObject({ ok: false, error: { code: 'plan_rule' } });

    // Free: the policy locks product e-mail and partner promotions on, with the way out.
    await setPlan('free');
    await until(() => privacy.view().profile?.plan === 'free', 5000, 'the plan change, live');
    view = privacy.view();
    expect(view.settings.productEmail).toBe(true);
    expect(view.rules.productEmail).toEqual({
      editable: false,
      reason: 'free_plan_cancel_to_stop',
    });
    expect(view.rules.partnerPromotions).toEqual({
      editable: false,
      reason: 'free_plan_upgrade_to_opt_out',
    });
    expect(
      await call(client, 'privacy:set', { settings: { partnerPromotions: false } }),
    ).toMatchObject({ ok: false, error: { code: 'plan_rule' } });
    // Everything else stays the user's choice on free.
    await privacy.set({ surveys: false, profilePersonalisation: false });
    await until(async () => (await serverState(client)).settings.surveys === false);

    // Paid: opting out is free again.
    await setPlan('paid');
    await until(() => privacy.view().rules.partnerPromotions.editable, 5000, 'paid rules');
    await privacy.set({ partnerPromotions: false, productEmail: false });
    await until(async () => (await serverState(client)).settings.partnerPromotions === false);
    expect(privacy.view().sync).toBe('synced');
  });

  it('keeps an edit made offline across a restart and sends it when the service is back', async () => {
    service = await startTestService();
    const credentials = new MemoryCredentialStore();
    const first = await open({ credentials });
    const privacy = await signIn(first);
    const before = privacy.view().version!;
    await service.stop();
    const view = await privacy.set({ surveys: false });
    expect(view.settings.surveys).toBe(false);
    await until(() => privacy.view().sync === 'offline', 5000, 'offline state');
    await first.close();
    clients.pop();

    // Restart while the service is still down: the edit is still there, still waiting.
    const second = await open({ dataDir: first.dataDir, credentials });
    const reopened = second.core.privacy.current()!;
    expect(reopened.view()).toMatchObject({ settings: { surveys: false }, pending: ['surveys'] });
    await service.restart();
    await reopened.syncNow();
    expect(reopened.view()).toMatchObject({ sync: 'synced', pending: [] });
    const state = await serverState(second);
    expect(state.settings.surveys).toBe(false);
    expect(state.version).toBe(before + 1);
  });

  const conflictOn = async () => {
    service = await startTestService();
    const client = await open();
    const privacy = await signIn(client);
    const version = privacy.view().version!;
    // Another device changes the same setting first; this computer is offline meanwhile.
    await service.stop();
    await privacy.set({ surveys: false, profilePersonalisation: false });
    await service.restart();
    const token = client.core.session.requireAccount().tokens.current();
    const other = await fetch(`${service.url}/v1/privacy`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"${version}"`,
      },
      body: JSON.stringify({ settings: { surveys: true, tailoredPromotions: true } }),
    });
    expect(other.status).toBe(200);
    await privacy.syncNow();
    const view: PrivacyView = privacy.view();
    expect(view.sync).toBe('conflict');
    expect(view.conflict).toMatchObject({
      changed: ['tailoredPromotions'],
      theirs: { surveys: true, tailoredPromotions: true, profilePersonalisation: true },
      mine: { surveys: false, profilePersonalisation: false },
    });
    return { client, privacy };
  };

  it('keeps a conflict (412) for the user, who keeps theirs: both changes end on the service', async () => {
    const { client, privacy } = await conflictOn();
    // Nothing is sent while the user has not chosen.
    expect((await serverState(client)).settings.profilePersonalisation).toBe(true);
    await privacy.resolveConflict('mine');
    await until(() => privacy.view().sync === 'synced', 5000, 'the kept edit');
    expect((await serverState(client)).settings).toMatchObject({
      surveys: false,
      profilePersonalisation: false,
      tailoredPromotions: true,
    });
  });

  it('keeps a conflict (412) for the user, who takes the service’s: the edit is dropped', async () => {
    const { client, privacy } = await conflictOn();
    const view = await privacy.resolveConflict('theirs');
    expect(view).toMatchObject({ sync: 'synced', pending: [], conflict: null });
    expect(view.settings).toMatchObject({ surveys: true, profilePersonalisation: true });
    expect((await serverState(client)).settings.profilePersonalisation).toBe(true);
  });

  it('puts back a setting the plan refuses (422) with the reason, keeping the other edits', async () => {
    service = await startTestService();
    const client = await open();
    const privacy = await signIn(client);
    await service.stop();
    await privacy.set({ partnerPromotions: false, surveys: false });
    await service.restart();
    // The plan changes before the edit arrives: partner promotions are now locked on.
    await setPlan('free');
    await privacy.syncNow();
    const view = privacy.view();
    expect(view.refused).toEqual({
      setting: 'partnerPromotions',
      reason: 'free_plan_upgrade_to_opt_out',
    });
    expect(view.settings).toMatchObject({ partnerPromotions: true, surveys: false });
    expect((await serverState(client)).settings).toMatchObject({
      partnerPromotions: true,
      surveys: false,
    });
  });

  it('announces a new policy, asks for acceptance and a yes or no, and assumes nothing', async () => {
    service = await startTestService();
    const client = await open();
    const privacy: PrivacyService = await signIn(client);
    expect(privacy.view().policy).toMatchObject({ version: 1, accepted: true });
    await service.admin('policy', {
      text: 'Version two: we may read faxes to make them searchable.',
      effectiveDate: '2026-12-01',
      consent: { id: 'fax-ocr', title: 'Text recognition', description: 'Read faxes' },
    });
    await until(() => privacy.view().policy?.version === 2, 5000, 'the new policy, live');
    let view = privacy.view();
    expect(view.policy).toMatchObject({ accepted: false, acceptedVersion: 1 });
    expect(view.consents).toEqual([expect.objectContaining({ id: 'fax-ocr', answer: null })]);
    await until(() => client.notifications.shown.length === 1, 2000, 'the notification');
    expect(client.notifications.shown[0]!.notice.title).toBe('Privacy policy updated');
    expect(client.notifications.shown[0]!.notice.body).toContain('Version 2');
    view = await privacy.answerConsent('fax-ocr', false);
    expect(view.consents[0]!.answer).toMatchObject({ granted: false });
    view = await privacy.acceptPolicy(2);
    expect(view.policy).toMatchObject({ version: 2, accepted: true, acceptedVersion: 2 });
    expect(view.policy?.acceptedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // A restart does not announce it again.
    await privacy.syncNow();
    expect(client.notifications.shown).toHaveLength(1);
  });

  it('corrects the profile, clears demographics, and manages blocked numbers', async () => {
    service = await startTestService();
    const client = await open();
    await signIn(client);
    const updated = await call(client, 'privacy:updateProfile', {
      name: 'Alice Sato',
      demographics: { gender: 'female', occupation: 'pilot', incomeLevel: null },
    });
    expect(updated).toMatchObject({
      ok: true,
      value: { profile: { name: 'Alice Sato', demographics: { occupation: 'pilot' } } },
    });
    const cleared = await call(client, 'privacy:updateProfile', {
      demographics: { gender: null, occupation: null, incomeLevel: null },
    });
    expect(cleared).toMatchObject({
      ok: true,
      value: { profile: { demographics: { gender: null, occupation: null, incomeLevel: null } } },
    });
    expect(await call(client, 'blocked:add', { number: '+81399998888' })).toMatchObject({
      ok: true,
      value: { numbers: ['+81399998888'] },
    });
    expect(await call(client, 'blocked:add', { number: 'not a number' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_number' },
    });
    expect(await call(client, 'blocked:remove', { number: '+81399998888' })).toMatchObject({
      ok: true,
      value: { numbers: [] },
    });
  });
});
