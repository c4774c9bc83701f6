import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../../preload/contract';
import type {
  CredentialKey,
  CredentialScope,
} from '../../../../main/core/credentials/credential-store';
import { MemoryCredentialStore } from '../../../../main/core/credentials/memory-store';
import { createLogger } from '../../../../main/core/log/logger';
import { AppError } from '../../../../main/core/rpc/app-error';
import { createEventBus } from '../../../../main/core/rpc/event-bus';
import { SessionPrefs, scopeName } from '../../../../main/core/session/session-prefs';
import { SessionService, type ActiveAccount } from '../../../../main/core/session/session-service';

/** A keychain that can be locked, as a locked GNOME keyring or macOS Keychain answers. */
class LockableKeychain extends MemoryCredentialStore {
  locked = false;
  override async get(scope: CredentialScope, key: CredentialKey): Promise<string | null> {
    if (this.locked) throw new AppError('keychain_unavailable', 'The keychain is locked');
    return super.get(scope, key);
  }
}

const account = { service: { kind: 'local' as const }, email: 'alice@example.com' };
const scope = { service: scopeName(account.service), account: account.email };

describe('SessionService', () => {
  let folder: string;
  let keychain: LockableKeychain;
  let server: Server;
  let baseUrl: string;
  let serviceFails: boolean;
  let changes: Array<string>;
  let switchGate: Promise<void> | null;
  let states: SessionState[];

  const session = () =>
    new SessionService({
      dataDir: folder,
      credentials: keychain,
      prefs: new SessionPrefs(folder),
      services: {
        baseUrl: async () => {
          if (serviceFails) throw new Error('the embedded service did not start');
          return baseUrl;
        },
      },
      events: {
        ...createEventBus(),
        emit: (event: string, payload: unknown) => {
          if (event === 'session:changed') states.push(payload as SessionState);
        },
      } as ReturnType<typeof createEventBus>,
      log: createLogger(() => undefined, 'test'),
      onAccountChange: async (active: ActiveAccount | null) => {
        changes.push(active ? `open ${active.account.email}` : 'close');
        if (active && switchGate) await switchGate;
      },
    });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-session-'));
    keychain = new LockableKeychain();
    serviceFails = false;
    changes = [];
    states = [];
    switchGate = null;
    // A service that is down: every call answers 503, so a restore signs in offline.
    server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new SessionPrefs(folder).remember(account);
    await keychain.set(scope, 'refresh-token', 'saved-refresh-token');
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it('ends a restore with a locked keychain signed out, with the reason, and retries', async () => {
    keychain.locked = true;
    const sessions = session();
    const state = await sessions.restore();
    expect(state).toEqual({
      status: 'signedOut',
      reason: 'keychain_unavailable',
      remembered: account,
    });
    expect(states.at(-1)).toEqual(state);
    keychain.locked = false;
    expect((await sessions.retryRestore()).status).toBe('signedIn');
  });

  it('ends a restore whose service cannot start signed out with restore_failed', async () => {
    serviceFails = true;
    const state = await session().restore();
    expect(state).toMatchObject({ status: 'signedOut', reason: 'restore_failed' });
  });

  it('does not retry a restore that did not fail', async () => {
    const sessions = session();
    await sessions.restore();
    const before = changes.length;
    expect((await sessions.retryRestore()).status).toBe('signedIn');
    expect(changes.length).toBe(before);
  });

  it('runs a sign-out that lands during set-up after it: no inbox left open', async () => {
    let release = () => {};
    switchGate = new Promise((resolve) => (release = resolve));
    const sessions = session();
    const restoring = sessions.restore();
    const signingOut = sessions.signOut();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await restoring;
    const final = await signingOut;
    expect(final.status).toBe('signedOut');
    expect(changes).toEqual(['open alice@example.com', 'close']);
    expect(sessions.current().status).toBe('signedOut');
    expect(() => sessions.requireAccount()).toThrow();
  });

  it('signs out leaving no e-mail, unless "Remember me" was chosen at sign-in', async () => {
    const stored = () => readFile(join(folder, 'session.json'), 'utf8').catch(() => null);
    // Not chosen (the default): neither the form nor session.json keeps the e-mail.
    let sessions = session();
    expect((await sessions.restore()).status).toBe('signedIn');
    expect(await sessions.signOut()).toEqual({
      status: 'signedOut',
      reason: null,
      remembered: null,
    });
    expect(await stored()).toBeNull();
    // Chosen: the e-mail stays for the form, and in session.json for the next start.
    await new SessionPrefs(folder).remember({ ...account, remember: true });
    await keychain.set(scope, 'refresh-token', 'saved-refresh-token');
    sessions = session();
    expect((await sessions.restore()).status).toBe('signedIn');
    const out = await sessions.signOut();
    expect(out).toMatchObject({ status: 'signedOut', remembered: { ...account, remember: true } });
    expect(JSON.parse((await stored())!)).toMatchObject(account);
    expect((await session().restore()).status).toBe('signedOut');
  });

  it('is not signed in when the features fail to open half-way', async () => {
    const sessions = new SessionService({
      dataDir: folder,
      credentials: keychain,
      prefs: new SessionPrefs(folder),
      services: { baseUrl: async () => baseUrl },
      events: createEventBus(),
      log: createLogger(() => undefined, 'test'),
      onAccountChange: async (active) => {
        if (active) throw new Error('the inbox database could not open');
      },
    });
    const state = await sessions.restore();
    expect(state.status).toBe('signedOut');
    expect(() => sessions.requireAccount()).toThrow();
  });
});
