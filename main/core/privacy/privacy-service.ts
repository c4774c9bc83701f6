import { join } from 'node:path';
import type { PrivacySettingName, PrivacyView } from '../../../preload/privacy-contract';
import type { AccessTokens } from '../api/http-client';
import { ServiceError } from '../api/service-error';
import { detach } from '../async/detach';
import { LiveUpdates } from '../inbox/live-updates';
import type { Logger } from '../log/logger';
import { AppError } from '../rpc/app-error';
import type { ActiveAccount } from '../session/session-service';
import { PrivacyApi, type WireProfilePatch } from './privacy-api';
import {
  differing,
  isTransient,
  loadPrivacy,
  PrivacyFile,
  serverOf,
  viewOf,
  type StoredPrivacy,
} from './privacy-state';

/** What the privacy feature tells the rest of the app. */
export interface PrivacyListener {
  changed(view: PrivacyView): void;
  /** A policy version this account has not accepted appeared (once per version). */
  policyPublished(policy: { version: number; effectiveDate: string }): void;
  signedOut(): void;
}

/** Everything one account's privacy feature needs. */
export interface PrivacyServiceOptions {
  account: ActiveAccount;
  tokens: AccessTokens;
  listener: PrivacyListener;
  log: Logger;
  /** First retry after a failed sync; doubles up to a minute. */
  retryMs?: number;
  pollMs?: number;
  /** What the feed (and with it the first sync) waits for: start-up over (core/async/after-startup.ts). */
  startAfter?: Promise<void>;
}

type Settings = Record<PrivacySettingName, boolean>;

/**
 * One account's privacy choices. Edits apply here at once and are kept in `privacy.json`;
 * a background sync sends them with `If-Match`, replays them after being offline, keeps a
 * 412 as a conflict for the user to settle, puts back a setting the plan refuses (422), and
 * follows the event stream so changes made elsewhere appear live.
 */
export class PrivacyService {
  private offline = false;
  private queue: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private closed = false;
  private readonly api: PrivacyApi;
  private readonly live: LiveUpdates;

  private constructor(
    private readonly options: PrivacyServiceOptions,
    private state: StoredPrivacy,
    private readonly file: PrivacyFile,
  ) {
    this.api = new PrivacyApi(options.account.http, options.tokens);
    this.retryDelay = options.retryMs ?? 2000;
    this.live = new LiveUpdates({
      baseUrl: options.account.baseUrl,
      tokens: options.tokens,
      log: options.log.child('events'),
      onEvent: (event) => {
        if (/^(privacy|policy|account)\./.test(event.event)) this.kick(true);
      },
      onConnected: () => this.kick(true),
      onSignedOut: () => options.listener.signedOut(),
      // Each connection re-reads the state, so old events need not be replayed.
      lastEventId: () => null,
      saveLastEventId: () => undefined,
      pollMs: options.pollMs ?? 300_000,
      onPoll: () => this.kick(true),
    });
  }

  /** Opens the account's privacy state from disk and starts syncing in the background. */
  static async open(options: PrivacyServiceOptions): Promise<PrivacyService> {
    const path = join(options.account.dataDir, 'privacy.json');
    const service = new PrivacyService(options, await loadPrivacy(path), new PrivacyFile(path));
    const begin = () => {
      if (service.closed) return;
      service.live.start();
      options.log.debug('privacy feed started');
    };
    if (options.startAfter)
      detach(options.log, 'starting the privacy feed', options.startAfter.then(begin));
    else begin();
    return service;
  }

  /** What the screen shows now. */
  view(): PrivacyView {
    return viewOf(this.state, this.offline);
  }

  /** The account's API (export, deletion, blocked numbers share it). */
  client(): PrivacyApi {
    return this.api;
  }

