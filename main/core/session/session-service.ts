import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionState } from '../../../preload/contract';
import { AuthApi } from '../api/auth-api';
import { HttpClient, type AccessTokens } from '../api/http-client';
import { ServiceError } from '../api/service-error';
import type { CredentialScope, CredentialStore } from '../credentials/credential-store';
import type { Logger } from '../log/logger';
import type { EventBus } from '../rpc/event-bus';
import { scopeName, type RememberedAccount, type SessionPrefs } from './session-prefs';
import type { ServiceLocation } from './session-prefs';
import { renewalLock } from './renewal-lock';
import { TokenKeeper } from './token-keeper';

/** Finds the base URL of a service, starting the embedded one when it is asked for. */
export interface ServiceResolver {
  baseUrl(service: ServiceLocation): Promise<string>;
}

/** The signed-in account's client and identity, for the features that use the service. */
export interface ActiveAccount {
  account: RememberedAccount;
  http: HttpClient;
  baseUrl: string;
  tokens: AccessTokens;
  /** This account's private folder in the data folder (removed at sign-out). */
  dataDir: string;
  scope: CredentialScope;
}

/** Dependencies of the session. */
export interface SessionDeps {
  dataDir: string;
  credentials: CredentialStore;
  prefs: SessionPrefs;
  services: ServiceResolver;
  events: EventBus;
  log: Logger;
  /** Called when an account becomes active or stops being so (features start and stop). */
  onAccountChange?: (account: ActiveAccount | null) => Promise<void>;
  /**
   * A restore is renewing this account's sign-in: its stores may open ahead, out of reach
   * until `onAccountChange` makes the same account active; null when the renewal was refused.
   */
  onAccountAhead?: (account: ActiveAccount | null) => void;
}

/** The folder that holds one account's cache, named by a hash so no e-mail shows on disk. */
export function accountFolder(dataDir: string, scope: CredentialScope): string {
  const id = createHash('sha256')
    .update(`${scope.service}\n${scope.account}`)
    .digest('hex')
    .slice(0, 20);
  return join(dataDir, 'accounts', id);
}

/**
 * Sign-in, sign-up, sign-out and restoring the last session at start. The refresh token and
 * the local data key live only in the keychain; the access token only in memory.
 */
