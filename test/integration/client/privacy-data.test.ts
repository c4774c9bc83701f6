import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarCredentialStore } from '../../../main/core/credentials/keytar-store';
import { classifyLocalPath, listFiles } from '../../../main/core/privacy/local-data';
import { scopeName } from '../../../main/core/session/session-prefs';
import { hasKeychain } from '../../helpers/keychain';
import {
  startTestClient,
  startTestService,
  until,
  type TestClient,
  type TestService,
} from './harness';

const alice = { email: 'alice@example.com', password: 'kamifax-demo' };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('your data: export, and what is kept on this computer', () => {
  let service: TestService;
  let client: TestClient;

  afterEach(async () => {
    await client?.close();
    await service?.stop();
  });

  const call = async (channel: string, payload: unknown = {}) => {
    const result = await client.core.router.dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as Json;
  };

  it('exports every field the service holds about the user, readable, after the password', async () => {
    service = await startTestService();
    client = await startTestClient();
    await client.core.session.signIn(
      { kind: 'remote', url: service.url },
      alice.email,
      alice.password,
    );
    await call('privacy:updateProfile', {
      demographics: { gender: 'female', occupation: 'pilot' },
    });
    await call('blocked:add', { number: '+14155550199' });
    const wrong = await client.core.router.dispatch('privacy:requestExport', { password: 'guess' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'password_incorrect' } });
    // A wrong password is not a lost sign-in.
    expect(client.core.session.current().status).toBe('signedIn');
    const request = await call('privacy:requestExport', { password: alice.password });
    const progress: unknown[] = [];
    const stop = client.core.events.listen((event, payload) => {
      if (event === 'privacy:exportProgress') progress.push(payload);
    });
    const file = await call('privacy:exportFile', { id: request.id });
    stop();
    expect(file.name).toMatch(/^Kamifax data export \d{4}-\d{2}-\d{2}\.json$/);
    const text = new TextDecoder().decode(file.bytes as Uint8Array);
    // Indented, so a person can read it.
    expect(text.split('\n').length).toBeGreaterThan(20);
    const exported = JSON.parse(text) as Json;
    expect(progress.length).toBeGreaterThan(0);

    await client.close();
    await service.stop();
    const db = new Database(join(service.dataDir, 'service.sqlite'), { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM accounts WHERE email = ?').get(alice.email) as Json;
      const all = JSON.stringify(exported);
      for (const [column, value] of Object.entries(row)) {
        if (column === 'password_hash' || value === null) continue;
        const shown =
          column.endsWith('_at') && typeof value === 'number'
            ? new Date(value).toISOString()
            : String(value);
        expect(all, column).toContain(shown);
      }
      const faxes = db.prepare('SELECT id FROM faxes WHERE account_id = ?').all(row.id) as Json[];
      expect(exported.faxes.map((f: Json) => f.id).sort()).toEqual(faxes.map((f) => f.id).sort());
      const numbers = db.prepare('SELECT number FROM fax_numbers WHERE account_id = ?').all(row.id);
      expect(exported.account.faxNumbers).toEqual((numbers as Json[]).map((n) => n.number));
      expect(exported.blockedNumbers).toEqual(['+14155550199']);
      const privacy = db.prepare('SELECT * FROM privacy WHERE account_id = ?').get(row.id) as
        Json | undefined;
      if (privacy) expect(all).toContain(`"version":${privacy.version}`);
      expect(exported).toHaveProperty('consents');
      expect(all).not.toMatch(/scrypt|password/i);
    } finally {
      db.close();
    }
  });

  it('after a session of use, every file in the data folder is one the page describes', async () => {
    service = await startTestService();
    client = await startTestClient();
    await client.core.session.signIn(
      { kind: 'remote', url: service.url },
      alice.email,
      alice.password,
    );
    const inbox = client.core.features.inbox()!;
    await inbox.syncNow();
    const first = inbox.query({ search: '', filter: 'all', sort: 'newest', offset: 0, limit: 10 })
      .rows[0]!;
    const document = await call('inbox:document', { id: first.id });
    await call('files:savePdf', { suggestedName: document.name, bytes: document.bytes });
    await call('inbox:markRead', { ids: [first.id], read: true });
    // A draft with a document, and a contact: their files must be described too.
    const draft = await call('drafts:create', {});
    await call('drafts:addFiles', {
      id: draft.id,
      files: [{ name: 'order.pdf', bytes: document.bytes }],
    });
    await call('contacts:save', {
      name: 'Tanaka Trading',
      company: 'Tanaka Trading',
      faxNumber: '+81312345678',
      note: '',
    });
    await call('settings:update', { theme: 'dark', language: 'ja' });
    await call('privacy:set', { settings: { surveys: false } });
    await client.core.privacy.current()!.syncNow();
    await inbox.syncNow();

    const files = await listFiles(client.dataDir);
    const unknown = files.filter((file) => classifyLocalPath(file) === null);
    expect(unknown, `files the "On this computer" page does not describe`).toEqual([]);
    const described = await call('localData:describe');
    const kinds = (described.items as Json[]).map((item) => item.kind).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'documents',
        'drafts',
        'inbox',
        'privacy',
        'saved',
        'session',
        'settings',
      ]),
    );
    const documents = (described.items as Json[]).find((item) => item.kind === 'documents')!;
    expect(documents.bytes).toBeGreaterThan(0);
    // The cache is encrypted: the PDF's bytes are nowhere in it in the clear.
    for (const file of files.filter((f) => classifyLocalPath(f) === 'documents'))
      expect(readFileSync(join(client.dataDir, file)).subarray(0, 4).toString()).not.toBe('%PDF');
  });
});