  /** Applies an edit at once, keeps it on disk, and syncs it in the background. */
  async set(patch: Partial<Settings>): Promise<PrivacyView> {
    const server = this.state.server;
    if (!server) throw new AppError('needs_connection', 'The settings have not loaded yet');
    const pending = { ...this.state.pending };
    const base = this.state.base ?? { version: server.version, settings: server.settings };
    for (const [name, value] of Object.entries(patch) as [PrivacySettingName, boolean][]) {
      const rule = server.rules[name];
      if (!rule.editable && value !== server.settings[name])
        throw new AppError('plan_rule', `${name} is locked on this plan`);
      if (value === base.settings[name] && !this.state.conflict) delete pending[name];
      else pending[name] = value;
    }
    const empty = Object.keys(pending).length === 0;
    const refused =
      this.state.refused && this.state.refused.setting in patch ? null : this.state.refused;
    await this.update({ pending, base: empty ? null : base, refused });
    this.kick(false);
    return this.view();
  }

  /** Reads the service now and sends what is waiting (the Sync button, tests). */
  async syncNow(): Promise<PrivacyView> {
    await this.serial(() => this.sync(true));
    return this.view();
  }

  /** Settles a 412: keep this computer's edits on top of the service's, or take the service's. */
  async resolveConflict(keep: 'mine' | 'theirs'): Promise<PrivacyView> {
    const { conflict, server } = this.state;
    if (!conflict || !server) return this.view();
    if (keep === 'theirs') await this.update({ conflict: null, pending: {}, base: null });
    else
      await this.update({
        conflict: null,
        pending: conflict.mine,
        base: { version: server.version, settings: server.settings },
      });
    this.kick(false);
    return this.view();
  }

  /** Hides the note about a refused setting. */
  async dismissRefusal(): Promise<PrivacyView> {
    await this.update({ refused: null });
    return this.view();
  }

  /** Accepts the policy version the user read. */
  async acceptPolicy(version: number): Promise<PrivacyView> {
    await this.online(async () => {
      try {
        await this.api.acceptPolicy(version);
        await this.update({ acceptance: { version, at: new Date().toISOString() } });
      } finally {
        await this.refresh();
      }
    });
    return this.view();
  }

  /** Answers yes or no to a new use of data. */
  async answerConsent(id: string, granted: boolean): Promise<PrivacyView> {
    await this.online(async () => {
      await this.api.answerConsent(id, granted);
      await this.update({ consents: await this.api.consents() });
    });
    return this.view();
  }

  /** Corrects the profile on the service. */
  async updateProfile(patch: WireProfilePatch): Promise<PrivacyView> {
    await this.online(async () => {
      const account = await this.api.updateProfile(patch);
      await this.update({ profile: { ...account } });
    });
    return this.view();
  }

