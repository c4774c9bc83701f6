import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import {
  countryOfLocale,
  defaultCountry,
  formatFaxNumber,
  paperFor,
} from '../../../preload/fax-numbers';
import { fetchAccount } from '../api/account-api';
import { detach } from '../async/detach';
import { toServiceError } from '../api/service-error';
import { ContactsStore } from '../contacts/contacts-store';
import type { ConvertOffice, IncomingFile } from '../compose/documents';
import { DraftService, type SendContext } from '../compose/draft-service';
import { FontSource } from '../compose/fonts';
import type { Logger } from '../log/logger';
import { notificationLanguage } from '../notifications/notification-policy';
import type { NotificationHost } from '../notifications/notifier';
import { AppError } from '../rpc/app-error';
import type { EventBus } from '../rpc/event-bus';
import type { ActiveAccount } from '../session/session-service';
import type { SettingsStore } from '../settings/settings-store';
import { Outbox } from './outbox';
import { OutboxApi } from './outbox-api';
import { SealedFiles } from './sealed-files';
import { openSendDatabase } from './send-database';
import { sentNotice } from './send-notices';

/** The sending features of one signed-in account. */
export interface SendAccount {
  drafts: DraftService;
  outbox: Outbox;
  contacts: ContactsStore;
  context(): Promise<SendContext>;
  report(id: string): Promise<{ name: string; bytes: Uint8Array }>;
}

/** What the sending features need from the app. */
export interface SendFeaturesDeps {
  settings: SettingsStore;
  events: EventBus;
  notifications: NotificationHost;
  hostLocale: string;
  log: Logger;
  dataKey: () => Promise<Buffer>;
  signedOut: () => void;
  forwardDocument?: (faxId: string) => Promise<IncomingFile>;
  /** A PDF the viewer opened through main, by its id (Forward from "Open a PDF…"). */
  openedDocument?: (openedId: string) => Promise<IncomingFile>;
  convertOffice?: ConvertOffice;
  pollMs?: number;
  /** False for a command-line run that only reads (`kamifax status`). */
  startOutbox?: boolean;
  /** What the outbox's upload loop and following wait for (start-up over: core/async/after-startup.ts). */
  startAfter?: () => Promise<void>;
}

/**
 * Opens drafts, the outbox and the address book for the signed-in account (in its database
 * and folder) and closes them at sign-out, like `AccountFeatures` does for the inbox.
 */
export class SendFeatures {
  private active: { account: SendAccount; close(): Promise<void> } | null = null;
  /** Moves at every switch: events of an account opened before it are muted. */
  private generation = 0;
  private readonly fonts = new FontSource();

  constructor(private readonly deps: SendFeaturesDeps) {}

  /** The open account's sending features, if signed in. */
  current(): SendAccount | null {
    return this.active?.account ?? null;
  }