export class SessionService {
  private active: ActiveAccount | null = null;
  private state: SessionState = { status: 'restoring' };
  /** Transitions run one after another: a sign-out never interleaves with a sign-in's set-up. */
  private transitions: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SessionDeps) {}

  /** The current state, as the renderer sees it. */
  current(): SessionState {
    return this.state;
  }

  /** The active account, or a `signed_out` error for features that need one. */
  requireAccount(): ActiveAccount {
    if (!this.active) throw new ServiceError('signed_out', 'Not signed in');
    return this.active;
  }

  /**
   * At start: signs in silently when the keychain still holds a valid refresh token. Total:
   * it always ends signed in or signed out, with a reason when something failed
   * (`keychain_unavailable`, `restore_failed`) that the sign-in screen offers to retry.
   */
  restore(): Promise<SessionState> {
    return this.serially(() => this.restoreNow());
  }

  /** The sign-in screen's "Try again" after a failed restore; otherwise the current state. */
  retryRestore(): Promise<SessionState> {
    return this.serially(async () => {
      const state = this.state;
      const failed =
        state.status === 'signedOut' &&
        (state.reason === 'keychain_unavailable' || state.reason === 'restore_failed');
      return failed ? this.restoreNow() : state;
    });
  }

  private async restoreNow(): Promise<SessionState> {
    let remembered: RememberedAccount | null = null;
    try {
      remembered = await this.deps.prefs.lastAccount();
      return await this.restoreAccount(remembered);
    } catch (error: unknown) {
      const code = (error as { code?: string }).code;
      const reason = code === 'keychain_unavailable' ? code : 'restore_failed';
      this.deps.log.error('could not restore the session', { reason, error: String(error) });
      return this.setState({ status: 'signedOut', reason, remembered });
    }
  }

  private async restoreAccount(remembered: RememberedAccount | null): Promise<SessionState> {
    if (!remembered) return this.setState({ status: 'signedOut', reason: null, remembered: null });
    const scope = this.scopeOf(remembered);
    const token = await this.deps.credentials.get(scope, 'refresh-token');
    if (!token) return this.setState({ status: 'signedOut', reason: null, remembered });
    const active = await this.activate(remembered);
    // The renewal is a round trip to the service; the account's stores open meanwhile, out of
    // reach until it is entered below (a refused renewal closes them unseen).
    this.deps.onAccountAhead?.(active);
    try {
      await active.tokens.renew();
    } catch (error: unknown) {
      return this.handleFailedRestore(error, active);
    }
    return this.enter(active);
  }

  /** Signs in with e-mail and password; `remember` keeps the e-mail after sign-out. */
  signIn(
    service: ServiceLocation,
    email: string,
    password: string,
    remember = false,
  ): Promise<SessionState> {
    return this.serially(() => this.signInNow(service, email, password, remember));
  }

  private async signInNow(
    service: ServiceLocation,
    email: string,
    password: string,
    remember = false,
  ): Promise<SessionState> {
    const account = { service, email: email.trim().toLowerCase(), remember };
    const active = await this.activate(account);
    const pair = await active.auth.login(account.email, password);
    await active.tokens.adopt(pair);
    await this.deps.prefs.remember(account);
    return this.enter(active);
  }

  /** Creates a trial account, then signs in to it. */
  signUp(
    service: ServiceLocation,
    details: { name: string; email: string; password: string; birthDate: string },
  ): Promise<SessionState> {
    return this.serially(async () => {
      const baseUrl = await this.deps.services.baseUrl(service);
      const http = new HttpClient({ baseUrl, log: this.deps.log.child('http') });
      await new AuthApi(http).signUp({ ...details, email: details.email.trim().toLowerCase() });
      return this.signInNow(service, details.email, details.password);
    });
  }

  /** Signs out: revokes on the service when reachable, removes keychain entries and the cache. */
  signOut(reason: 'signedOut' | 'revoked' = 'signedOut'): Promise<SessionState> {
    return this.serially(() => this.signOutNow(reason));
  }

  private async signOutNow(reason: 'signedOut' | 'revoked'): Promise<SessionState> {
    const active = this.active;
    const last =
      active?.account ?? (this.state.status === 'signedOut' ? this.state.remembered : null);
    // Without "Remember me" no e-mail stays: not in the form, not in session.json.
    const remembered = last?.remember ? last : null;
    this.active = null;
    await this.deps.onAccountChange?.(null);
    if (active) {
      const token = await this.deps.credentials
        .get(active.scope, 'refresh-token')
        .catch(() => null);
      if (token && reason === 'signedOut') {
        await new AuthApi(active.http).logout(token).catch((error: unknown) => {
          this.deps.log.warn('could not revoke on the service', {
            code: (error as ServiceError).code,
          });
        });
      }
      await this.deps.credentials.deleteScope(active.scope);
      await rm(active.dataDir, { recursive: true, force: true });
    }
    if (!remembered) await this.deps.prefs.forget();
    return this.setState({
      status: 'signedOut',
      reason: reason === 'revoked' ? 'revoked' : null,
      remembered,
    });
  }

  /** After a deletion or termination: forget the account so not even its e-mail stays here. */
  async forget(): Promise<void> {
    await this.deps.prefs.forget();
    if (this.state.status === 'signedOut' && this.state.remembered)
      this.setState({ ...this.state, remembered: null });
  }

  /** A feature saw `signed_out` from the service: the sign-in was revoked elsewhere. */
  async revoked(): Promise<void> {
    await this.serially(async () => {
      if (this.active) await this.signOutNow('revoked');
    });
  }

  /** The account's data key for the encrypted cache, created on first use. */
  async dataKey(): Promise<Buffer> {
    return this.dataKeyOf(this.requireAccount().scope);
  }

  /** The data key of an account being restored (its stores open while the sign-in renews). */
  async dataKeyOf(scope: CredentialScope): Promise<Buffer> {
    const stored = await this.deps.credentials.get(scope, 'data-key');
    if (stored) return Buffer.from(stored, 'base64');
    const key = randomBytes(32);
    await this.deps.credentials.set(scope, 'data-key', key.toString('base64'));
    return key;
  }

  private scopeOf(account: RememberedAccount): CredentialScope {
    return { service: scopeName(account.service), account: account.email };
  }

  private async activate(account: RememberedAccount) {
    const scope = this.scopeOf(account);
    const baseUrl = await this.deps.services.baseUrl(account.service);
    const log = this.deps.log.child('http');
    const anonymous = new HttpClient({ baseUrl, log });
    const auth = new AuthApi(anonymous);
    const dataDir = accountFolder(this.deps.dataDir, scope);
    const tokens = new TokenKeeper({
      renew: (refreshToken) => auth.refresh(refreshToken),
      loadRefreshToken: () => this.deps.credentials.get(scope, 'refresh-token'),
      saveRefreshToken: (token) => this.deps.credentials.set(scope, 'refresh-token', token),
      lock: renewalLock(dataDir, this.deps.log.child('tokens')),
    });
    const http = new HttpClient({ baseUrl, log, tokens });
    return {
      account,
      scope,
      http,
      auth,
      tokens,
      baseUrl,
      dataDir,
    };
  }

  private async enter(active: ActiveAccount): Promise<SessionState> {
    const { account, http, dataDir, scope, baseUrl, tokens } = active;
    this.active = { account, http, dataDir, scope, baseUrl, tokens };
    try {
      await this.deps.onAccountChange?.(this.active);
    } catch (error: unknown) {
      // Half-way is not a state: without its features the account is not signed in.
      this.active = null;
      await this.deps.onAccountChange?.(null).catch(() => undefined);
      throw error;
    }
    return this.setState({
      status: 'signedIn',
      service: active.account.service,
      email: active.account.email,
    });
  }

  private async handleFailedRestore(error: unknown, active: ActiveAccount): Promise<SessionState> {
    const code = error instanceof ServiceError ? error.code : 'internal';
    if (code === 'signed_out' || (error instanceof ServiceError && error.status === 401)) {
      this.deps.onAccountAhead?.(null);
      await this.deps.credentials.deleteScope(active.scope);
      return this.setState({ status: 'signedOut', reason: 'revoked', remembered: active.account });
    }
    // Offline or the service is down: stay signed in with what is cached; calls retry later.
    this.deps.log.warn('signed in offline', { code });
    return this.enter(active);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.transitions.then(work, work);
    this.transitions = next.catch(() => undefined);
    return next;
  }

  private setState(state: SessionState): SessionState {
    this.state = state;
    this.deps.events.emit('session:changed', state);
    return state;
  }
}