  /** Stops following the service and waits for writes. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    // Writes are still waited for when following fails to stop; that failure is then thrown.
    const failures: unknown[] = [];
    await this.live.stop().catch((error: unknown) => failures.push(error));
    await this.queue.catch(() => undefined);
    await this.file.settled().catch(() => undefined);
    if (failures.length > 0) throw failures[0];
  }

  /** Starts a sync in the background, one at a time. */
  private kick(refresh: boolean): void {
    if (this.closed) return;
    detach(
      this.options.log,
      'privacy sync',
      this.serial(() => this.sync(refresh)),
    );
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A call that needs the service: a network failure says so instead of pretending. */
  private async online(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isTransient(error))
        throw new AppError('needs_connection', 'The fax service cannot be reached');
      throw error;
    }
  }

  private async sync(refresh: boolean): Promise<void> {
    if (this.closed) return;
    try {
      if (refresh || !this.state.server) await this.refresh();
      await this.flush();
      this.retryDelay = this.options.retryMs ?? 2000;
      if (this.offline) {
        this.offline = false;
        this.emit();
      }
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'signed_out') {
        this.options.listener.signedOut();
        return;
      }
      if (!isTransient(error)) throw error;
      this.options.log.info('privacy sync waits for the service', {
        code: (error as ServiceError).code,
      });
      if (!this.offline) {
        this.offline = true;
        this.emit();
      }
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.kick(true);
    }, this.retryDelay);
    this.retry.unref?.();
    this.retryDelay = Math.min(this.retryDelay * 2, 60_000);
  }

  /** Reads everything the screen shows from the service. */
  private async refresh(): Promise<void> {
    const [privacy, policy, consents, account] = await Promise.all([
      this.api.privacy(),
      this.api.policy(),
      this.api.consents(),
      this.api.account(),
    ]);
    const policyState = {
      version: policy.version,
      effectiveDate: policy.effectiveDate,
      text: policy.text,
      accepted: policy.accepted,
      acceptedVersion: account.policy.acceptedVersion ?? null,
    };
    const announce = !policy.accepted && (this.state.announcedPolicy ?? 0) < policy.version;
    const pendingEmpty = Object.keys(this.state.pending).length === 0;
    await this.update({
      server: serverOf(privacy, account.plan),
      base: pendingEmpty ? null : this.state.base,
      profile: {
        name: account.name,
        email: account.email,
        plan: account.plan,
        demographics: {
          gender: account.demographics.gender ?? null,
          incomeLevel: account.demographics.incomeLevel ?? null,
          occupation: account.demographics.occupation ?? null,
        },
      },
      policy: policyState,
      consents,
      announcedPolicy: announce ? policy.version : this.state.announcedPolicy,
      lastSyncAt: Date.now(),
    });
    if (announce)
      this.options.listener.policyPublished({
        version: policy.version,
        effectiveDate: policy.effectiveDate,
      });
  }

  /** Sends the waiting edits until none are left or a conflict needs the user. */
  private async flush(): Promise<void> {
    for (let round = 0; round < 5; round += 1) {
      const { pending, base, server, conflict } = this.state;
      if (conflict || !server || Object.keys(pending).length === 0) return;
      const basis = base ?? { version: server.version, settings: server.settings };
      const sending = { ...pending };
      try {
        const fresh = serverOf(await this.api.putPrivacy(basis.version, sending), server.plan);
        const left = { ...this.state.pending };
        for (const [name, value] of Object.entries(sending) as [PrivacySettingName, boolean][])
          if (left[name] === value) delete left[name];
        const empty = Object.keys(left).length === 0;
        await this.update({
          server: fresh,
          pending: left,
          base: empty ? null : { version: fresh.version, settings: fresh.settings },
          lastSyncAt: Date.now(),
        });
      } catch (error) {
        const status = (error as ServiceError).status;
        if (status !== 412 && status !== 422) throw error;
        const fresh = serverOf(await this.api.privacy(), server.plan);
        if (status === 422) await this.putBackRefused(fresh);
        else await this.settleConflict(fresh, basis.settings);
      }
    }
  }

  /** A 422: each waiting edit the plan now forbids goes back, with the plan's reason. */
  private async putBackRefused(fresh: NonNullable<StoredPrivacy['server']>): Promise<void> {
    const pending = { ...this.state.pending };
    let refused = this.state.refused;
    for (const [name, value] of Object.entries(pending) as [PrivacySettingName, boolean][]) {
      const rule = fresh.rules[name];
      if (!rule.editable && value !== fresh.settings[name]) {
        delete pending[name];
        refused = { setting: name, reason: rule.reason };
      }
    }
    if (refused === this.state.refused) {
      // The service refused for a reason the rules do not show: keep nothing silently wrong.
      const [first] = Object.keys(pending) as PrivacySettingName[];
      if (first) {
        delete pending[first];
        refused = { setting: first, reason: null };
      }
    }
    const empty = Object.keys(pending).length === 0;
    await this.update({
      server: fresh,
      pending,
      refused,
      base: empty ? null : { version: fresh.version, settings: fresh.settings },
    });
  }

  /**
   * A 412: when the service's values did not change (a version bump alone), the edit is sent
   * again on the new version; otherwise the user sees what the other device changed and
   * chooses, and until then nothing is sent.
   */
  private async settleConflict(
    fresh: NonNullable<StoredPrivacy['server']>,
    basis: Settings,
  ): Promise<void> {
    const changed = differing(basis, fresh.settings);
    const mine = this.state.pending;
    if (changed.length === 0) {
      await this.update({
        server: fresh,
        base: { version: fresh.version, settings: fresh.settings },
      });
      return;
    }
    await this.update({
      server: fresh,
      conflict: { changed, theirs: fresh.settings, mine: { ...mine } },
    });
  }

  private async update(patch: Partial<StoredPrivacy>): Promise<void> {
    this.state = { ...this.state, ...patch };
    this.emit();
    // After close the account's folder may be gone (sign-out); nothing is written back.
    if (!this.closed) await this.file.save(this.state);
  }

  private emit(): void {
    if (!this.closed) this.options.listener.changed(this.view());
  }
}