  /**
   * Follows the session: close what was open, open for the new account. A close that fails
   * is logged and the switch goes on: the old account's outbox, drafts and contacts are out
   * of reach and their events muted (nothing of them reaches the window), the next one opens.
   */
  async switchTo(account: ActiveAccount | null): Promise<void> {
    const previous = this.active;
    this.active = null;
    const generation = ++this.generation;
    await previous?.close().catch((error: unknown) => {
      this.deps.log.error('could not close the previous outbox, drafts and contacts; going on', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    if (account) this.active = await this.open(account, () => generation === this.generation);
  }

  private async open(
    account: ActiveAccount,
    current: () => boolean,
  ): Promise<{ account: SendAccount; close(): Promise<void> }> {
    const deps = { ...this.deps, events: mutedUnless(current, this.deps.events) };
    const log = deps.log.child('send');
    await mkdir(account.dataDir, { recursive: true });
    const db: Db = openSendDatabase(join(account.dataDir, 'inbox.sqlite'));
    const key = await deps.dataKey();
    const api = new OutboxApi(account.http);
    let known: {
      own: string[];
      blocked: string[];
      sent: SendContext['sentPages'];
      at: number;
    } | null = null;
    const language = async () =>
      notificationLanguage((await deps.settings.get()).language, deps.hostLocale);
    const context = async (): Promise<SendContext> => {
      if (!known || Date.now() - known.at > 30_000) {
        try {
          const [info, blocked] = await Promise.all([fetchAccount(account.http), api.blocked()]);
          known = { own: info.faxNumbers, blocked, sent: info.usage.sentPages, at: Date.now() };
        } catch (error: unknown) {
          // Offline: the last known lists (the service checks again at upload).
          log.debug('account facts unavailable', { code: toServiceError(error).code });
          known ??= { own: [], blocked: [], sent: { used: 0, limit: null }, at: 0 };
        }
      }
      const settings = await deps.settings.get();
      const country = defaultCountry(settings.defaultCountry, known.own, deps.hostLocale);
      return {
        country,
        paper: paperFor(countryOfLocale(deps.hostLocale) ?? country),
        language: await language(),
        ownNumbers: known.own,
        blockedNumbers: known.blocked,
        sentPages: known.sent,
      };
    };
    const outbox = new Outbox({
      db,
      files: new SealedFiles(join(account.dataDir, 'outbox'), key),
      http: account.http,
      baseUrl: account.baseUrl,
      tokens: account.tokens,
      log: log.child('outbox'),
      pollMs: deps.pollMs,
      listener: {
        changed: (counts) => deps.events.emit('outbox:changed', counts),
        progress: (sendId, loaded, total) =>
          deps.events.emit('outbox:progress', { sendId, loaded, total }),
        finished: (row) => {
          known = null;
          if (current())
            detach(log, 'notifying a finished fax', this.notify(row, context, current));
        },
        signedOut: () => {
          if (current()) deps.signedOut();
        },
      },
    });
    const drafts = new DraftService({
      db,
      files: new SealedFiles(join(account.dataDir, 'drafts'), key),
      fonts: this.fonts,
      outbox,
      context,
      log: log.child('drafts'),
      forwardDocument: deps.forwardDocument,
      openedDocument: deps.openedDocument,
      convertOffice: deps.convertOffice,
      listener: {
        changed: (count, id) => deps.events.emit('drafts:changed', { count, id }),
        open: (draftId) => deps.events.emit('compose:open', { draftId }),
        progress: (progress) => deps.events.emit('drafts:progress', progress),
      },
    });
    const contacts = new ContactsStore(db, Date.now, (change) =>
      deps.events.emit('contacts:changed', change),
    );
    if (deps.startOutbox !== false) {
      // Sends waiting from the last run resume once the first screen is answered.
      const start = () => {
        if (!current()) return;
        outbox.start();
        log.debug('outbox started');
      };
      if (deps.startAfter) detach(log, 'starting the outbox', deps.startAfter().then(start));
      else start();
    }
    const sendAccount: SendAccount = {
      drafts,
      outbox,
      contacts,
      context,
      report: async (id) => {
        const row = outbox.store.find(id);
        if (!row) throw new AppError('not_found', 'No such sent fax');
        const ctx = await context();
        const number = formatFaxNumber(row.to, ctx.country);
        const fax = await outbox.document(row.sendId).catch(() => null);
        // pdf-lib loads at the first report, not with the app.
        const { transmissionReport } = await import('./transmission-report');
        const bytes = await transmissionReport({
          row,
          recipient: row.contactName ? `${row.contactName} (${number})` : number,
          fax,
          language: ctx.language,
          paper: ctx.paper,
          fonts: this.fonts,
        });
        const day = new Date(row.updatedAt).toISOString().slice(0, 10);
        return { name: `Transmission report ${day} ${row.to}.pdf`, bytes };
      },
    };
    return {
      account: sendAccount,
      // Every step runs even when the one before failed; the first failure is then thrown.
      async close() {
        const failures: unknown[] = [];
        await outbox.close().catch((error: unknown) => failures.push(error));
        try {
          db.close();
        } catch (error: unknown) {
          failures.push(error);
        }
        if (failures.length > 0) throw failures[0];
      },
    };
  }

  private async notify(
    row: Parameters<typeof sentNotice>[0],
    context: () => Promise<SendContext>,
    current: () => boolean,
  ): Promise<void> {
    const settings = await this.deps.settings.get();
    const ctx = await context();
    const who = row.contactName ?? formatFaxNumber(row.to, ctx.country);
    const notice = sentNotice(row, who, settings.notificationLevel, ctx.language);
    // Signed out or switched meanwhile: nothing of that account is shown any more.
    if (!notice || !current()) return;
    const view = row.status === 'delivered' ? 'sent' : 'outbox';
    this.deps.notifications.show(notice, () =>
      this.deps.events.emit('outbox:open', { id: row.id, view }),
    );
    this.deps.events.emit('notification:shown', notice);
  }
}

/** The event bus, silent once `current` turns false (an account switched away from). */
function mutedUnless(current: () => boolean, events: EventBus): EventBus {
  return {
    ...events,
    emit: (event, payload) => {
      if (current()) events.emit(event, payload);
    },
  };
}