describe.skipIf(!hasKeychain)('deletion and termination leave nothing of the account', () => {
  let service: TestService;
  let client: TestClient;
  const keychain = new KeytarCredentialStore();

  afterEach(async () => {
    await client?.close();
    await service?.stop();
  });

  const leave = async (channel: 'privacy:requestDeletion' | 'privacy:terminate', email: string) => {
    service = await startTestService({ deletionGraceMs: 100 });
    client = await startTestClient({ credentials: keychain });
    const location = { kind: 'remote', url: service.url } as const;
    const password = 'dana-password';
    await client.core.session.signUp(location, {
      name: 'Dana Mori',
      email,
      password,
      birthDate: '1990-02-03',
    });
    const number = (await client.core.router.dispatch('account:get', {})) as Json;
    await service.admin('inbound', {
      to: number.value.faxNumbers[0],
      from: '+81312345678',
      pages: 2,
    });
    const inbox = client.core.features.inbox()!;
    await until(async () => (await inbox.syncNow()).total === 1, 5000, 'the fax');
    const fax = inbox.query({ search: '', filter: 'all', sort: 'newest', offset: 0, limit: 1 })
      .rows[0]!;
    await client.core.router.dispatch('inbox:document', { id: fax.id });
    await client.core.router.dispatch('privacy:set', { settings: { surveys: false } });
    const scope = { service: scopeName(location), account: email };
    expect(await keychain.get(scope, 'refresh-token')).toBeTruthy();
    expect(await keychain.get(scope, 'data-key')).toBeTruthy();

    const wrong = await client.core.router.dispatch(channel, { password: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'password_incorrect' } });
    const result = await client.core.router.dispatch(channel, { password });
    expect(result.ok).toBe(true);

    // On this computer: signed out, forgotten, keychain empty, no file of the account.
    expect(client.core.session.current()).toEqual({
      status: 'signedOut',
      reason: null,
      remembered: null,
    });
    expect(await keychain.get(scope, 'refresh-token')).toBeNull();
    expect(await keychain.get(scope, 'data-key')).toBeNull();
    const files = await listFiles(client.dataDir);
    expect(files.filter((file) => file !== 'settings.json')).toEqual([]);
    for (const file of files)
      expect(readFileSync(join(client.dataDir, file), 'utf8')).not.toContain(email);

    // On the service: the account and every row of it gone.
    await until(
      async () => {
        const login = await fetch(`${service.url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        return login.status === 401;
      },
      5000,
      'the account to be erased',
    );
    await service.stop();
    const db = new Database(join(service.dataDir, 'service.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT 1 FROM accounts WHERE email = ?').get(email)).toBeUndefined();
      for (const table of [
        'fax_numbers',
        'faxes',
        'privacy',
        'refresh_tokens',
        'privacy_requests',
      ]) {
        const orphans = db
          .prepare(
            `SELECT COUNT(*) AS n FROM ${table} WHERE account_id NOT IN (SELECT id FROM accounts)`,
          )
          .get() as { n: number };
        expect(orphans.n, table).toBe(0);
      }
    } finally {
      db.close();
    }
  };

  it('a deletion request signs out and removes everything here, and the service erases it', () =>
    leave('privacy:requestDeletion', 'dana.delete@example.com'));

  it('a termination does the same at once', () =>
    leave('privacy:terminate', 'dana.close@example.com'));
});
